import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adjustPValues, benjaminiHochberg, holm } from '../../src/stats/multiple-testing.js';

const P = [0.01, 0.04, 0.03, 0.005, 0.2];

describe('multiple-testing corrections', () => {
  it('Holm–Bonferroni step-down (worked by hand)', () => {
    // sorted: .005·5=.025, .01·4=.04, .03·3=.09, .04·2=.08→.09 (monotone), .2·1=.2
    const adj = holm(P);
    [0.04, 0.09, 0.09, 0.025, 0.2].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 12));
  });

  it('Benjamini–Hochberg matches SciPy false_discovery_control', () => {
    const adj = benjaminiHochberg(P);
    [0.025, 0.05, 0.05, 0.025, 0.2].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 12));
  });

  it('none leaves p-values alone; empty input is fine', () => {
    expect(adjustPValues(P, 'none')).toEqual(P);
    expect(holm([])).toEqual([]);
  });

  it('properties: adjusted ≥ raw, ≤ 1, Holm ≥ BH, order preserved', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), (p) => {
        const h = holm(p);
        const b = benjaminiHochberg(p);
        p.forEach((raw, i) => {
          expect(h[i]).toBeGreaterThanOrEqual(raw - 1e-12);
          expect(h[i]).toBeLessThanOrEqual(1);
          expect(b[i]).toBeGreaterThanOrEqual(raw - 1e-12);
          expect(h[i]).toBeGreaterThanOrEqual(b[i] - 1e-15);
        });
        for (let i = 0; i < p.length; i++) for (let j = 0; j < p.length; j++) if (p[i] < p[j]) expect(h[i]).toBeLessThanOrEqual(h[j]);
      }),
    );
  });
});
