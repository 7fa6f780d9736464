import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLevel, usersAt } from '../../src/schedule/closed-users.js';
import { buildShape } from '../../src/shapes/registry.js';
import { GUIDE_SPIKE_STAGES } from '../shapes/fixtures.js';

describe('usersAt', () => {
  it.each([
    [0, 0],
    [150, 500],
    [299.9, 1000],
    [300, 1000],
    [315, 3000],
    [330, 5000],
    [930, 5000],
    [990, 2500],
    [1050, 0],
  ])('spike guide profile at t=%ss → %i users', (t, users) => {
    const shape = buildShape({ kind: 'stages', stages: GUIDE_SPIKE_STAGES });
    expect(usersAt(shape, t)).toBe(users);
  });
});

describe('splitLevel', () => {
  it.each([
    [10, 3, [4, 3, 3]],
    [2, 4, [1, 1, 0, 0]],
    [0, 2, [0, 0]],
    [7, 1, [7]],
  ])('%i over %i workers → %j', (total, W, shares) => {
    expect(Array.from({ length: W }, (_, w) => splitLevel(total, w, W))).toEqual(shares);
  });

  it('property: shares sum to total and differ by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 64 }), (total, W) => {
        const shares = Array.from({ length: W }, (_, w) => splitLevel(total, w, W));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
