/**
 * Warming the send path before t = 0 (opt-in, `warmupRequests:` in the profile or `--warmup-requests N`): N requests go to the
 * target through a throwaway Sender and Recorder on their own few connections, drawn from a request generator of
 * their own (another seed), so the run's schedule, mix and keys are exactly those of a run without warm-up and
 * nothing of the warm-up reaches the result. What it warms is the code: V8 compiles the hot functions of the
 * generator, the sender, undici's dispatch and parser and the recorder, which a cold worker otherwise compiles
 * during the first second of the run, when at high rates the sends fall behind (measured: 30 000 req/s on nginx,
 * every late request of a 6 s run in its first second).
 */
import { performance } from 'node:perf_hooks';
import { createServer } from 'node:http';
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
 * Send `count` requests from `source` with at most WARMUP_CONNECTIONS in flight, wait for them (at most
 * WARMUP_MAX_MS), then close the throwaway sender. Resolves with the number of requests that completed.
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
const LOCAL_DRAIN_MS = 500;

/** What {@link warmUpOpenLocally} needs. */
export interface LocalWarmUpOptions {
  /** The run's rate per worker at its peak, req/s (paced at most LOCAL_WARMUP_MAX_RATE). */
  ratePerSec: number;
  /** The run's connections per worker (the warm-up uses as many against its own server). */
  connections: number;
  /** The run's arrival process. */
  arrivals: 'uniform' | 'poisson';
  /** A request stream of its own (another seed than the run's). */
  source: RequestGenerator;
  /** The run's sender options, without where to send (the local server), its connections and its recorder (the two below). */
  sender: Omit<SenderOptions, 'recorder' | 'connections' | 'origin' | 'insecure'>;
  /** The run's recorder (what the warm-up records is taken and discarded at its end), its late threshold and its backlog bounds. */
  recorder: Recorder;
  maxLagMs: number;
  maxBacklog: number;
}

/**
 * The open model's default warm-up, before t = 0 and invisible to the target: the run's own code path (an
 * OpenLoop pacing arrivals, the generator, the sender, undici's client and parser, the recorder) runs for
 * LOCAL_WARMUP_MS against a throwaway HTTP server on 127.0.0.1 in this thread, which answers every request with a
 * short 200. V8 compiles the hot functions there instead of during the run's first second, when a cold worker at
 * thousands of req/s falls behind (measured: 30 000 req/s on nginx, 5–15% of a 6 s run late, all in its first
 * second). Throwaway loop, sender and server; the run's recorder, whose warm-up seconds are taken and discarded at
 * the end: nothing of it reaches the result. Resolves with the number of requests the local server answered.
 */
export async function warmUpOpenLocally(o: LocalWarmUpOptions): Promise<number> {
  let served = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      served++;
      res.end('warm-up\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { recorder } = o;
  const sender = new Sender({ ...o.sender, origin: `http://127.0.0.1:${port}`, insecure: false, connections: o.connections, recorder });
  const rate = Math.min(o.ratePerSec, LOCAL_WARMUP_MAX_RATE);
  const loop = new OpenLoop({
    arrivals: openArrivals(stagesShape(steadyStages(rate, LOCAL_WARMUP_MS)), { workerIndex: 0, workerCount: 1, arrivals: o.arrivals, seed: 1 }),
    source: o.source, sender, recorder, connections: o.connections, initialConnections: o.connections,
    maxLagMs: o.maxLagMs, maxBacklog: o.maxBacklog, sendUntilMs: LOCAL_WARMUP_MS + LOCAL_DRAIN_MS,
  });
  try {
    await sender.preopen(o.connections);
    loop.start(performance.now());
    await loop.ended;
    const until = performance.now() + LOCAL_DRAIN_MS;
    while (!loop.idle && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
  } finally {
    recorder.take(Infinity); // discarded: nothing of the warm-up reaches the result (and the per-second encoding is compiled too)
    loop.stop();
    await sender.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return served;
}
