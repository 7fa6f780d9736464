import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { littlesLaw } from '../../src/analysis/littles-law.js';

describe('littlesLaw', () => {
  it.each([
    // λ, W, c, L, ρ
    [1000, 0.01, undefined, 10, undefined], // the guide's §17.5.3 example
    [200, 0.25, 100, 50, 0.5],
    [50, 2, 80, 100, 1.25],
  ])('λ = %d/s, W = %d s, c = %s → L = %d, ρ = %s', (rate, w, servers, l, rho) => {
    const r = littlesLaw({ ratePerSec: rate, timeInSystemSec: w, servers });
    expect(r.inSystem).toBeCloseTo(l, 12);
    expect(r.offeredLoad).toBeCloseTo(l, 12);
    if (rho === undefined) expect(r.utilisation).toBeUndefined();
    else {
      expect(r.utilisation).toBeCloseTo(rho, 12);
      expect(r.stable).toBe(rho < 1);
    }
  });

  it('L = λW and W = L/λ for any rate and time', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1e3, noNaN: true }), (rate, w) => {
        const r = littlesLaw({ ratePerSec: rate, timeInSystemSec: w });
        expect(r.inSystem).toBe(rate * w);
        expect(r.inSystem / rate).toBeCloseTo(w, 9);
      }),
      { seed: 1 },
    );
  });
});
