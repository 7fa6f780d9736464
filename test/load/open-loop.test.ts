/**
 * The open model's pool grows on demand, and only while the worker can use it (issue 13): a slow target gets the
 * connections Little's law asks for (L = λ·W), a worker whose event loop is saturated does not open more.
 * Real sockets, a real OpenLoop, Sender and Recorder on this thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { OpenLoop } from '../../src/load/open-loop.js';
import { Sender } from '../../src/load/sender.js';
import { Recorder } from '../../src/load/recorder.js';
import { openArrivals } from '../../src/schedule/open-arrivals.js';
import { stagesShape } from '../../src/shapes/stages.js';
import { steadyStages } from '../../src/shapes/steady.js';
import { createRequestGenerator } from '../../src/mix/generator.js';
import { startServer, testProfile } from './helpers.js';
import { Waker } from '../../src/load/waker.js';

const SLOW_MS = 40;
let slow: Awaited<ReturnType<typeof startServer>>;
let fast: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  slow = await startServer((_req, res) => void setTimeout(() => res.end('slow'), SLOW_MS));
  fast = await startServer((_req, res) => res.end('fast'));
});
afterAll(async () => {
  await slow.close();
  await fast.close();
});

/** Run `ratePerSec` for `durationMs` through a fresh OpenLoop; the most connections busy at once, and the counts. */
async function run(url: string, ratePerSec: number, durationMs: number, initialConnections: number, connections: number, during?: () => () => void, wakeAt?: (loop: OpenLoop) => (perfMs: number) => void) {
  const profile = testProfile(url, { level: ratePerSec, durationMs });
  const recorder = new Recorder({ endpointNames: ['root'], timeOriginMs: performance.timeOrigin, lateThresholdMs: 10 });
  const sender = new Sender({ origin: url, basePath: '', connections, endpoints: profile.endpoints, recorder, insecure: false });
  const loop = new OpenLoop({
    arrivals: openArrivals(stagesShape(steadyStages(ratePerSec, durationMs)), { workerIndex: 0, workerCount: 1, arrivals: 'uniform', seed: 1 }),
    source: createRequestGenerator(profile, { seed: 1, env: {}, workerIndex: 0, workerCount: 1 }),
    sender, recorder, connections, initialConnections, maxLagMs: 10_000, maxBacklog: 100_000, sendUntilMs: durationMs + 5000,
    ...(wakeAt ? { wakeAt: (perfMs: number) => wakeAt(loop)(perfMs) } : {}),
  });
  const stopLoad = during?.();
  loop.start(performance.now());
  await loop.ended;
  stopLoad?.();
  const until = performance.now() + 5000;
  while (!loop.idle && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
  await sender.close();
  const seconds = recorder.take(Infinity);
  const inflightMax = Math.max(...seconds.map((s) => s.sender?.inflightMax ?? 0));
  const sum = (k: 'scheduled' | 'completed' | 'dropped') => seconds.reduce((a, s) => a + (s.endpoints.root?.[k] ?? 0), 0);
  return { inflightMax, scheduled: sum('scheduled'), completed: sum('completed'), dropped: sum('dropped') };
}

/** Block this thread for `busyMs` every `everyMs` while the run lasts (returns the starter that returns the stopper). */
function spinEvery(busyMs: number, everyMs: number): () => () => void {
  return () => {
    const t = setInterval(() => {
      const until = performance.now() + busyMs;
      while (performance.now() < until);
    }, everyMs);
    return () => clearInterval(t);
  };
}

describe('OpenLoop: the pool grows on demand', () => {
  it(`a slow target (${SLOW_MS} ms) at 400 req/s: from 2 connections up to what L = λ·W needs (16), every arrival served`, async () => {
    const r = await run(slow.url, 400, 1500, 2, 200);
    expect(r.scheduled).toBe(600);
    expect(r.completed).toBe(600);
    expect(r.dropped).toBe(0);
    // λ·W = 400/s × 0.04 s = 16 in flight at least; far more than the 2 it started with
    expect(r.inflightMax).toBeGreaterThanOrEqual(16);
  }, 20_000);

  it('a saturated event loop (busy 15 of every 16 ms) does not grow the pool beyond one growth step', async () => {
    // The loop is blocked for 15 ms at a time, so ~30 arrivals fall due together each time: ungated (GROW_BELOW_ELU
    // set to 2), this run reached 128 connections; gated, it keeps its 2 (the bound allows one step of MIN_GROW = 8).
    const r = await run(fast.url, 2000, 600, 2, 200, spinEvery(15, 1));
    expect(r.completed).toBe(r.scheduled - r.dropped);
    expect(r.inflightMax).toBeLessThanOrEqual(10);
  }, 20_000);

  it("a fast target and a worker that stalls 30 ms every 150 ms at 3 000 req/s: Little's law (2·λ·W + 8, about 10–30) keeps the pool small", async () => {
    // Each stall leaves ~90 arrivals due at once; the loop is otherwise idle (utilisation far below 85%), so only the
    // Little's-law bound holds the pool: without it (the bound ignored) this run reached 112 and 115 connections.
    const r = await run(fast.url, 3000, 1200, 2, 200, spinEvery(30, 150));
    expect(r.completed).toBe(r.scheduled - r.dropped);
    // no growth in the first window; after it, at most doubling per window and ≤ 2·λ·W + 8
    expect(r.inflightMax).toBeLessThanOrEqual(40);
  }, 20_000);

  it('with a Waker, the loop asks for a wake-up at each next arrival while it has room, and every arrival is still sent once', async () => {
    let asked = 0;
    let waker: Waker | null = null;
    const r = await run(fast.url, 1000, 500, 4, 50, undefined, (loop) => {
      waker ??= new Waker(() => loop.wake());
      return (perfMs) => {
        asked++;
        waker!.wakeAt(perfMs);
      };
    });
    await (waker as Waker | null)?.close();
    expect(r.scheduled).toBe(500);
    expect(r.completed).toBe(500);
    // about one request per arrival (1 000 req/s, 1 ms apart); at least half even on a busy machine
    expect(asked).toBeGreaterThanOrEqual(250);
  }, 20_000);
});
