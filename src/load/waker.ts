/**
 * Sub-millisecond wake-ups for a load worker's pacer. Node's timers have a resolution of 1 ms, so an open-model
 * worker at 10 000 req/s (arrivals 0.1 ms apart) woken by setTimeout sends each arrival up to ~1 ms late. A Waker
 * asks its wake thread (wake-thread.ts) to post a message at the next arrival's instant; the message wakes the
 * event loop within tens of microseconds. Wake-ups come at most every `minGapMs` (each costs the worker a message,
 * about 5–10 µs), and a timer stays armed beside it: the Waker only ever brings a wake-up forward.
 */
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { distPath } from '../util/paths.js';

/** Fewest milliseconds between two wake-ups (at most 4 000 a second). */
export const WAKE_MIN_GAP_MS = 0.25;

export class Waker {
  private readonly ctl: Int32Array;
  private readonly due: Float64Array;
  private readonly thread: Worker;
  private closed = false;

  /** `onWake` runs on this thread's event loop at (or just after) each requested instant. */
  constructor(onWake: () => void, minGapMs = WAKE_MIN_GAP_MS) {
    const buffer = new SharedArrayBuffer(16);
    this.ctl = new Int32Array(buffer, 0, 2);
    this.due = new Float64Array(buffer, 8, 1);
    this.thread = new Worker(distPath('load/wake-thread.js'), { workerData: { buffer, minGapMs } });
    this.thread.on('message', onWake);
    this.thread.on('error', () => undefined); // a lost wake thread leaves the timers, which are armed anyway
    this.thread.unref();
  }

  /** Wake at `perfMs` (this thread's performance.now() clock); replaces any earlier request. */
  wakeAt(perfMs: number): void {
    if (this.closed) return;
    this.due[0] = performance.timeOrigin + perfMs;
    Atomics.add(this.ctl, 0, 1);
    Atomics.notify(this.ctl, 0);
  }

  /** Stop the wake thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.due[0] = -1;
    Atomics.add(this.ctl, 0, 1);
    Atomics.notify(this.ctl, 0);
    await this.thread.terminate().catch(() => 0);
  }
}
