/**
 * A worker thread's self-check: how busy its event loop was and how late its callbacks ran, per
 * sample (about one wall-clock second). Node 20 has no per-thread CPU clock, so the busy share is
 * the event-loop utilisation (ELU): the fraction of wall time the thread spent running JavaScript
 * and native callbacks rather than waiting for I/O, which is its CPU share when it does no
 * blocking I/O (a load worker does none).
 */
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram } from 'node:perf_hooks';

/** Sampling period of the event-loop delay timer, ms. Its histogram values include it, so it is subtracted. */
const RESOLUTION_MS = 10;

/** One sample: busy share in [0, 1], event-loop delay p99 and max (ms). */
export interface LoopSample {
  busy: number;
  lagP99Ms: number;
  lagMaxMs: number;
}

/** Measures this thread's event loop between calls of {@link sample}. */
export class LoopSelfCheck {
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  constructor() {
    this.delay.enable();
  }

  /**
   * Busy share and delay since the previous call, then start a new period.
   * busy = Δactive / (Δactive + Δidle); lag = histogram value − RESOLUTION_MS (ns → ms), ≥ 0.
   */
  sample(): LoopSample {
    const now = performance.eventLoopUtilization();
    const d = performance.eventLoopUtilization(now, this.last);
    this.last = now;
    const lag = (ns: number) => (Number.isFinite(ns) && this.delay.count > 0 ? Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 1000) / 1000) : 0);
    const s = { busy: Math.round(d.utilization * 1000) / 1000, lagP99Ms: lag(this.delay.percentile(99)), lagMaxMs: lag(this.delay.max) };
    this.delay.reset();
    return s;
  }

  /** Stop the delay timer. */
  stop(): void {
    this.delay.disable();
  }
}
