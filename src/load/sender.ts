/**
 * The hot path: one undici Pool per worker, requests sent with the raw `dispatch` API and a
 * small reusable handler object (no per-request closures, no body buffering).
 *
 * latency  = completion − intended send time (open model: coordinated-omission corrected;
 *            closed model: intended = the moment the user issued the request)
 * service  = completion − actual send (dispatch to a free connection)
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Pool as PoolType } from 'undici';
import type { ErrorKind } from '../results/types.js';
import { transportErrorKind } from './error-kind.js';
import type { Recorder } from './recorder.js';
import type { GeneratedRequest } from './plan.js';

/**
 * undici's Pool alone: importing the package index loads fetch, WebSocket, caches… (~2× the
 * start-up CPU of each worker). The deep path is stable across undici 6–7 (no `exports` map).
 */
const Pool = createRequire(import.meta.url)('undici/lib/dispatcher/pool.js') as typeof PoolType;

/** Called when an exchange finished (after it was recorded). */
export type ExchangeDone = (ex: Exchange) => void;

const RETRY_AFTER = 'retry-after';

/** One request/response in flight; reused from a free list (open) or per user (closed). */
export class Exchange {
  ep = 0;
  intended = 0;
  sentAt = 0;
  status = 0;
  bytesIn = 0;
  retryAfter = false;
  /** Transport error kind when the exchange failed without a response. */
  errorKind: ErrorKind | null = null;
  /** Closed model: the user that owns this exchange. */
  owner: unknown = null;
  private live = false;

  constructor(private readonly sender: Sender) {}

  /** @internal undici handler: request is being written to a socket. */
  onConnect(): void {}

  /** @internal undici handler: status line and raw headers ([name, value, …] Buffers). */
  onHeaders(statusCode: number, rawHeaders: Buffer[] | null): boolean {
    if (statusCode < 200) return true;
    this.status = statusCode;
    if ((statusCode === 429 || statusCode === 503) && rawHeaders) {
      for (let i = 0; i < rawHeaders.length; i += 2) {
        const k = rawHeaders[i];
        if (k.length === 11 && k.toString('latin1').toLowerCase() === RETRY_AFTER) this.retryAfter = true;
      }
    }
    return true;
  }

  /** @internal undici handler: count body bytes without keeping them. */
  onData(chunk: Buffer): boolean {
    this.bytesIn += chunk.length;
    return true;
  }

  /** @internal undici handler. */
  onComplete(): void {
    this.finish(null);
  }

  /** @internal undici handler. */
  onError(err: Error): void {
    this.finish(err);
  }

  /** @internal */
  start(ep: number, intended: number, sentAt: number): void {
    this.ep = ep;
    this.intended = intended;
    this.sentAt = sentAt;
    this.status = 0;
    this.bytesIn = 0;
    this.retryAfter = false;
    this.errorKind = null;
    this.live = true;
  }

  private finish(err: Error | null): void {
    if (!this.live) return;
    this.live = false;
    if (err !== null) this.errorKind = transportErrorKind(err);
    this.sender.complete(this);
  }
}

/** Per-endpoint request settings computed once. */
interface EndpointRuntime {
  timeoutMs: number;
}

/** Sends requests for one worker and records their outcome. */
export class Sender {
  readonly pool: PoolType;
  /** Requests dispatched and not yet finished. */
  inflight = 0;
  /** Unix epoch ms of the last recorded completion (0 before the first). */
  get lastCompletionEpochMs(): number {
    return this.lastEnd === 0 ? 0 : performance.timeOrigin + this.lastEnd;
  }
  private lastEnd = 0;
  /** Once closed, late completions (aborted at the end of the grace period) are not recorded. */
  private closed = false;
  private readonly endpoints: EndpointRuntime[];
  /** Called after each finished exchange was recorded (set by the open or closed loop). */
  onDone: ExchangeDone = () => {};

  constructor(
    origin: string,
    private readonly basePath: string,
    connections: number,
    endpoints: ReadonlyArray<{ timeoutMs: number }>,
    private readonly recorder: Recorder,
    private readonly lateThresholdMs: number,
    insecure: boolean,
  ) {
    this.pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000, connect: { rejectUnauthorized: !insecure } });
    this.endpoints = endpoints.map((e) => ({ timeoutMs: e.timeoutMs }));
  }

  /** A fresh exchange bound to this sender. */
  newExchange(): Exchange {
    return new Exchange(this);
  }

  /**
   * Send `req` now on `ex`. `intendedMs` is the performance.now() time it was meant to leave
   * (late when now − intendedMs > lateThresholdMs).
   */
  send(ex: Exchange, req: GeneratedRequest, intendedMs: number): void {
    const now = performance.now();
    const ep = req.endpointIndex;
    const body = req.body;
    const bytesOut = body === undefined ? 0 : Buffer.byteLength(body);
    this.recorder.sent(now, ep, now - intendedMs > this.lateThresholdMs, bytesOut);
    ex.start(ep, intendedMs, now);
    this.inflight++;
    const timeout = this.endpoints[ep].timeoutMs;
    this.pool.dispatch(
      { path: this.basePath + req.path, method: req.method, headers: req.headers, body: body ?? null, headersTimeout: timeout, bodyTimeout: timeout },
      ex,
    );
  }

  /** @internal called by Exchange. */
  complete(ex: Exchange): void {
    this.inflight--;
    if (this.closed) return;
    const end = performance.now();
    this.lastEnd = end;
    this.recorder.completed(end, ex.ep, end - ex.intended, end - ex.sentAt, ex.status, ex.errorKind, ex.bytesIn, ex.retryAfter);
    this.onDone(ex);
  }

  /** Stop recording and tear down every connection (in-flight requests are abandoned, not counted). */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool.destroy().catch(() => undefined);
  }
}
