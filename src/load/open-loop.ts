/**
 * Open model pacing for one worker: each arrival is sent at its intended time. When every
 * connection is busy, arrivals wait in a bounded FIFO backlog (their latency still counts
 * from the intended time). An arrival that waited longer than `maxLagMs`, or found the
 * backlog full, is counted `dropped` — never silently skipped.
 *
 * The pool grows on demand, and only while the worker can use it: the in-flight limit starts at the connections
 * opened before t = 0 (`initialConnections`) and rises by one for each arrival that finds every connection busy,
 * up to `connections`, but only
 *   - while the worker's event loop was busy less than GROW_BELOW_ELU of the last ELU_WINDOW_MS,
 *   - by at most max(MIN_GROW, limit) per window (it at most doubles every ELU_WINDOW_MS: from 8 to 4 096
 *     connections in 0.9 s for a slow target), and not in the first window, which gathers the evidence (the
 *     connections opened before t = 0 were sized for a 2 ms round trip),
 *   - and below what Little's law asks for, with headroom: limit < 2·λ·W + MIN_GROW, λ the arrivals per second and
 *     W the mean service time (send → response) of the last window (no bound before the first response). A fast
 *     target that a short stall of the worker left with a burst of due arrivals needs no more connections: the
 *     burst drains in a few milliseconds on those it has.
 * When the worker itself is the bottleneck (a cold or overloaded thread), more connections only add work to the
 * thread that is already behind: measured at 30 000 req/s on nginx, growing to the old fixed cap of rate × 0.1 s
 * (3 000 connections) left 16–18% of a 6 s run late and never recovered; held at 64, 0–2%.
 *
 * Bounded in time whatever the generator manages: a pacer that fell behind may still send overdue
 * arrivals (late) until `sendUntilMs` (the planned end plus the grace period); then every arrival
 * it has not reached is counted scheduled and dropped at once, so a rate the generator cannot keep
 * up with ends on time instead of running on.
 */
import { performance } from 'node:perf_hooks';
import type { ArrivalIterator } from '../schedule/open-arrivals.js';
import type { GeneratedRequest, RequestGenerator } from '../mix/generator.js';
import type { Recorder } from './recorder.js';
import { LoadLoop } from './loop.js';
import type { Exchange, Sender } from './sender.js';

/** Most arrivals handled in one timer turn before yielding to I/O. */
const MAX_BATCH = 2000;
/** The pool grows only while the event loop's utilisation over the last window was below this share. */
export const GROW_BELOW_ELU = 0.85;
/** Sub-millisecond wake-ups (OpenLoopOptions.wakeAt) are asked for only while the utilisation is below this share. */
export const WAKE_BELOW_ELU = 0.5;
/** Window of that utilisation, ms. */
export const ELU_WINDOW_MS = 100;
/** The limit may always grow by this many per window, even from a small start. */
const MIN_GROW = 8;
/** Responses a window needs before its own Little's-law bound is used. */
const LITTLE_MIN_RESPONSES = 16;
/** The utilisation is re-read at most this often, ms. */
const ELU_CHECK_MS = 5;

/** What an {@link OpenLoop} needs. */
export interface OpenLoopOptions {
  /** This worker's intended arrival times. */
  arrivals: ArrivalIterator;
  source: RequestGenerator;
  sender: Sender;
  recorder: Recorder;
  /** The sender's connections (most requests in flight at once). */
  connections: number;
  /** Requests in flight allowed at t = 0 (the connections opened before it), grown on demand up to `connections`. */
  initialConnections: number;
  /** An arrival that waited longer than this for a connection is dropped, ms. */
  maxLagMs: number;
  /** Most arrivals waiting for a connection; one more is dropped. */
  maxBacklog: number;
  /** Last moment to send, ms since t = 0 (planned end + grace): arrivals not reached by then are dropped. */
  sendUntilMs: number;
  /** Ask for a wake-up at a performance.now() instant, finer than a timer's 1 ms (see Waker); it calls {@link OpenLoop.wake}. */
  wakeAt?: (perfMs: number) => void;
}

export class OpenLoop extends LoadLoop {
  private readonly backlogT: Float64Array;
  private readonly backlogReq: Array<GeneratedRequest | null>;
  private head = 0;
  private len = 0;
  private readonly free: Exchange[] = [];
  private nextT = Infinity;
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private readonly arrivals: ArrivalIterator;
  private readonly source: RequestGenerator;
  private readonly sender: Sender;
  private readonly recorder: Recorder;
  private readonly connections: number;
  /** In-flight limit now: grows from initialConnections up to connections (see hasRoom). */
  private limit: number;
  private elu = performance.eventLoopUtilization();
  private eluAtMs = 0;
  private eluCheckedMs = -Infinity;
  /** The event loop's utilisation over the current window (see readUtilisation), 0–1. */
  private utilisation = 0;
  /** Arrivals, responses and their summed service time (ms) in the current window, for Little's law. */
  private winArrivals = 0;
  private winDone = 0;
  private winServiceMs = 0;
  /** 2·λ·W + MIN_GROW from the last window with responses (Infinity before the first). */
  private littleBound = Infinity;
  /**
   * How much the limit may still grow in this window (it at most doubles per ELU_WINDOW_MS); 0 in the first window,
   * which gathers the evidence (the connections opened before t = 0 were sized for a 2 ms round trip).
   */
  private growBudget = 0;
  private readonly maxLagMs: number;
  private readonly sendUntilMs: number;
  private readonly wakeAt: ((perfMs: number) => void) | undefined;

  constructor(opts: OpenLoopOptions) {
    super();
    ({ arrivals: this.arrivals, source: this.source, sender: this.sender, recorder: this.recorder, connections: this.connections, maxLagMs: this.maxLagMs, sendUntilMs: this.sendUntilMs } = opts);
    this.wakeAt = opts.wakeAt;
    this.limit = Math.max(1, Math.min(opts.initialConnections, opts.connections));
    this.backlogT = new Float64Array(opts.maxBacklog);
    this.backlogReq = new Array<GeneratedRequest | null>(opts.maxBacklog).fill(null);
    this.sender.onDone = (ex) => this.onDone(ex);
  }

  /** True when nothing waits in the backlog and nothing is in flight. */
  override get idle(): boolean {
    return this.len === 0 && this.sender.inflight === 0;
  }

  /** Start pacing; `startPerf` is performance.now() of t = 0. */
  override start(startPerf: number): void {
    this.startPerf = startPerf;
    this.elu = performance.eventLoopUtilization();
    this.eluAtMs = performance.now();
    this.nextT = startPerf + this.arrivals.next();
    this.tick();
  }

  /** Stop sending: the waiting backlog is counted as dropped. */
  override stop(): void {
    this.stopped = true;
    this.clearTimer();
    while (this.len > 0) {
      const [t, req] = this.shift();
      this.recorder.dropped(t, req.endpointIndex);
    }
  }

  private readonly tick = (): void => {
    this.timer = null;
    if (this.stopped) return;
    const now = performance.now();
    this.readUtilisation(now);
    if (now - this.startPerf >= this.sendUntilMs) this.dropUnreached(Infinity);
    this.dropStale(now);
    let n = 0;
    while (this.nextT <= now && n < MAX_BATCH) {
      const t = this.nextT;
      const req = this.source.next();
      this.recorder.scheduled(t, req.endpointIndex);
      if (now - t > this.maxLagMs) this.recorder.dropped(t, req.endpointIndex);
      else if (this.len === 0 && this.hasRoom(now)) this.dispatch(req, t);
      else this.enqueue(req, t, now);
      this.nextT = this.startPerf + this.arrivals.next();
      n++;
    }
    this.winArrivals += n;
    if (this.nextT === Infinity) {
      this.markEnded();
    } else if (n === MAX_BATCH) {
      this.timer = setImmediate(this.tick);
    } else {
      this.timer = setTimeout(this.tick, Math.max(0, this.nextT - performance.now()));
      // Finer wake-ups only while the loop has room for their messages (utilisation read at this tick's start): a
      // busy loop needs its time to send.
      if (this.wakeAt !== undefined && this.utilisation < WAKE_BELOW_ELU) this.wakeAt(this.nextT);
    }
  };

  /** A wake-up asked for through `wakeAt`: send what is due now instead of at the timer. */
  wake(): void {
    if (this.timer === null || this.stopped) return;
    this.clearTimer();
    this.tick();
  }

  private dispatch(req: GeneratedRequest, intended: number): void {
    const ex = this.free.pop() ?? this.sender.newExchange();
    this.sender.send(ex, req, intended);
  }

  /** Out of time: every arrival intended before `beforePerf` the pacer has not reached is scheduled and dropped. */
  private dropUnreached(beforePerf: number): void {
    for (; this.nextT < beforePerf; this.nextT = this.startPerf + this.arrivals.next()) {
      const ep = this.source.next().endpointIndex;
      this.recorder.scheduled(this.nextT, ep);
      this.recorder.dropped(this.nextT, ep);
    }
  }

  private enqueue(req: GeneratedRequest, t: number, now: number): void {
    this.recorder.queued(now);
    const cap = this.backlogT.length;
    if (this.len >= cap) {
      this.recorder.dropped(t, req.endpointIndex);
      return;
    }
    const i = (this.head + this.len) % cap;
    this.backlogT[i] = t;
    this.backlogReq[i] = req;
    this.len++;
  }

  private shift(): [number, GeneratedRequest] {
    const t = this.backlogT[this.head];
    const req = this.backlogReq[this.head]!;
    this.backlogReq[this.head] = null;
    this.head = (this.head + 1) % this.backlogT.length;
    this.len--;
    return [t, req];
  }

  /** Drop arrivals at the head of the backlog that waited longer than maxLagMs. */
  private dropStale(now: number): void {
    while (this.len > 0 && now - this.backlogT[this.head] > this.maxLagMs) {
      const [t, req] = this.shift();
      this.recorder.dropped(t, req.endpointIndex);
    }
  }

  private onDone(ex: Exchange): void {
    this.free.push(ex);
    if (this.stopped) return;
    const now = performance.now();
    this.winDone++;
    this.winServiceMs += now - ex.sentAt;
    if (this.len > 0) {
      this.dropStale(now);
      while (this.len > 0 && this.hasRoom(now)) {
        const [t, req] = this.shift();
        this.dispatch(req, t);
      }
    }
    // Pace on every wake-up: a completion that finds the next arrival due sends it now instead of at the timer,
    // whose granularity is 1 ms (at 10 000 req/s the arrivals are 0.1 ms apart, the completions about as dense).
    if (this.nextT <= now) this.wake();
  }

  /**
   * May one more request go in flight now? Below the limit, yes; at the limit, the limit grows by one (up to
   * `connections`) unless the event loop was busy at least GROW_BELOW_ELU of the window, this window's growth is
   * spent, or the limit has reached Little's law with headroom (littleBoundAt).
   */
  private hasRoom(now: number): boolean {
    const inflight = this.sender.inflight;
    if (inflight < this.limit) return true;
    if (this.limit >= this.connections) return false;
    this.readUtilisation(now);
    if (this.utilisation >= GROW_BELOW_ELU || this.growBudget <= 0 || this.limit >= this.littleBoundAt(now)) return false;
    this.growBudget--;
    this.limit++;
    return true;
  }

  /**
   * 2·λ·W + MIN_GROW (Little's law, L = λ·W, with headroom) from the current window once it is half over and holds
   * LITTLE_MIN_RESPONSES responses (a short window right after a stall would see only the stalled responses), else
   * from the last window that had responses (Infinity before the first; the first window's own once it has them).
   */
  private littleBoundAt(now: number): number {
    if (this.winDone < LITTLE_MIN_RESPONSES) return this.littleBound;
    return now - this.eluAtMs < ELU_WINDOW_MS / 2 && this.littleBound !== Infinity ? this.littleBound : this.littleOf(now);
  }

  /** 2·λ·W + MIN_GROW over the current window so far: λ = arrivals ÷ elapsed, W = Σ service ÷ responses. */
  private littleOf(now: number): number {
    return Math.ceil(2 * (this.winArrivals / Math.max(1, now - this.eluAtMs)) * (this.winServiceMs / this.winDone)) + MIN_GROW;
  }

  /** Event-loop utilisation since the window began, re-read at most every ELU_CHECK_MS; a new window every ELU_WINDOW_MS. */
  private readUtilisation(now: number): void {
    if (now - this.eluCheckedMs < ELU_CHECK_MS || now - this.eluAtMs < ELU_CHECK_MS) return;
    const cur = performance.eventLoopUtilization();
    this.utilisation = performance.eventLoopUtilization(cur, this.elu).utilization;
    this.eluCheckedMs = now;
    if (now - this.eluAtMs >= ELU_WINDOW_MS) {
      // Little's law over the window: L = λ·W, λ = arrivals ÷ window, W = Σ service ÷ responses.
      if (this.winDone > 0) this.littleBound = this.littleOf(now);
      this.winArrivals = this.winDone = this.winServiceMs = 0;
      this.elu = cur;
      this.eluAtMs = now;
      this.growBudget = Math.max(MIN_GROW, this.limit);
    }
  }

  private clearTimer(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer as NodeJS.Timeout);
    clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = null;
  }
}
