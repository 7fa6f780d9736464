/**
 * Worker thread entry (loaded from dist/load/worker.js). Runs one slice of the load:
 * its share of the open-model arrivals or of the closed-model users, its own undici Pool,
 * its own recorder; ships closed seconds to the coordinator about once a second.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';
import { Recorder } from './recorder.js';
import { Sender } from './sender.js';
import { OpenLoop } from './open-loop.js';
import { ClosedLoop } from './closed-loop.js';
import { buildShape } from '../shapes/registry.js';
import { openArrivals } from '../schedule/open-arrivals.js';
import { createRequestGenerator } from '../mix/generator.js';
import { splitTargetUrl } from '../util/target-url.js';
import { LoopSelfCheck } from './self-check.js';
import { Waker } from './waker.js';
import { LOCAL_WARMUP_MIN_RATE, warmUp, warmUpOpen } from './warm-up.js';
import { peakLevel } from '../shapes/peak.js';

const port = parentPort!;
/** In-flight requests always get at least this long (ms, at most the grace period) before they are abandoned. */
const MIN_DRAIN_MS = 250;
const post = (m: FromWorker) => port.postMessage(m);

function main(init: WorkerInit): void {
  const { profile, workerIndex, workerCount } = init;
  const recorder = new Recorder({ endpointNames: profile.endpoints.map((e) => e.name), timeOriginMs: performance.timeOrigin, lateThresholdMs: profile.lateThresholdMs });
  const shape = buildShape(profile.shape);
  const { origin, basePath } = splitTargetUrl(profile.target);
  const sender = new Sender({ origin, basePath, connections: init.connections, endpoints: profile.endpoints, recorder, insecure: init.insecure });
  // Each worker draws its own mix stream; the arrival schedule shares one seed across workers.
  const source = createRequestGenerator(profile, { seed: init.seed, env: init.env, workerIndex, workerCount });
  // An open-model worker at ≥ LOCAL_WARMUP_MIN_RATE per worker paces with sub-millisecond wake-ups (waker.ts) and,
  // by default, warms up against a local server before t = 0 (warm-up.ts).
  const peakPerWorker = peakLevel(shape) / workerCount;
  const fastOpen = profile.model === 'open' && peakPerWorker >= LOCAL_WARMUP_MIN_RATE;
  /** The loop the wake-ups go to: a warm-up's before t = 0, else the run's. */
  let woken: OpenLoop | null = null;
  const waker = fastOpen ? new Waker(() => (woken ?? (loop as OpenLoop)).wake()) : null;
  const wakeAt = waker ? (perfMs: number) => waker.wakeAt(perfMs) : undefined;
  const loop =
    profile.model === 'open'
      ? new OpenLoop({
          arrivals: openArrivals(shape, { workerIndex, workerCount, arrivals: profile.arrivals, seed: init.seed }),
          source,
          sender,
          recorder,
          connections: init.connections,
          initialConnections: init.preopen,
          maxLagMs: init.maxLagMs,
          maxBacklog: init.maxBacklog,
          sendUntilMs: shape.durationSec * 1000 + init.graceMs,
          ...(wakeAt ? { wakeAt } : {}),
        })
      : new ClosedLoop({ shape, workerIndex, workerCount, source, sender, recorder, thinkTime: profile.thinkTime, seed: init.seed * 31 + workerIndex });

  let shipTimer: NodeJS.Timeout | null = null;
  let finishing = false;
  /** performance.now() of t = 0 (set at start). */
  let startPerf = -1;
  const selfCheck = new LoopSelfCheck();

  /**
   * Ship every second before `beforeSec`. The loop sample covers the time since the previous
   * ship (about the last second) and is attached to the last second shipped, or sent alone.
   */
  const ship = (beforeSec: number) => {
    const seconds = recorder.take(beforeSec);
    const loopSample = selfCheck.sample();
    const last = seconds[seconds.length - 1];
    if (last) last.loop = loopSample;
    post({ type: 'snapshot', seconds, upToSec: beforeSec });
  };

  const scheduleShip = () => {
    const nowEpoch = performance.timeOrigin + performance.now();
    // Just after the next wall-clock second boundary.
    shipTimer = setTimeout(() => {
      ship(Math.floor((performance.timeOrigin + performance.now()) / 1000));
      if (!finishing) scheduleShip();
    }, 1000 - (nowEpoch % 1000) + 20);
  };

  /**
   * End the run: `interrupt` stops sending at once (waiting arrivals count as dropped); at the
   * planned end the backlog may still drain. Either way in-flight requests get `graceMs`.
   */
  const finish = async (graceMs: number, interrupt: boolean) => {
    if (finishing) return;
    finishing = true;
    const endedAt = performance.timeOrigin + performance.now();
    if (interrupt) loop.stop();
    // At the planned end the grace period counts from the planned end, so a pacer that fell behind
    // cannot stretch the run: the run ends by end + grace (+ MIN_DRAIN_MS for its last sends).
    const now = performance.now();
    const deadline = interrupt || startPerf < 0 ? now + graceMs : Math.max(startPerf + shape.durationSec * 1000 + graceMs, now + Math.min(graceMs, MIN_DRAIN_MS));
    while (!loop.idle && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    loop.stop();
    await Promise.all([sender.close(), waker?.close()]);
    if (shipTimer) clearTimeout(shipTimer);
    ship(Infinity);
    selfCheck.stop();
    post({ type: 'done', endEpochMs: Math.max(sender.lastCompletionEpochMs, endedAt) });
    port.close();
  };

  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'start') {
      startPerf = msg.startEpochMs - performance.timeOrigin;
      setTimeout(() => {
        if (finishing) return;
        selfCheck.sample(); // start-up (module loading, connecting) is not part of the run's self-check
        loop.start(startPerf);
        void loop.ended.then(() => finish(init.graceMs, false));
      }, Math.max(0, startPerf - performance.now()));
      scheduleShip();
    } else if (msg.type === 'stop') {
      void finish(msg.graceMs, true);
    }
  });
  // Before t = 0, outside the measurement (warm-up.ts): the open model warms up through the run's own sender, against
  // the target with `warmupRequests` N, else by default (at ≥ LOCAL_WARMUP_MIN_RATE per worker) against a local
  // server the target never sees; the closed model's opt-in warm-up has a sender of its own. Then the run's
  // connections; then the coordinator may start. Every warm-up draws from a request stream of its own, so the run's
  // mix and keys are those of a run without it.
  const warmSource = () => createRequestGenerator(profile, { seed: init.seed * 7919 + 1, env: init.env, workerIndex, workerCount });
  const warmupRequests = init.warmupRequests;
  const openWarmUp = profile.model === 'open' && (warmupRequests === undefined ? fastOpen : warmupRequests > 0);
  const warm = openWarmUp
    ? warmUpOpen({
        ratePerSec: Math.max(1, peakPerWorker), connections: Math.min(init.connections, Math.max(init.preopen, 8)), arrivals: profile.arrivals,
        source: warmSource(), sender, recorder, maxLagMs: init.maxLagMs, maxBacklog: init.maxBacklog,
        ...(warmupRequests !== undefined ? { targetRequests: warmupRequests } : {}),
        ...(wakeAt ? { wake: { wakeAt, bind: (l: OpenLoop | null) => (woken = l) } } : {}),
      })
    : warmupRequests !== undefined && warmupRequests > 0
      ? warmUp(warmupRequests, warmSource(), { origin, basePath, endpoints: profile.endpoints, insecure: init.insecure }, profile.endpoints.map((e) => e.name))
      : Promise.resolve(0);
  void warm.then(() => sender.preopen(init.preopen)).then(() => post({ type: 'ready' }));
}

try {
  main(workerData as WorkerInit);
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
