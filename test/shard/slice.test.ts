import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openArrivals } from '../../src/schedule/open-arrivals.js';
import { splitLevel } from '../../src/schedule/closed-users.js';
import { buildShape } from '../../src/shapes/registry.js';
import type { ShapeSpec } from '../../src/profile/types.js';
import { workerSlice } from '../../src/shard/slice.js';

/** Every intended time of one slice, in order. */
function drain(spec: ShapeSpec, index: number, count: number, arrivals: 'uniform' | 'poisson', seed = 42): number[] {
  const it = openArrivals(buildShape(spec), { workerIndex: index, workerCount: count, arrivals, seed });
  const out: number[] = [];
  for (let t = it.next(); t !== Infinity; t = it.next()) out.push(t);
  return out;
}

/**
 * Piecewise-linear shapes invert analytically, so the times are bit-identical. Smooth shapes
 * (diurnal) invert by Newton from a warm start that depends on the previous target, so the same
 * arrival's time may differ in the last bits: compare within 1 ns.
 */
function expectSameTimes(actual: number[], expected: number[], exact: boolean): void {
  if (exact) {
    expect(actual).toEqual(expected);
    return;
  }
  expect(actual.length).toBe(expected.length);
  const worst = actual.reduce((m, t, k) => Math.max(m, Math.abs(t - expected[k])), 0);
  expect(worst).toBeLessThan(1e-6);
}

const SHAPES: Array<[string, ShapeSpec]> = [
  ['steady 200 req/s for 3 s', { kind: 'steady', level: 200, durationMs: 3000 }],
  ['ramp 0 → 300 req/s over 4 s', { kind: 'ramp', from: 0, to: 300, durationMs: 4000 }],
  ['diurnal 10..150 req/s', { kind: 'diurnal', min: 10, max: 150, periodMs: 3000, durationMs: 3000, phaseMs: 0 }],
];

describe('workerSlice', () => {
  it.each([
    [undefined, 0, 1, { index: 0, count: 1 }],
    [undefined, 2, 4, { index: 2, count: 4 }],
    [{ index: 0, count: 3 }, 0, 1, { index: 0, count: 3 }],
    [{ index: 2, count: 3 }, 0, 2, { index: 2, count: 6 }],
    [{ index: 2, count: 3 }, 1, 2, { index: 5, count: 6 }],
    [{ index: 1, count: 4 }, 3, 5, { index: 13, count: 20 }],
  ])('shard %j, worker %i of %i → slice %j', (shard, w, W, slice) => {
    expect(workerSlice(shard, w, W)).toEqual(slice);
  });

  describe.each(['uniform', 'poisson'] as const)('open model, %s arrivals', (arrivals) => {
    it.each(SHAPES)('%s: shard I sends exactly arrivals k ≡ I (mod N) of the one-machine plan, whatever its worker count', (_name, spec) => {
      const plan = drain(spec, 0, 1, arrivals);
      expect(plan.length).toBeGreaterThan(100);
      for (const [n, workersPerShard] of [[1, [3]], [2, [1, 2]], [3, [2, 1, 3]], [5, [1, 1, 2, 1, 4]]] as const) {
        const union: number[] = [];
        for (let i = 0; i < n; i++) {
          const W = workersPerShard[i];
          const shardTimes: number[] = [];
          for (let w = 0; w < W; w++) {
            const s = workerSlice({ index: i, count: n }, w, W);
            shardTimes.push(...drain(spec, s.index, s.count, arrivals));
          }
          const expected = plan.filter((_, k) => k % n === i);
          expectSameTimes(shardTimes.sort((a, b) => a - b), expected, spec.kind !== 'diurnal');
          union.push(...shardTimes);
        }
        expectSameTimes(union.sort((a, b) => a - b), plan, spec.kind !== 'diurnal');
      }
    });
  });

  it('closed model: the workers of shard I run splitLevel(total, I, N) users and all shards run the total, whatever W', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }),
        (total, workersPerShard) => {
          const n = workersPerShard.length;
          let all = 0;
          for (let i = 0; i < n; i++) {
            let shardUsers = 0;
            for (let w = 0; w < workersPerShard[i]; w++) {
              const s = workerSlice({ index: i, count: n }, w, workersPerShard[i]);
              shardUsers += splitLevel(total, s.index, s.count);
            }
            expect(shardUsers).toBe(splitLevel(total, i, n));
            all += shardUsers;
          }
          expect(all).toBe(total);
        },
      ),
    );
  });
});
