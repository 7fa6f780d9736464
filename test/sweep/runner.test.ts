import { describe, expect, it } from 'vitest';
import { startTarget } from '../../src/target/index.js';
import { runSweep } from '../../src/sweep/runner.js';
import { adHocProfile } from '../../src/sweep/profiles.js';
import { availableParallelism } from 'node:os';

describe('runSweep measures a monitored service (real sockets on 127.0.0.1)', () => {
  it("a service that is not the in-process built-in target: its CPU from its /metrics, its limit unknown unless the generator's own was reached", async () => {
    // Driven by URL and without `builtin`, so the sweep treats it as your own service; its /metrics is prom-client's.
    const target = await startTarget({ workers: 2, serviceTimeMs: 5, queue: 10 });
    try {
      const base = { ...adHocProfile({ target: target.url, path: '/item/1' }), monitor: { urls: [`${target.url}/metrics`], everyMs: 200, allow: ['process_cpu_seconds_total'] } };
      const { steps } = await runSweep({ base, target: target.url, steps: [{ concurrency: 2, warmupMs: 300, measureMs: 1500 }] });
      const r = steps[0].resources!;
      expect(r.targetWorkersBusy).toBeNull();
      expect(r.targetLoopBusy).toBeNull();
      // Physical, generous: some CPU, never more than the machine has.
      expect(r.targetCpuCores).toBeGreaterThan(0);
      expect(r.targetCpuCores).toBeLessThanOrEqual(availableParallelism() + 0.5);
      expect(['unmeasured', 'generator', 'cpu']).toContain(steps[0].bottleneck);
    } finally {
      await target.close();
    }
  }, 30_000);
});
