import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { endpointKey, matchRoute } from './routes.js';
import { WorkerPool } from './pool.js';
import { Random } from '../mix/random.js';
import { defaultServiceTimeMs, meanServiceTimeMs, nominalCapacityPerSec, serviceSampler } from './service-time.js';
import { validateTargetOptions } from './validate.js';
import { ChaosSwitch } from '../chaos/switch.js';
import { listenLocal } from '../util/listen.js';
import { DeliberateLeak } from './leak.js';
import { targetRegistry } from './metrics.js';
import { readJson, sendJson as send } from '../util/http-json.js';
import { createPoolAutoscaler } from './pool-autoscaler.js';
import { requestedSize, sizedBody } from './payload.js';
import type { EndpointStats, RunningTarget, TargetOptions, TargetStats } from './types.js';

const REJECT_BODY = '{"error":"queue full"}';

/**
 * Listen backlog (pending connections the kernel queues before `accept`). Node's default is 511;
 * a steep ramp (profiles/spike.yaml: thousands of users within seconds) can open more connections
 * at once, and an overflowing accept queue drops SYNs, which clients retry only after 1–3 s.
 * The kernel caps it at net.core.somaxconn (Linux).
 */
export const LISTEN_BACKLOG = 4096;

/**
 * Start the built-in demo target on 127.0.0.1: a bounded pool of `workers`
 * simulated servers and a bounded FIFO queue of `queue` waiting requests.
 * A request to `GET /item/:id` or `POST /item` holds a worker for a service time
 * drawn from `serviceDistribution` around `serviceTimeMs` (a timer, not CPU);
 * when the queue is full it is answered `429` with `Retry-After: 1` at once.
 * `GET /health`, `GET /stats` and `GET /metrics` (Prometheus text format) answer immediately without
 * a worker; `GET/POST /__chaos` reads or switches the chaos faults applied to the item routes.
 * With `leakBytesPerRequest`, every served request retains that much heap for good.
 *
 * Nominal capacity (req/s) = workers × 1000 / serviceTimeMs.
 * Throws UsageError on invalid options.
 */
export async function startTarget(opts: TargetOptions): Promise<RunningTarget> {
  validateTargetOptions(opts);
  const pool = new WorkerPool(opts.workers, opts.queue);
  // The seed rule sizes the pool from the offered rate and the default mean service time.
  const scaler = opts.autoscale ? createPoolAutoscaler(pool, opts.autoscale, defaultServiceTimeMs(opts.serviceTimeMs)) : undefined;
  scaler?.start();
  const rnd = new Random(opts.seed ?? 1);
  const sample = serviceSampler(opts.serviceDistribution ?? 'constant', () => rnd.float());
  const meanCache = new Map<string, number>();
  const counts = { served: 0, rejected: 0, notFound: 0 };
  const perEndpoint: Record<string, EndpointStats> = {};
  const chaos = new ChaosSwitch(opts.chaos, () => rnd.float());
  const leak = new DeliberateLeak(opts.leakBytesPerRequest ?? 0);

  const stats = (): TargetStats => {
    const c = pool.counters();
    return {
      served: counts.served,
      rejected: counts.rejected,
      queueLength: c.queued,
      busyWorkers: c.busy,
      busyMs: c.busyMs,
      maxQueueSeen: c.maxQueueSeen,
      workers: pool.workers,
      queueLimit: opts.queue,
      capacityPerSec: nominalCapacityPerSec(pool.workers, defaultServiceTimeMs(opts.serviceTimeMs)),
      abandoned: c.abandoned,
      notFound: counts.notFound,
      endpoints: structuredClone(perEndpoint),
      ...(scaler ? { autoscale: scaler.latest() } : {}),
    };
  };

  const endpointStats = (key: string): EndpointStats => (perEndpoint[key] ??= { served: 0, rejected: 0 });

  /** Hold a worker, then call `respond`; or answer 429 when the queue is full. */
  const admit = (key: string, req: IncomingMessage, res: ServerResponse, respond: () => void): void => {
    let mean = meanCache.get(key);
    if (mean === undefined) {
      mean = meanServiceTimeMs(opts.serviceTimeMs, key);
      meanCache.set(key, mean);
    }
    const ticket = pool.submit({
      serviceMs: sample(mean),
      done: () => {
        if (res.destroyed) return;
        counts.served++;
        endpointStats(key).served++;
        leak.retain();
        respond();
      },
    });
    if (!ticket) {
      counts.rejected++;
      endpointStats(key).rejected++;
      send(res, 429, REJECT_BODY, { 'retry-after': '1' });
      return;
    }
    if (!ticket.started) res.once('close', () => pool.cancel(ticket));
  };

  // Created at the first scrape: the runtime collectors (GC observer, event-loop monitor) cost nothing until someone asks.
  let registry: ReturnType<typeof targetRegistry> | undefined;
  const metrics = () => (registry ??= targetRegistry({ stats, chaos: () => chaos.state(), leakedBytes: () => leak.retainedBytes }));

  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    if (chaos.handle(req, res)) return;
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const route = matchRoute(method, url);
    switch (route.kind) {
      case 'health':
        return send(res, 200, '{"status":"ok"}');
      case 'stats':
        return send(res, 200, JSON.stringify(stats()));
      case 'metrics':
        return void metrics().metrics().then(
          (text) => send(res, 200, text, { 'content-type': metrics().contentType }),
          (err: Error) => send(res, 500, JSON.stringify({ error: err.message })),
        );
      case 'notFound':
        counts.notFound++;
        req.resume();
        return send(res, 404, '{"error":"not found"}');
      case 'getItem': {
        const item = JSON.stringify({ id: route.id, name: `item ${route.id}`, price: 9.99, stock: 42 });
        const size = requestedSize(url);
        if (size && 'error' in size) return send(res, 400, JSON.stringify({ error: size.error }));
        const sized = size ? sizedBody(item, size.bytes) : { body: item, contentType: 'application/json' };
        return chaos.apply(req, res, () => admit(endpointKey(method, url), req, res, () => send(res, 200, sized.body, { 'content-type': sized.contentType })));
      }
      case 'postItem':
        return chaos.apply(req, res, () =>
          readJson(req, (err, value) => {
            if (err) return send(res, err === 'too large' ? 413 : 400, JSON.stringify({ error: err }));
            const id = String(counts.served + counts.rejected + 1);
            const body = JSON.stringify({ id, ...(isObject(value) ? value : { value }) });
            admit(endpointKey(method, url), req, res, () => send(res, 201, body, { location: `/item/${id}` }));
          }),
        );
    }
  });

  const port = await listenLocal(server, opts.port ?? 0, LISTEN_BACKLOG);

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    chaos,
    autoscaleSamples: () => scaler?.samples() ?? [],
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        scaler?.stop();
        pool.close();
        chaos.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
