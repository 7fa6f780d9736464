/**
 * Warming the send path before t = 0 (opt-in, `warmup:` in the profile or `--warmup N`): N requests go to the
 * target through a throwaway Sender and Recorder on their own few connections, drawn from a request generator of
 * their own (another seed), so the run's schedule, mix and keys are exactly those of a run without warm-up and
 * nothing of the warm-up reaches the result. What it warms is the code: V8 compiles the hot functions of the
 * generator, the sender, undici's dispatch and parser and the recorder, which a cold worker otherwise compiles
 * during the first second of the run, when at high rates the sends fall behind (measured: 30 000 req/s on nginx,
 * every late request of a 6 s run in its first second).
 */
import { performance } from 'node:perf_hooks';
import type { RequestGenerator } from '../mix/generator.js';
import { Recorder } from './recorder.js';
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
