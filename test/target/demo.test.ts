import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/profile/load.js';
import {
  demoCapacityPerSec,
  demoExpectation,
  demoLoadEstimate,
  demoProfile,
  demoScale,
  demoTargetOptions,
  saturatingUserFactor,
} from '../../src/target/demo.js';
import { scaleShapeLevels } from '../../src/shapes/registry.js';

const spike = join(import.meta.dirname, '../../profiles/spike.yaml');

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

  describe('expected load at the peak (spike.yaml: think 0.1–2 s, 80+20 GETs at 30 ms, 5 POSTs at 60 ms)', () => {
    // mean service = (100 × 30 + 5 × 60) / 105 = 31.43 ms; capacity = 8 × 1000 / 31.43 = 254.5 req/s
    // offered = users × 1000 / (1050 + 31.43)
    it.each([
      [0.1, 500, /~1\.8×\): expect the queue to fill, 429 \+ Retry-After/],
      [0.06, 300, /~1\.1×\): expect the queue to fill/],
      [0.05, 250, /\(91% busy\), near capacity: expect some queueing \(p99 rises\) and few or no 429s; --users 0\.06 or more saturates it/],
      [0.01, 50, /\(18% busy\), well below capacity: expect little queueing and no 429s/],
    ])('users × %s → %s users at the peak', async (factor, users, banner) => {
      const profile = demoProfile(await loadProfile(spike, { scale: 0.01 }), 'http://127.0.0.1:1', factor);
      const e = demoLoadEstimate(profile, demoTargetOptions());
      const meanService = (100 * 30 + 5 * 60) / 105;
      expect(e.peakUsers).toBe(users);
      expect(e.meanThinkMs).toBe(1050);
      expect(e.meanServiceMs).toBeCloseTo(meanService, 9);
      expect(e.capacityPerSec).toBeCloseTo((8 * 1000) / meanService, 9);
      expect(e.offeredPerSec).toBeCloseTo((users * 1000) / (1050 + meanService), 9);
      expect(e.ratio > 1).toBe(e.offeredPerSec > e.capacityPerSec);
      const line = demoExpectation(e, factor);
      expect(line).toMatch(banner);
      // saturation is promised only when offered > capacity
      expect(line.includes('expect the queue to fill')).toBe(e.ratio > 1);
    });

    it('with watchTarget the load scrapes the target\'s workers, busy workers, queue and utilisation every second; without, no monitor', async () => {
      const base = await loadProfile(spike, { scale: 0.01 });
      expect(demoProfile(base, 'http://127.0.0.1:1', 0.05, true).monitor).toEqual({
        urls: ['http://127.0.0.1:1/metrics'],
        everyMs: 1000,
        allow: ['capplan_target_workers', 'capplan_target_busy_workers', 'capplan_target_queue_length', 'capplan_target_utilisation'],
      });
      expect(demoProfile(base, 'http://127.0.0.1:1', 0.05).monitor).toBeUndefined();
    });

    it('the saturating users factor offers exactly the capacity', async () => {
      const profile = demoProfile(await loadProfile(spike, { scale: 0.01 }), 'http://127.0.0.1:1', 0.05);
      const e = demoLoadEstimate(profile, demoTargetOptions());
      expect(saturatingUserFactor(e, 0.05) * 5000 * (1000 / (1050 + e.meanServiceMs))).toBeCloseTo(e.capacityPerSec, 9);
    });
  });
});
