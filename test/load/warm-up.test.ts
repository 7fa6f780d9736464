/**
 * Warm-ups before t = 0 (issue 13: "open (and warm) connections before t = 0, outside the measurement"): the opt-in
 * `warmupRequests` (open model: paced through the run's own sender and connections; closed model: a throwaway sender)
 * and the open model's default local warm-up (the run's sender diverted to a local server). The run's schedule,
 * counts and result are exactly those of a run without warm-up; the server sees the opt-in warm-up's requests on
 * top, all before the run's, and none of the local one's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/load/run.js';
import { buildShape } from '../../src/shapes/registry.js';
import { LOCAL_WARMUP_MIN_RATE, LOCAL_WARMUP_MS, warmUp, warmUpOpen, WARMUP_CONNECTIONS } from '../../src/load/warm-up.js';
import { Sender } from '../../src/load/sender.js';
import { createRequestGenerator } from '../../src/mix/generator.js';
import { endpoint, startServer, testProfile } from './helpers.js';
import { performance } from 'node:perf_hooks';
import { Recorder } from '../../src/load/recorder.js';

let server: Awaited<ReturnType<typeof startServer>>;
const seen: Array<{ path: string; atMs: number }> = [];
beforeAll(async () => {
  server = await startServer((req, res) => {
    seen.push({ path: req.url ?? '', atMs: Date.now() });
    res.end('hello');
  });
});
afterAll(() => server.close());

describe('warm-up before t = 0', () => {
  it('warmUp sends exactly `count` requests with at most WARMUP_CONNECTIONS in flight and closes its connections', async () => {
    seen.length = 0;
    const profile = testProfile(server.url, { level: 10, durationMs: 1000 });
    const source = createRequestGenerator(profile, { seed: 3, env: {}, workerIndex: 0, workerCount: 1 });
    const done = await warmUp(50, source, { origin: server.url, basePath: '', endpoints: profile.endpoints, insecure: false }, profile.endpoints.map((e) => e.name));
    expect(done).toBe(50);
    expect(seen).toHaveLength(50);
    expect(WARMUP_CONNECTIONS).toBeGreaterThan(0);
    expect(await warmUp(0, source, { origin: server.url, basePath: '', endpoints: profile.endpoints, insecure: false }, [])).toBe(0);
  });

  it.each([
    { model: 'open' as const, workers: 2 },
    { model: 'closed' as const, workers: 2 },
  ])('$model model, a run with warmupRequests: the server sees workers × N more requests, all before t = 0; the result holds only the run', async ({ model, workers }) => {
    seen.length = 0;
    const base = testProfile(server.url, { level: model === 'open' ? 200 : 4, durationMs: 2000 });
    const profile = { ...base, model, endpoints: [endpoint('home', '/home')], warmupRequests: 100 };
    // (no pre-run probe, so the server counts only the warm-up and the run)
    const { result } = await runLoad(profile, { workers, probe: false });
    const t = result.summary.total;
    if (model === 'open') {
      const planned = Math.floor(buildShape(profile.shape).cumulative(2));
      expect(t.scheduled).toBe(planned);
      expect(t.count).toBe(planned);
    }
    expect(t.count).toBeGreaterThan(0);
    expect(t.statusCodes['200']).toBe(t.count);
    expect(seen).toHaveLength(t.count + workers * 100);
    // the warm-up's requests arrived before t = 0 (the server's clock is this process's)
    expect(seen.filter((s) => s.atMs < result.run.startEpochMs)).toHaveLength(workers * 100);
  }, 30_000);

  it("warmUpOpen by default paces the run's sender against a local server: it answers requests, the target sees none", async () => {
    seen.length = 0;
    let connections = 0;
    const count = () => connections++;
    server.server.on('connection', count);
    const profile = testProfile(server.url, { level: 2000, durationMs: 1000 });
    const recorder = new Recorder({ endpointNames: ['root'], timeOriginMs: performance.timeOrigin, lateThresholdMs: 10 });
    const sender = new Sender({ origin: server.url, basePath: '', connections: 8, endpoints: profile.endpoints, recorder, insecure: false });
    const runDone = sender.onDone;
    try {
      const served = await warmUpOpen({
        ratePerSec: 2000, connections: 8, arrivals: 'uniform', source: createRequestGenerator(profile, { seed: 5, env: {}, workerIndex: 0, workerCount: 1 }),
        sender, recorder, maxLagMs: 10_000, maxBacklog: 100_000,
      });
      // what the warm-up recorded was taken and discarded: the run's recorder starts empty; the run's callback is back
      expect(recorder.heldSeconds).toBe(0);
      expect(sender.onDone).toBe(runDone);
      // 2000 req/s for LOCAL_WARMUP_MS: at least half of them answered even on a busy machine
      expect(served).toBeGreaterThanOrEqual((2000 * LOCAL_WARMUP_MS) / 1000 / 2);
      expect(served).toBeLessThanOrEqual((2000 * LOCAL_WARMUP_MS) / 1000 + 1);
      expect(seen).toHaveLength(0);
      expect(connections).toBe(0);
      expect(sender.inflight).toBe(0);
    } finally {
      server.server.off('connection', count);
      await sender.close();
    }
  }, 20_000);

  it(`an open-model run at ≥ ${LOCAL_WARMUP_MIN_RATE} req/s per worker warms up locally by default: the target sees exactly the run's requests`, async () => {
    seen.length = 0;
    const profile = testProfile(server.url, { level: 2 * LOCAL_WARMUP_MIN_RATE, durationMs: 1000 });
    const planned = Math.floor(buildShape(profile.shape).cumulative(1));
    const { result } = await runLoad(profile, { workers: 1, probe: false });
    expect(result.summary.total.count).toBe(planned);
    expect(seen).toHaveLength(planned);
  }, 30_000);
});
