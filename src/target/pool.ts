/**
 * A bounded pool of simulated servers with a bounded FIFO queue.
 *
 * Each admitted job holds one worker for its service time (a timer, no CPU burn).
 * When all workers are busy the job waits in the queue; when the queue is full
 * the job is refused at once (the caller answers 429).
 *
 * Timer lateness does not accumulate: service runs on a virtual clock. A job that
 * waited in the queue starts when its worker became free in simulated time,
 *   start = max(previous job's virtual end, enqueue time),  end = start + service,
 * and its timer fires at max(0, end − now). So a saturated pool completes exactly
 * workers ÷ service time jobs per second, even though setTimeout fires late.
 * A job never completes before its virtual end: setTimeout works on the event loop's
 * cached millisecond clock and can fire up to ~1 ms early by `now()`, so when the timer
 * fires the clock is read again and, if `now() < end`, the job waits again — with a timer
 * for a remainder ≥ 1 ms, else on the next turns of the event loop (setImmediate) until
 * the end has passed. A constant service time of S ms therefore never answers under S ms.
 *
 * The pool can be resized while it runs (the auto-scaler): growing starts queued jobs at once;
 * shrinking lets the jobs in service finish and starts no new one until fewer than `workers`
 * are busy. `busyMs` integrates the busy count over time, for utilisation = Δbusy / (workers × Δt).
 */

/** A job handed to the pool. */
export interface PoolJob {
  /** Service time in ms. */
  serviceMs: number;
  /** Called when the service time has elapsed (the worker is released right after). */
  done: () => void;
}

/** A job admitted to the pool; pass to {@link WorkerPool.cancel} if the client leaves while queued. */
export interface Ticket {
  readonly job: PoolJob;
  /** Monotonic ms when the job was admitted. */
  readonly enqueuedAt: number;
  /** True once the job holds a worker. */
  started: boolean;
  cancelled: boolean;
}

/** Counters of the pool. */
export interface PoolCounters {
  busy: number;
  queued: number;
  maxQueueSeen: number;
  abandoned: number;
  /** Jobs offered (admitted or refused) since the start. */
  offered: number;
  /** ∫ busy workers dt since the start, worker-ms. */
  busyMs: number;
}

/** Bounded workers + bounded FIFO queue with virtual-time service. */
export class WorkerPool {
  private busy = 0;
  /** FIFO as an array with a moving head; compacted when the head passes half. */
  private queue: Ticket[] = [];
  private head = 0;
  /** Queued tickets not cancelled. */
  private live = 0;
  private maxQueueSeen = 0;
  private abandoned = 0;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout | NodeJS.Immediate>();
  private size: number;
  private offered = 0;
  private busyMs = 0;
  private busySince: number;

  constructor(
    /** Simulated servers (≥ 1). */
    workers: number,
    /** Queue bound (≥ 0). */
    public readonly queueLimit: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.size = workers;
    this.busySince = now();
  }

  /** Simulated servers now (≥ 1). */
  get workers(): number {
    return this.size;
  }

  /** Change the number of workers (≥ 1): growing starts queued jobs now; shrinking takes effect as jobs finish. */
  resize(workers: number): void {
    if (!(Number.isInteger(workers) && workers >= 1)) throw new RangeError(`workers must be a whole number ≥ 1, got ${workers}`);
    this.size = workers;
    while (!this.closed && this.busy < this.size) {
      const next = this.dequeue();
      if (!next) break;
      this.setBusy(this.busy + 1);
      this.start(next, Math.max(this.now(), next.enqueuedAt));
    }
  }

  /** Accrue ∫ busy dt up to now, then set the busy count. */
  private setBusy(n: number): void {
    const t = this.now();
    this.busyMs += this.busy * (t - this.busySince);
    this.busySince = t;
    this.busy = n;
  }

  /** Admit a job: start it, queue it, or return `null` when the queue is full (→ 429). */
  submit(job: PoolJob): Ticket | null {
    if (this.closed) return null;
    this.offered++;
    const ticket: Ticket = { job, enqueuedAt: this.now(), started: false, cancelled: false };
    if (this.busy < this.size) {
      this.setBusy(this.busy + 1);
      this.start(ticket, ticket.enqueuedAt);
      return ticket;
    }
    if (this.live >= this.queueLimit) return null;
    this.queue.push(ticket);
    this.live++;
    if (this.live > this.maxQueueSeen) this.maxQueueSeen = this.live;
    return ticket;
  }

  /** The client left: drop a queued job (a job already in service runs to the end). */
  cancel(ticket: Ticket): void {
    if (ticket.started || ticket.cancelled) return;
    ticket.cancelled = true;
    this.live--;
    this.abandoned++;
  }

  /** Snapshot of the counters. */
  counters(): PoolCounters {
    const busyMs = this.busyMs + this.busy * (this.now() - this.busySince);
    return { busy: this.busy, queued: this.live, maxQueueSeen: this.maxQueueSeen, abandoned: this.abandoned, offered: this.offered, busyMs };
  }

  /** Refuse new jobs and cancel every timer; queued and in-service jobs never complete. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) {
      if ('refresh' in t) clearTimeout(t);
      else clearImmediate(t);
    }
    this.timers.clear();
    this.queue = [];
    this.head = 0;
    this.live = 0;
  }

  private start(ticket: Ticket, virtualStart: number): void {
    ticket.started = true;
    const virtualEnd = virtualStart + ticket.job.serviceMs;
    const wait = () => {
      const remaining = virtualEnd - this.now();
      const timer = remaining < 1 ? setImmediate(fire) : setTimeout(fire, remaining);
      this.timers.add(timer);
      return timer;
    };
    let timer: NodeJS.Timeout | NodeJS.Immediate;
    // Recheck the clock when the timer fires: it may fire before the end (see the class comment).
    const fire = () => {
      this.timers.delete(timer);
      if (this.now() < virtualEnd) {
        timer = wait();
        return;
      }
      ticket.job.done();
      this.release(virtualEnd);
    };
    timer = wait();
  }

  /** A worker became free at simulated time `freeAt`: hand it to the next live queued job. */
  private release(freeAt: number): void {
    if (this.closed) return;
    // After a shrink, a finishing job frees its worker for good until fewer than `workers` are busy.
    const next = this.busy > this.size ? undefined : this.dequeue();
    if (next) {
      this.start(next, Math.max(freeAt, next.enqueuedAt));
    } else {
      this.setBusy(this.busy - 1);
    }
  }

  private dequeue(): Ticket | undefined {
    while (this.head < this.queue.length) {
      const t = this.queue[this.head++];
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      if (!t.cancelled) {
        this.live--;
        return t;
      }
    }
    return undefined;
  }
}
