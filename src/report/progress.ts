/**
 * The live progress line of `capplan load`: rewritten in place each second on a TTY,
 * plain lines every `everySec` seconds otherwise (CI logs).
 */
import { decodeHistogram } from '../results/histogram.js';
import type { IntervalRecord } from '../results/types.js';
import { failedCount } from '../results/failures.js';

/** Totals of one interval across endpoints. */
export interface IntervalTotals {
  completed: number;
  errors: number;
  dropped: number;
  /** p99 latency of the interval in ms (0 when nothing completed). */
  p99Ms: number;
}

/** Sum an interval over its endpoints; p99 from the merged latency histograms. */
export function intervalTotals(iv: IntervalRecord): IntervalTotals {
  let completed = 0;
  let errors = 0;
  let dropped = 0;
  let hist: ReturnType<typeof decodeHistogram> | null = null;
  for (const d of Object.values(iv.endpoints)) {
    completed += d.completed;
    dropped += d.dropped;
    errors += failedCount(d);
    if (d.latency) {
      const h = decodeHistogram(d.latency);
      if (hist) {
        hist.add(h);
        h.destroy();
      } else hist = h;
    }
  }
  const p99Ms = hist && hist.totalCount ? Math.round(hist.getValueAtPercentile(99) / 10) / 100 : 0;
  hist?.destroy();
  return { completed, errors, dropped, p99Ms };
}

/**
 * One progress line: `[ 12/60 s] target 300/s  achieved 298/s  p99 12.3 ms  errors 0  dropped 0`.
 * Target is req/s (open); closed: `users 36 (target 33)` = users active at the end of the second
 * (target = planned users); achieved is completions in that second.
 */
export function progressLine(elapsedSec: number, totalSec: number, iv: IntervalRecord, model: 'open' | 'closed'): string {
  const t = intervalTotals(iv);
  const width = String(Math.ceil(totalSec)).length;
  const target = model === 'open' ? `target ${Math.round(iv.targetLevel)}/s` : `users ${iv.activeUsers} (target ${Math.round(iv.targetLevel)})`;
  return (
    `[${String(Math.min(elapsedSec, Math.ceil(totalSec))).padStart(width)}/${Math.ceil(totalSec)} s] ${target}  achieved ${t.completed}/s  ` +
    `p99 ${t.p99Ms} ms  errors ${t.errors}  dropped ${t.dropped}`
  );
}

/** Where progress goes: a stream with an optional TTY flag. */
export interface ProgressSink {
  write(text: string): void;
  isTTY?: boolean;
}

/**
 * A progress printer. On a TTY it rewrites one line (`\r` + clear); otherwise it prints a
 * plain line every `everySec` seconds (and for the last second). Call `done()` before printing
 * anything else.
 */
export function createProgress(sink: ProgressSink, model: 'open' | 'closed', everySec: number) {
  let drawn = false;
  let finalPrinted = false;
  return {
    update(elapsedSec: number, totalSec: number, iv: IntervalRecord): void {
      const line = progressLine(elapsedSec, totalSec, iv, model);
      if (sink.isTTY) {
        sink.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else if (!finalPrinted && (elapsedSec % everySec === 0 || elapsedSec >= Math.ceil(totalSec))) {
        finalPrinted = elapsedSec >= Math.ceil(totalSec);
        sink.write(`${line}\n`);
      }
    },
    done(): void {
      if (drawn) sink.write('\n');
      drawn = false;
    },
  };
}
