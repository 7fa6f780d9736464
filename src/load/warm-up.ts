/**
 * Warming the send path before t = 0, outside the measurement. What it warms is the code: V8 compiles the hot
 * functions of the generator, the sender, undici's dispatch and parser and the recorder, which a cold worker
 * otherwise compiles during the first second of the run, when at high rates the sends fall behind (measured: 30 000
 * req/s on nginx, every late request of a 6 s run in its first second). Every warm-up draws from a request stream of
 * its own (another seed), so the run's schedule, mix and keys are exactly those of a run without warm-up, and nothing
 * of it reaches the result.
 *  - Open model, by default at ≥ LOCAL_WARMUP_MIN_RATE per worker: {@link warmUpOpen} against a local server the
 *    target never sees, through the run's own sender (its connections diverted there).
 *  - Open model, opt-in (`warmupRequests: N` in the profile or `--warmup-requests N`): {@link warmUpOpen} sends N
 *    requests to the target, paced at the run's peak rate, through the run's own sender and connections.
 *  - Closed model, opt-in: {@link warmUp} sends N requests to the target through a throwaway sender of its own.
 */
import { performance } from 'node:perf_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestGenerator } from '../mix/generator.js';
import { stagesShape } from '../shapes/stages.js';
import { steadyStages } from '../shapes/steady.js';
import { openArrivals } from '../schedule/open-arrivals.js';
import { Recorder } from './recorder.js';
import { OpenLoop } from './open-loop.js';
import { Sender, type Exchange, type SenderOptions } from './sender.js';

/** Connections the warm-up opens (its own: the run's connections stay idle and unused until t = 0). */
export const WARMUP_CONNECTIONS = 8;
/** The warm-up stops after this long even when requests are still in flight (a slow target must not delay the start), ms. */
export const WARMUP_MAX_MS = 3000;

/**
 * The closed model's opt-in warm-up: send `count` requests from `source` with at most WARMUP_CONNECTIONS in flight
 * through a throwaway sender, wait for them (at most WARMUP_MAX_MS), then close it. Resolves with the number of
 * requests that completed.
 */
export async function warmUp(count: number, source: RequestGenerator, sender: Omit<SenderOptions, 'recorder' | 'connections'>, endpointNames: string[]): Promise<number> {
  if (count <= 0) return 0;
  const recorder = new Recorder({ endpointNames, timeOriginMs: performance.timeOrigin, lateThresholdMs: 1e9 });
  const s = new Sender({ ...sender, connections: WARMUP_CONNECTIONS, recorder });
  await s.preopen(WARMUP_CONNECTIONS);
  let sent = 0;
  let completed = 0;
  await new Promise<void>((resolve) => {
    const guard = setTimeout(resolve, WARMUP_MAX_MS);
    const sendOn = (ex: Exchange) => {
      sent++;
      s.send(ex, source.next(), performance.now());
    };
    s.onDone = (ex) => {
      completed++;
      if (sent < count) sendOn(ex);
      else if (completed >= count) {
        clearTimeout(guard);
        resolve();
      }
    };
    for (let i = 0; i < Math.min(WARMUP_CONNECTIONS, count); i++) sendOn(s.newExchange());
  });
  await s.close();
  return completed;
}

/** How long the default open-model warm-up paces against its local server, ms. */
export const LOCAL_WARMUP_MS = 400;
/** The local warm-up never paces faster than this, req/s: the local server shares the worker's thread. */
export const LOCAL_WARMUP_MAX_RATE = 20_000;
/** Below this peak rate per worker the open model needs no warm-up (a cold request costs well under a millisecond more), req/s. */
export const LOCAL_WARMUP_MIN_RATE = 1000;
/** After pacing, in-flight warm-up requests get at most this long, ms. */
const DRAIN_MS = 500;

/** What {@link warmUpOpen} needs. */
export interface OpenWarmUpOptions {
  /** The run's rate per worker at its peak, req/s (the local warm-up paces at most LOCAL_WARMUP_MAX_RATE). */
  ratePerSec: number;
  /** Most requests in flight at first (the run's connections opened before t = 0, at least 8); it grows as the run's does. */
  connections: number;
  /** The run's arrival process. */
  arrivals: 'uniform' | 'poisson';
  /** A request stream of its own (another seed than the run's). */
  source: RequestGenerator;
  /** The run's sender: its Clients carry the warm-up (to the local server through Sender.divert, or to the target). */
  sender: Sender;
  /** The run's recorder (what the warm-up records is taken and discarded at its end), its late threshold and its backlog bounds. */
  recorder: Recorder;
  maxLagMs: number;
  maxBacklog: number;
  /**
   * Send this many requests to the target (the opt-in warm-up); absent: pace for LOCAL_WARMUP_MS against a local
   * server the target never sees (the default).
   */
  targetRequests?: number;
  /**
   * The run's sub-millisecond wake-ups (see Waker), when it has them: `wakeAt` asks for one, `bind` points them at the
   * warm-up's loop (null: back to the run's). The warm-up's loop is then built as the run's is.
   */
  wake?: { wakeAt: (perfMs: number) => void; bind: (loop: OpenLoop | null) => void };
}

/**
 * The open model's warm-up before t = 0: the run's own code path and objects (an OpenLoop pacing arrivals, the
 * generator, the run's sender with its undici Clients and exchanges, the run's recorder and wake-ups) run
 *  - by default, for LOCAL_WARMUP_MS at min(rate, LOCAL_WARMUP_MAX_RATE) against a throwaway HTTP server on 127.0.0.1
 *    in this thread that answers every request with a short 200: the sender's connections go there (Sender.divert)
 *    and are closed at the end, so each Client reconnects to the target at its first request of the run;
 *  - with `targetRequests` N, for N requests to the target at the run's peak rate, on the connections the run then
 *    keeps using: the target's own responses, so the code is compiled for exactly what the run meets.
 * The warm-up's seconds are taken from the recorder and discarded: nothing of it reaches the result. Resolves with
 * the number of requests answered.
 */
export async function warmUpOpen(o: OpenWarmUpOptions): Promise<number> {
  const toTarget = o.targetRequests !== undefined;
  let server: Server | null = null;
  if (!toTarget) {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('warm-up\n'));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  }
  const { recorder, sender } = o;
  const runDone = sender.onDone;
  const rate = toTarget ? o.ratePerSec : Math.min(o.ratePerSec, LOCAL_WARMUP_MAX_RATE);
  // the target warm-up's N arrivals: a steady shape one arrival longer than N / rate, cut at N
  const paceMs = toTarget ? ((o.targetRequests! + 1) * 1000) / rate : LOCAL_WARMUP_MS;
  // the target's warm-up waits up to WARMUP_MAX_MS for its last answers, the local one DRAIN_MS
  const drainMs = toTarget ? WARMUP_MAX_MS : DRAIN_MS;
  const steady = openArrivals(stagesShape(steadyStages(rate, paceMs)), { workerIndex: 0, workerCount: 1, arrivals: o.arrivals, seed: 1 });
  let left = toTarget ? o.targetRequests! : Infinity;
  if (server) sender.divert((server.address() as AddressInfo).port);
  const loop = new OpenLoop({
    arrivals: { next: () => (left-- > 0 ? steady.next() : Infinity) },
    source: o.source, sender, recorder, connections: o.connections, initialConnections: o.connections,
    maxLagMs: o.maxLagMs, maxBacklog: o.maxBacklog, sendUntilMs: paceMs + drainMs,
    ...(o.wake ? { wakeAt: o.wake.wakeAt } : {}),
  });
  let answered = 0;
  const loopDone = sender.onDone;
  sender.onDone = (ex) => {
    if (ex.status > 0) answered++;
    loopDone(ex);
  };
  o.wake?.bind(loop);
  try {
    loop.start(performance.now());
    await loop.ended;
    const until = performance.now() + drainMs;
    while (!loop.idle && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
  } finally {
    loop.stop();
    sender.divert(null);
    // The local server's connections always close; the target's only when requests are still on them, so that no
    // warm-up request can complete after t = 0 (they end now, as errors the recorder discards below).
    if (server || !loop.idle) await sender.disconnect();
    o.wake?.bind(null);
    sender.onDone = runDone;
    recorder.take(Infinity); // discarded: nothing of the warm-up reaches the result (and the per-second encoding is compiled too)
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
  }
  return answered;
}
