import { describe, expect, it } from 'vitest';
import { demoCapacityPerSec, demoScale, scaleShapeLevels } from '../../src/target/demo.js';

describe('demo plan', () => {
  it('fits the 17.5-minute spike scenario into 45 s', () => {
    expect(demoScale(1050)).toBeCloseTo(45 / 1050, 12);
  });

  it('sizes the target below the spike: 8 workers × 30 ms ≈ 267 req/s', () => {
    expect(demoCapacityPerSec()).toBeCloseTo(266.67, 2);
  });

  it.each([
    [{ kind: 'stages', stages: [{ durationMs: 1, from: 0, to: 1000, name: 'a' }, { durationMs: 1, from: 1000, to: 5000, name: 'b' }] }, 0.1, { kind: 'stages', stages: [{ durationMs: 1, from: 0, to: 100, name: 'a' }, { durationMs: 1, from: 100, to: 500, name: 'b' }] }],
    [{ kind: 'steady', level: 33, durationMs: 5 }, 0.1, { kind: 'steady', level: 3, durationMs: 5 }],
    [{ kind: 'spike', base: 10, peak: 100, beforeMs: 1, riseMs: 1, holdMs: 1, fallMs: 1, afterMs: 1 }, 0.5, { kind: 'spike', base: 5, peak: 50, beforeMs: 1, riseMs: 1, holdMs: 1, fallMs: 1, afterMs: 1 }],
    [{ kind: 'diurnal', min: 10, max: 30, periodMs: 1, durationMs: 1, phaseMs: 0 }, 2, { kind: 'diurnal', min: 20, max: 60, periodMs: 1, durationMs: 1, phaseMs: 0 }],
  ] as const)('scaleShapeLevels %#', (shape, factor, expected) => {
    expect(scaleShapeLevels(shape as never, factor)).toEqual(expected);
  });
});
