/**
 * The hot path: per worker up to `connections` undici Clients (one keep-alive connection each),
 * requests sent with the raw `dispatch` API and a small reusable handler object (no per-request
 * closures, no body buffering).
 *
 * latency  = completion − intended send time (open model: coordinated-omission corrected;
 *            closed model: intended = the moment the user issued the request)
 * service  = completion − actual send (dispatch to a free connection)
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Client as ClientType } from 'undici';
import type { ErrorKind } from '../results/types.js';
import { transportErrorKind } from './error-kind.js';
import type { Recorder } from './recorder.js';
import type { GeneratedRequest } from './plan.js';

/**
 * undici's Client alone: importing the package index loads fetch, WebSocket, caches… (~2× the
 * start-up CPU of each worker). The deep path is stable across undici 6–7 (no `exports` map).
 */
const Client = createRequire(import.meta.url)('undici/lib/dispatcher/client.js') as typeof ClientType;

/** Most connections one worker opens at the same time (see Sender.canOpen). */
export const MAX_CONNECTING = 64;

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
  private client: ClientType | null = null;
  /** This request opens its connection (the first on a new Client). */
  opening = false;
  private parkedReq: GeneratedRequest | null = null;

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

  /** @internal remember a request waiting for a connection. */
  park(req: GeneratedRequest, intended: number): void {
    this.parkedReq = req;
    this.intended = intended;
  }

  /** @internal take the parked request back. */
  unpark(): [GeneratedRequest, number] {
    const req = this.parkedReq!;
    this.parkedReq = null;
    return [req, this.intended];
  }

  /** @internal */
  start(ep: number, intended: number, sentAt: number, client: ClientType): void {
    this.client = client;
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
    const client = this.client!;
    this.client = null;
    this.sender.complete(this, client);
  }
}

/**
 * Sends requests for one worker over at most `connections` keep-alive connections and records
 * their outcome. Each connection is its own undici Client (pipelining 1), handed out from an
 * idle stack: measured here, this costs ~25% less CPU per response than undici's Pool, whose
 * dispatcher search and queue we do not need since we never have more in flight than connections.
 * When every connection is busy (closed model with more users than connections), requests wait
 * in a FIFO; that wait counts in their latency but not in their service time.
 */
export class Sender {
  /** Requests issued and not yet finished (waiting for a connection or in flight). */
  inflight = 0;
  /** Unix epoch ms of the last recorded completion (0 before the first). */
  get lastCompletionEpochMs(): number {
    return this.lastEnd === 0 ? 0 : performance.timeOrigin + this.lastEnd;
  }
  private lastEnd = 0;
  /** Once closed, late completions (aborted at the end of the grace period) are not recorded. */
  private closed = false;
  private readonly timeouts: number[];
  private readonly clients: ClientType[] = [];
  private readonly idle: ClientType[] = [];
  private readonly waiting: Array<Exchange | undefined> = [];
  /** New connections whose first request has not finished yet. */
  private connecting = 0;
  private waitHead = 0;
  private readonly clientOptions: ConstructorParameters<typeof ClientType>[1];
  /** Called after each finished exchange was recorded (set by the open or closed loop). */
  onDone: ExchangeDone = () => {};

  constructor(
    private readonly origin: string,
    private readonly basePath: string,
    private readonly connections: number,
    endpoints: ReadonlyArray<{ timeoutMs: number }>,
    private readonly recorder: Recorder,
    private readonly lateThresholdMs: number,
    insecure: boolean,
  ) {
    this.clientOptions = { pipelining: 1, keepAliveTimeout: 30_000, connect: { rejectUnauthorized: !insecure } };
    this.timeouts = endpoints.map((e) => e.timeoutMs);
  }

  /** A fresh exchange bound to this sender. */
  newExchange(): Exchange {
    return new Exchange(this);
  }

  /**
   * Send `req` on `ex` as soon as a connection is free. `intendedMs` is the performance.now()
   * time it was meant to leave (late when it leaves more than lateThresholdMs after).
   */
  send(ex: Exchange, req: GeneratedRequest, intendedMs: number): void {
    this.inflight++;
    const client = this.idle.pop();
    if (client !== undefined) this.dispatchOn(client, ex, req, intendedMs, false);
    else if (this.canOpen()) this.dispatchOn(this.newClient(), ex, req, intendedMs, true);
    else {
      ex.park(req, intendedMs);
      this.waiting.push(ex);
    }
  }

  /**
   * May another connection be opened? Below `connections`, and at most MAX_CONNECTING opening at
   * once: a steep ramp of thousands of users would otherwise overflow the target's accept backlog
   * (511 by default), and the kernel's SYN retransmits (1 s, 3 s…) would show up as latency.
   */
  private canOpen(): boolean {
    return this.clients.length < this.connections && this.connecting < MAX_CONNECTING;
  }

  private newClient(): ClientType {
    const c = new Client(this.origin, this.clientOptions);
    this.clients.push(c);
    return c;
  }

  private dispatchOn(client: ClientType, ex: Exchange, req: GeneratedRequest, intendedMs: number, opening: boolean): void {
    ex.opening = opening;
    if (opening) this.connecting++;
    const now = performance.now();
    const ep = req.endpointIndex;
    const body = req.body;
    this.recorder.sent(now, ep, now - intendedMs > this.lateThresholdMs, body === undefined ? 0 : Buffer.byteLength(body));
    ex.start(ep, intendedMs, now, client);
    const timeout = this.timeouts[ep];
    client.dispatch(
      { path: this.basePath + req.path, method: req.method, headers: req.headers, body: body ?? null, headersTimeout: timeout, bodyTimeout: timeout },
      ex,
    );
  }

  /** @internal called by Exchange: record, pass the connection on, then let the loop continue. */
  complete(ex: Exchange, client: ClientType): void {
    this.inflight--;
    if (ex.opening) {
      ex.opening = false;
      this.connecting--;
    }
    if (this.closed) return;
    const end = performance.now();
    this.lastEnd = end;
    this.recorder.completed(end, ex.ep, end - ex.intended, end - ex.sentAt, ex.status, ex.errorKind, ex.bytesIn, ex.retryAfter);
    // Pass the connection to the longest-waiting request, and open more while allowed.
    let next = this.takeWaiting();
    if (next) this.resume(client, next, false);
    else this.idle.push(client);
    while (this.canOpen() && (next = this.takeWaiting())) this.resume(this.newClient(), next, true);
    this.onDone(ex);
  }

  private takeWaiting(): Exchange | undefined {
    if (this.waitHead >= this.waiting.length) return undefined;
    const next = this.waiting[this.waitHead];
    this.waiting[this.waitHead++] = undefined;
    if (this.waitHead > 1024 && this.waitHead * 2 > this.waiting.length) {
      this.waiting.splice(0, this.waitHead);
      this.waitHead = 0;
    }
    return next;
  }

  private resume(client: ClientType, ex: Exchange, opening: boolean): void {
    const [req, intended] = ex.unpark();
    this.dispatchOn(client, ex, req, intended, opening);
  }

  /**
   * Stop: requests still waiting for a connection count as dropped; in-flight ones are
   * abandoned (sent, never completed); every connection is torn down.
   */
  async close(): Promise<void> {
    // Requests still waiting for a connection were never sent: count them as dropped.
    for (let ex = this.takeWaiting(); ex; ex = this.takeWaiting()) {
      const [req, intended] = ex.unpark();
      this.recorder.dropped(intended, req.endpointIndex);
      this.inflight--;
    }
    this.closed = true;
    await Promise.all(this.clients.map((c) => c.destroy().catch(() => undefined)));
  }
}
