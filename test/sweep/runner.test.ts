import { describe, expect, it } from 'vitest';
import { startTarget } from '../../src/target/index.js';
import { runSweep } from '../../src/sweep/runner.js';
import { adHocProfile } from '../../src/sweep/profiles.js';
import { availableParallelism } from 'node:os';
import { measureCapacity } from '../../src/sweep/capacity-run.js';
import { payloadProfile } from '../../src/sweep/payload.js';

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

describe('payload sizes against your own service: a size → path mapping (real sockets on 127.0.0.1)', () => {
  it('each size runs against its own path, and the responses carry that size', async () => {
    // "Your own service" here is a built-in target reached by URL, whose paths answer the sizes.
    const target = await startTarget({ workers: 2, serviceTimeMs: 5, queue: 10 });
    try {
      const paths = new Map([[1024, '/item/1?size=1024'], [10240, '/item/2?size=10240']]);
      const base = adHocProfile({ target: target.url, path: '/' });
      for (const bytes of [1024, 10240]) {
        const { outcome } = await measureCapacity(payloadProfile(base, bytes, paths), target.url, bytes, { concurrency: [2], loadFractions: [], warmupMs: 200, measureMs: 1000 });
        const step = outcome!.steps[0];
        expect(step.endpoints.map((e) => e.name)).toEqual([`GET ${paths.get(bytes)} (${bytes / 1024} KB)`]);
        expect(step.summary.count).toBeGreaterThan(10);
        // Body bytes per response = the size asked for (exact: every answer was a 200 of that size).
        expect(step.summary.bytesIn / step.summary.count).toBe(bytes);
        expect(step.resources!.targetWorkersBusy).toBeNull();
      }
      expect(target.stats().endpoints['GET /item'].served).toBeGreaterThan(20);
    } finally {
      await target.close();
    }
  }, 30_000);
});
