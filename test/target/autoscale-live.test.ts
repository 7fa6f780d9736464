import { describe, expect, it } from 'vitest';
import { startTarget } from '../../src/target/index.js';
import { runLoad } from '../../src/load/run.js';
import { adHocProfile } from '../../src/sweep/profiles.js';
import type { Profile } from '../../src/profile/types.js';

describe('built-in target with --autoscale (real sockets on 127.0.0.1)', () => {
  it('300 req/s on 10 ms workers starting at 1: the seed rule grows the pool to carry it', async () => {
    // One worker serves 100 req/s; 300 req/s needs ≥ 5 at 70 %: 1 → 2 → 4 → 8 with a 0.5 s up-cooldown.
    const target = await startTarget({
      workers: 1,
      serviceTimeMs: 10,
      queue: 2000,
      autoscale: { minWorkers: 1, maxWorkers: 8, targetUtilisation: 0.7, upCooldownSec: 0.5, downCooldownSec: 60, tickSec: 0.25 },
    });
    try {
      // The load records the target's workers and utilisation from its /metrics each 250 ms (the monitor, §2 of issue 11).
      const profile: Profile = {
        ...adHocProfile({ target: target.url, path: '/item/1' }),
        model: 'open',
        shape: { kind: 'steady', level: 300, durationMs: 3000 },
        monitor: { urls: [`${target.url}/metrics`], everyMs: 250, allow: ['capplan_target_workers', 'capplan_target_utilisation'] },
      };
      const { result } = await runLoad(profile, { workers: 1, connections: 400, write: false });
      const series = new Map(result.monitor?.series.map((x) => [x.name, x]));
      expect([...series.keys()].sort()).toEqual(['capplan_target_utilisation', 'capplan_target_workers']);
      const workers = series.get('capplan_target_workers')!;
      expect(workers.t.length).toBeGreaterThanOrEqual(2);
      expect(Math.max(...workers.max)).toBe(8);
      expect(workers.min.every((w) => [1, 2, 4, 8].includes(w))).toBe(true);
      expect(Math.max(...series.get('capplan_target_utilisation')!.max)).toBeGreaterThan(0.5);
      const samples = target.autoscaleSamples();
      // Logical: only doublings from 1, never above max, the stats show the live size.
      const sizes = [...new Set(samples.map((s) => s.workers))];
      expect(sizes.every((w) => [1, 2, 4, 8].includes(w))).toBe(true);
      expect(Math.max(...sizes)).toBe(8);
      expect(target.stats().workers).toBe(8);
      expect(target.stats().autoscale).toBeDefined();
      // Physical: at some tick the measured demand was near 300 req/s and the pool was busy.
      expect(Math.max(...samples.map((s) => s.demandPerSec))).toBeGreaterThan(150);
      expect(Math.max(...samples.map((s) => s.utilisation))).toBeGreaterThan(0.5);
      expect(target.stats().rejected).toBe(0);
    } finally {
      await target.close();
    }
  }, 30_000);
});
