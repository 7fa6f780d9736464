/**
 * The hot path: per worker up to `connections` undici Clients (one keep-alive connection each),
 * requests sent with the raw `dispatch` API and a small reusable handler object (no per-request
 * closures, no body buffering).
 *
 * latency  = completion − intended send time (open model: coordinated-omission corrected;
 *            closed model: intended = the moment the user issued the request)
 * service  = completion − actual send (dispatch to a free connection)
 */
import { performance } from 'node:perf_hooks';
// undici's public entry point. It loads more than Client (fetch, WebSocket, caches…): about
// 50 ms of CPU once per worker thread at start-up, nothing per request; the deep import of
// undici's internal client module it replaces avoided that but was not a public API.
import { Client, buildConnector, type Dispatcher } from 'undici';
import type { Socket } from 'node:net';
import type { ErrorKind } from '../results/types.js';
import { DEADLINE_CODE, transportErrorKind } from './error-kind.js';
import { requestDeadlineMs } from '../profile/defaults.js';
import type { Completion, Recorder } from './recorder.js';
import type { GeneratedRequest } from '../mix/generator.js';

/**
 * How often each worker checks its in-flight requests against their total deadline, ms. One sweep
 * per worker instead of a timer per request keeps the hot path free of timers; a request is
 * aborted between 0 and DEADLINE_SWEEP_MS after its deadline.
 */
export const DEADLINE_SWEEP_MS = 100;

/** Most connections one worker opens at the same time (see Sender.canOpen). */
export const MAX_CONNECTING = 64;

/** Called when an exchange finished (after it was recorded). */
export type ExchangeDone = (ex: Exchange) => void;

const RETRY_AFTER = 'retry-after';

/** One request/response in flight; reused from a free list (open) or per user (closed). */
export class Exchange implements Completion {
  ep = 0;
  /** performance.now() ms the request was meant to leave. */
  intended = 0;
  /** performance.now() ms it was put on a connection. */
  sentAt = 0;
  status = 0;
  bytesIn = 0;
  bytesOut = 0;
  retryAfter = false;
  /** Transport error kind when the exchange failed without a response. */
  errorKind: ErrorKind | null = null;
  /** Closed model: the user that owns this exchange. */
  owner: unknown = null;
  private live = false;
  private client: Client | null = null;
  /** This request opens its connection (the first on a new Client). */
  opening = false;
  /** The request to send next (set by {@link Sender.send}, cleared when it is dispatched). */
  req: GeneratedRequest | null = null;
  /** undici's abort for the request in flight (from onConnect), null before it is written and after it ends. */
  private abort: ((err?: Error) => void) | null = null;

  constructor(private readonly sender: Sender) {}

  /** @internal undici handler: request is being written to a socket; `abort` ends it with an error. */
  onConnect(abort: (err?: Error) => void): void {
    this.abort = abort;
  }

  /**
   * @internal Abort the request when it has been on its connection for `deadlineMs[ep]` or more
   * (now − sentAt ≥ deadline); it then ends through onError as a `timeout`.
   */
  expire(nowMs: number, deadlineMs: readonly number[]): void {
    if (!this.live || this.abort === null || nowMs - this.sentAt < deadlineMs[this.ep]) return;
    const abort = this.abort;
    this.abort = null;
    abort(Object.assign(new Error(`no complete response within the ${deadlineMs[this.ep]} ms deadline`), { code: DEADLINE_CODE }));
  }

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

  /** @internal the request leaves now: reset the outcome fields for `client`. */
  start(client: Client, sentAt: number, bytesOut: number): void {
    this.client = client;
    this.ep = this.req!.endpointIndex;
    this.req = null;
    this.sentAt = sentAt;
    this.bytesOut = bytesOut;
    this.status = 0;
    this.bytesIn = 0;
    this.retryAfter = false;
    this.errorKind = null;
    this.abort = null;
    this.live = true;
  }

  private finish(err: Error | null): void {
    if (!this.live) return;
    this.live = false;
    this.abort = null;
    if (err !== null) this.errorKind = transportErrorKind(err);
    const client = this.client!;
    this.client = null;
    this.sender.complete(this, client);
  }
}

/** What a {@link Sender} needs: where to send, how many connections, how to record. */
export interface SenderOptions {
  /** Target origin, e.g. `http://127.0.0.1:8080`. */
  origin: string;
  /** Path prefix of the target URL ('' or `/api`), put before each request's path. */
  basePath: string;
  /** Most keep-alive connections (one undici Client each). */
  connections: number;
  /**
   * Per endpoint (by index): `timeoutMs`, the idle timeout for headers and for body data, and
   * `deadlineMs`, the total time from dispatch to the last byte (default: see requestDeadlineMs), ms.
   */
  endpoints: ReadonlyArray<{ timeoutMs: number; deadlineMs?: number }>;
  recorder: Recorder;
  /** Accept TLS certificates that do not verify. */
  insecure: boolean;
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
  private readonly deadlines: number[];
  /** Per endpoint: the last request dispatched and its undici options, reused while the generator hands out the same (fixed) request. */
  private readonly lastReq: Array<GeneratedRequest | null>;
  private readonly lastOpts: Dispatcher.DispatchOptions[];
  /** Every exchange made by {@link newExchange}, checked by the deadline sweep. */
  private readonly exchanges: Exchange[] = [];
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly clients: Client[] = [];
  private readonly idle: Client[] = [];
  private readonly waiting: Array<Exchange | undefined> = [];
  /** New connections whose first request has not finished yet. */
  private connecting = 0;
  private waitHead = 0;
  private readonly clientOptions: Client.Options;
  /** Sockets opened by {@link preopen}, handed to the first Clients that connect. */
  private readonly spare: Socket[] = [];
  /** While set (a warm-up before t = 0, see {@link divert}), connections go to this local port instead of the target. */
  private divertPort: number | null = null;
  /** Connections handed to a Client (to the target, or diverted); some may have closed since. */
  private readonly handed: Socket[] = [];
  private readonly connector: buildConnector.connector;
  /** Called after each finished exchange was recorded (set by the open or closed loop). */
  onDone: ExchangeDone = () => {};

  private readonly origin: string;
  private readonly basePath: string;
  private readonly connections: number;
  private readonly recorder: Recorder;

  constructor(opts: SenderOptions) {
    this.origin = opts.origin;
    this.basePath = opts.basePath;
    this.connections = opts.connections;
    this.recorder = opts.recorder;
    this.connector = buildConnector({ rejectUnauthorized: !opts.insecure });
    // A Client connects through `connect`: a socket pre-opened before t = 0 when one is left, else a new one.
    const connect: buildConnector.connector = (o, cb) => {
      // every socket a Client gets is noted (see hand), whichever way it was opened
      const handing: buildConnector.Callback = (err, sock) => (err === null ? cb(null, this.hand(sock!)) : cb(err, null));
      const port = this.divertPort;
      // Plain HTTP to the local warm-up server, whatever the target's scheme (undici writes HTTP/1.1 on any socket).
      if (port !== null) return this.connector({ ...o, hostname: '127.0.0.1', host: `127.0.0.1:${port}`, port: String(port), protocol: 'http:' }, handing);
      for (let sock = this.spare.pop(); sock !== undefined; sock = this.spare.pop()) {
        // Asynchronously, as a real connect: undici's connect must return before its callback runs.
        if (!sock.destroyed) return queueMicrotask(() => handing(null, sock));
      }
      this.connector(o, handing);
    };
    this.clientOptions = { pipelining: 1, keepAliveTimeout: 30_000, connect };
    this.timeouts = opts.endpoints.map((e) => e.timeoutMs);
    this.deadlines = opts.endpoints.map(requestDeadlineMs);
    this.lastReq = opts.endpoints.map(() => null);
    this.lastOpts = opts.endpoints.map(() => ({ path: '/', method: 'GET' }));
    this.sweepTimer = setInterval(this.sweep, DEADLINE_SWEEP_MS).unref();
  }

  /** Note `sock` as handed to a Client (forgetting those closed since, so the list stays as long as the pool). */
  private hand(sock: Socket): Socket {
    if (this.handed.length >= this.clients.length) this.pruneHanded();
    this.handed.push(sock);
    return sock;
  }

  private pruneHanded(): void {
    let k = 0;
    for (const sock of this.handed) if (!sock.destroyed) this.handed[k++] = sock;
    this.handed.length = k;
  }

  /** Abort every in-flight request past its total deadline (see DEADLINE_SWEEP_MS). */
  private readonly sweep = (): void => {
    const now = performance.now();
    // By index: an abort may create exchanges (a closed-model user's next request reuses its own).
    for (let i = 0; i < this.exchanges.length; i++) this.exchanges[i].expire(now, this.deadlines);
  };

  /**
   * Warm-up before t = 0: while `port` is set, every connection a Client opens goes to the local HTTP server on
   * `port` (127.0.0.1) instead of the target (null: to the target again). The run's own Clients, exchanges and
   * recorder then carry the warm-up's requests, so V8 compiles the run's code for the very objects the run uses
   * (see warm-up.ts). Connections already open stay where they are: {@link disconnect} closes them.
   */
  divert(port: number | null): void {
    this.divertPort = port;
  }

  /**
   * Close every connection a Client holds and wait until each is closed. Requests still on them end as transport
   * errors; each Client reconnects at its next request (to a {@link preopen}ed socket when one is ready).
   */
  async disconnect(): Promise<void> {
    const socks = this.handed.splice(0).filter((sock) => !sock.destroyed);
    await Promise.all(socks.map((sock) => new Promise<void>((resolve) => sock.once('close', () => resolve()).destroy())));
    // undici handles each socket's close in the same turn; one more turn lets the Clients settle
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /**
   * Open TCP connections before t = 0, outside the measurement, so the first requests of the run do not pay for
   * connecting: until `count` connections (at least one per Client a warm-up made, at most `connections`) are open
   * or ready, with an idle Client for each. Failures are ignored here: the run itself records them. Resolves when
   * every attempt has settled.
   */
  async preopen(count: number): Promise<void> {
    const url = new URL(this.origin);
    const want = Math.min(Math.max(count, this.clients.length), this.connections);
    this.pruneHanded();
    // open = want − (connections Clients hold) − (ready ones not handed out yet)
    const n = want - this.handed.length - this.spare.filter((sock) => !sock.destroyed).length;
    if (n <= 0) return;
    const opts: buildConnector.Options = {
      hostname: url.hostname, host: url.host, protocol: url.protocol,
      port: url.port || (url.protocol === 'https:' ? '443' : '80'),
    };
    const one = () =>
      new Promise<void>((resolve) =>
        this.connector(opts, (err, sock) => {
          if (err === null && sock) {
            this.spare.push(sock);
            if (this.clients.length < want) this.idle.push(this.newClient());
          }
          resolve();
        }),
      );
    // At most MAX_CONNECTING at once, so a large pool does not overflow the target's accept backlog.
    for (let i = 0; i < n; i += MAX_CONNECTING) await Promise.all(Array.from({ length: Math.min(MAX_CONNECTING, n - i) }, one));
  }

  /** A fresh exchange bound to this sender. */
  newExchange(): Exchange {
    const ex = new Exchange(this);
    this.exchanges.push(ex);
    return ex;
  }

  /**
   * Send `req` on `ex` as soon as a connection is free. `intendedMs` is the performance.now()
   * time it was meant to leave (late when it leaves more than lateThresholdMs after).
   */
  send(ex: Exchange, req: GeneratedRequest, intendedMs: number): void {
    this.inflight++;
    ex.req = req;
    ex.intended = intendedMs;
    const client = this.idle.pop();
    if (client !== undefined) this.dispatchOn(client, ex, false);
    else if (this.canOpen()) this.dispatchOn(this.newClient(), ex, true);
    else {
      this.recorder.queued(performance.now());
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

  private newClient(): Client {
    const c = new Client(this.origin, this.clientOptions);
    this.clients.push(c);
    return c;
  }

  /** Put `ex`'s request on `client` (`opening`: its first request, which opens the connection). */
  private dispatchOn(client: Client, ex: Exchange, opening: boolean): void {
    ex.opening = opening;
    if (opening) this.connecting++;
    const req = ex.req!;
    const body = req.body;
    ex.start(client, performance.now(), body === undefined ? 0 : Buffer.byteLength(body));
    this.recorder.sent(ex, this.clients.length - this.idle.length);
    client.dispatch(this.dispatchOptions(req), ex);
  }

  /** undici's options for `req`: built once per request, or once per endpoint while its request is fixed (undici does not mutate them). */
  private dispatchOptions(req: GeneratedRequest): Dispatcher.DispatchOptions {
    const ep = req.endpointIndex;
    if (this.lastReq[ep] === req) return this.lastOpts[ep];
    const timeout = this.timeouts[ep];
    const opts: Dispatcher.DispatchOptions = {
      path: this.basePath + req.path, method: req.method, headers: req.headers, body: req.body ?? null, headersTimeout: timeout, bodyTimeout: timeout,
    };
    this.lastReq[ep] = req;
    this.lastOpts[ep] = opts;
    return opts;
  }

  /** @internal called by Exchange: record, pass the connection on, then let the loop continue. */
  complete(ex: Exchange, client: Client): void {
    this.inflight--;
    if (ex.opening) {
      ex.opening = false;
      this.connecting--;
    }
    if (this.closed) return;
    const end = performance.now();
    this.lastEnd = end;
    this.recorder.completed(end, ex);
    // Pass the connection to the longest-waiting request, and open more while allowed.
    let next = this.takeWaiting();
    if (next) this.dispatchOn(client, next, false);
    else this.idle.push(client);
    while (this.canOpen() && (next = this.takeWaiting())) this.dispatchOn(this.newClient(), next, true);
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

  /**
   * Stop: requests still waiting for a connection count as dropped; in-flight ones are
   * abandoned (sent, never completed); every connection is torn down.
   */
  async close(): Promise<void> {
    // Requests still waiting for a connection were never sent: count them as dropped.
    for (let ex = this.takeWaiting(); ex; ex = this.takeWaiting()) {
      this.recorder.dropped(ex.intended, ex.req!.endpointIndex);
      ex.req = null;
      this.inflight--;
    }
    this.closed = true;
    clearInterval(this.sweepTimer);
    for (const sock of this.spare.splice(0)) sock.destroy();
    await Promise.all(this.clients.map((c) => c.destroy().catch(() => undefined)));
  }
}
