import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { endpointKey, matchRoute } from './routes.js';
import { WorkerPool } from './pool.js';
import { Random } from '../mix/random.js';
import { defaultServiceTimeMs, meanServiceTimeMs, nominalCapacityPerSec, serviceSampler } from './service-time.js';
import { validateTargetOptions } from './validate.js';
import { UsageError } from '../errors.js';
import type { EndpointStats, RunningTarget, TargetOptions, TargetStats } from './types.js';

/** Largest POST body the target reads, in bytes; larger bodies get 413. */
const MAX_BODY_BYTES = 1 << 20;

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
 * `GET /health` and `GET /stats` answer immediately without a worker.
 *
 * Nominal capacity (req/s) = workers × 1000 / serviceTimeMs.
 * Throws UsageError on invalid options.
 */
export async function startTarget(opts: TargetOptions): Promise<RunningTarget> {
  validateTargetOptions(opts);
  const pool = new WorkerPool(opts.workers, opts.queue);
  const rnd = new Random(opts.seed ?? 1);
  const sample = serviceSampler(opts.serviceDistribution ?? 'constant', () => rnd.float());
  const meanCache = new Map<string, number>();
  const counts = { served: 0, rejected: 0, notFound: 0 };
  const perEndpoint: Record<string, EndpointStats> = {};

  const stats = (): TargetStats => {
    const c = pool.counters();
    return {
      served: counts.served,
      rejected: counts.rejected,
      queueLength: c.queued,
      busyWorkers: c.busy,
      maxQueueSeen: c.maxQueueSeen,
      workers: opts.workers,
      queueLimit: opts.queue,
      capacityPerSec: nominalCapacityPerSec(opts.workers, defaultServiceTimeMs(opts.serviceTimeMs)),
      abandoned: c.abandoned,
      notFound: counts.notFound,
      endpoints: structuredClone(perEndpoint),
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

  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const route = matchRoute(method, url);
    switch (route.kind) {
      case 'health':
        return send(res, 200, '{"status":"ok"}');
      case 'stats':
        return send(res, 200, JSON.stringify(stats()));
      case 'notFound':
        counts.notFound++;
        req.resume();
        return send(res, 404, '{"error":"not found"}');
      case 'getItem': {
        const body = JSON.stringify({ id: route.id, name: `item ${route.id}`, price: 9.99, stock: 42 });
        return admit(endpointKey(method, url), req, res, () => send(res, 200, body));
      }
      case 'postItem':
        return readJson(req, (err, value) => {
          if (err) return send(res, err === 'too large' ? 413 : 400, JSON.stringify({ error: err }));
          const id = String(counts.served + counts.rejected + 1);
          const body = JSON.stringify({ id, ...(isObject(value) ? value : { value }) });
          admit(endpointKey(method, url), req, res, () => send(res, 201, body, { location: `/item/${id}` }));
        });
    }
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(listenError(err, opts.port ?? 0));
    server.once('error', onError);
    server.listen({ port: opts.port ?? 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        pool.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

/** A listen failure as a UsageError the user can act on (port taken, port needs privileges); other errors pass through. */
function listenError(err: NodeJS.ErrnoException, port: number): Error {
  if (err.code === 'EADDRINUSE') return new UsageError(`port ${port} on 127.0.0.1 is already in use; pick another with --port`);
  if (err.code === 'EACCES') return new UsageError(`port ${port} on 127.0.0.1 needs privileges to listen on; pick another with --port (0 = any free port)`);
  return err;
}

function send(res: ServerResponse, status: number, body: string, headers?: Record<string, string>): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Read and parse a JSON body (empty body = `{}`); errors: `'too large'` or `'invalid JSON'`. */
function readJson(req: IncomingMessage, cb: (err: string | null, value?: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  req.on('data', (c: Buffer) => {
    if (failed) return;
    size += c.length;
    if (size > MAX_BODY_BYTES) {
      failed = true;
      cb('too large');
      return;
    }
    chunks.push(c);
  });
  req.on('end', () => {
    if (failed) return;
    const text = Buffer.concat(chunks).toString('utf8').trim();
    if (text === '') return cb(null, {});
    try {
      cb(null, JSON.parse(text));
    } catch {
      cb('invalid JSON');
    }
  });
}
