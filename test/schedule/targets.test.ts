import { describe, expect, it } from 'vitest';
import { intendedArrivalsBetween } from '../../src/schedule/targets.js';
import { buildShape } from '../../src/shapes/registry.js';

describe('intendedArrivalsBetween', () => {
  it('per-second targets of a ramp are the trapezoids', () => {
    const shape = buildShape({ kind: 'ramp', from: 0, to: 100, durationMs: 10_000 });
    // rate(t) = 10t, ∫ₛ^{s+1} 10t dt = 5(2s + 1)
    for (let s = 0; s < 10; s++) expect(intendedArrivalsBetween(shape, s, s + 1)).toBeCloseTo(5 * (2 * s + 1), 9);
    expect(intendedArrivalsBetween(shape, 0, 10)).toBe(500);
  });
});
