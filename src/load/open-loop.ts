/**
 * Open model pacing for one worker: each arrival is sent at its intended time. When every
 * connection is busy, arrivals wait in a bounded FIFO backlog (their latency still counts
 * from the intended time). An arrival that waited longer than `maxLagMs`, or found the
 * backlog full, is counted `dropped` — never silently skipped.
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

/** What an {@link OpenLoop} needs. */
export interface OpenLoopOptions {
  /** This worker's intended arrival times. */
  arrivals: ArrivalIterator;
  source: RequestGenerator;
  sender: Sender;
  recorder: Recorder;
  /** The sender's connections (most requests in flight at once). */
  connections: number;
  /** An arrival that waited longer than this for a connection is dropped, ms. */
  maxLagMs: number;
  /** Most arrivals waiting for a connection; one more is dropped. */
  maxBacklog: number;
  /** Last moment to send, ms since t = 0 (planned end + grace): arrivals not reached by then are dropped. */
  sendUntilMs: number;
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
  private readonly maxLagMs: number;
  private readonly sendUntilMs: number;

  constructor(opts: OpenLoopOptions) {
    super();
    ({ arrivals: this.arrivals, source: this.source, sender: this.sender, recorder: this.recorder, connections: this.connections, maxLagMs: this.maxLagMs, sendUntilMs: this.sendUntilMs } = opts);
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
    if (now - this.startPerf >= this.sendUntilMs) this.dropUnreached(Infinity);
    this.dropStale(now);
    let n = 0;
    while (this.nextT <= now && n < MAX_BATCH) {
      const t = this.nextT;
      const req = this.source.next();
      this.recorder.scheduled(t, req.endpointIndex);
      if (now - t > this.maxLagMs) this.recorder.dropped(t, req.endpointIndex);
      else if (this.len === 0 && this.sender.inflight < this.connections) this.dispatch(req, t);
      else this.enqueue(req, t, now);
      this.nextT = this.startPerf + this.arrivals.next();
      n++;
    }
    if (this.nextT === Infinity) {
      this.markEnded();
    } else if (n === MAX_BATCH) {
      this.timer = setImmediate(this.tick);
    } else {
      this.timer = setTimeout(this.tick, Math.max(0, this.nextT - performance.now()));
    }
  };

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
    if (!this.stopped && this.len > 0) {
      this.dropStale(performance.now());
      while (this.len > 0 && this.sender.inflight < this.connections) {
        const [t, req] = this.shift();
        this.dispatch(req, t);
      }
    }
  }

  private clearTimer(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer as NodeJS.Timeout);
    clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = null;
  }
}
