/**
 * The live progress line of `capplan load`: rewritten in place each second on a TTY,
 * plain lines every `everySec` seconds otherwise (CI logs).
 */
import { decodeHistogram } from '../results/histogram.js';
import type { IntervalRecord } from '../results/types.js';
import { failedCount } from '../results/failures.js';
import { formatCount, formatNumber } from '../render/format.js';
import { etaText, progressBar, truncateLine, wholeSeconds } from '../render/progress-bar.js';
import { terminalWidth } from '../render/width.js';

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
 * One plain progress line (CI logs): `[ 12/60 s · ETA 48 s] target 300/s  achieved 298/s  p99 12.3 ms  errors 0  dropped 0`.
 * Target is req/s (open); closed: `users 36 (target 33)` = users active at the end of the second
 * (target = planned users); achieved is completions in that second. ETA = planned duration − elapsed.
 * A part-second (see {@link isWholeSecond}) shows counts, not rates: `part-second: target 98, achieved 91`.
 */
export function progressLine(elapsedSec: number, totalSec: number, iv: IntervalRecord, model: 'open' | 'closed'): string {
  const total = wholeSeconds(totalSec);
  const width = String(total).length;
  return `[${String(Math.min(elapsedSec, total)).padStart(width)}/${total} s · ${etaText(elapsedSec, totalSec)}] ${progressFigures(iv, model, totalSec)}`;
}

/**
 * Whether interval `t` is a whole second of the run. Intervals are wall-clock seconds, and the run starts a
 * fraction f ∈ [0, 1) into its first one, so interval t covers [t − f, t + 1 − f) of the run's [0, totalSec]
 * (src/results/interval-time.ts): the first (t = 0) holds 1 − f s, the one holding the end f s or less, and
 * what follows only the grace period's completions. f is not known here, so a second is whole only when it
 * is for every f: t ≥ 1 and t + 1 ≤ totalSec. Counts in any other second are not per-second rates.
 */
export function isWholeSecond(t: number, totalSec: number): boolean {
  // Round away float noise of a scaled duration (44.99999999999999 s is 45 s).
  return t >= 1 && t + 1 <= Math.round(totalSec * 1000) / 1000;
}

/**
 * The terminal form of the progress line: a bar with the share of the planned duration done, elapsed/total, the ETA
 * and the figures of {@link progressLine}, cut to `columns` so the in-place redraw never wraps.
 */
export function progressBarLine(elapsedSec: number, totalSec: number, iv: IntervalRecord, model: 'open' | 'closed', columns: number): string {
  const total = wholeSeconds(totalSec);
  const fraction = totalSec > 0 ? Math.min(elapsedSec, totalSec) / totalSec : 1;
  const line = `${progressBar(fraction, 20)} ${Math.floor(fraction * 100)}%  ${Math.min(elapsedSec, total)}/${total} s  ${etaText(elapsedSec, totalSec)}  ${progressFigures(iv, model, totalSec)}`;
  return truncateLine(line, columns - 1);
}

/**
 * `target 300/s  achieved 298/s  p99 12.3 ms  errors 0/s  dropped 0/s` (closed: `users 36 (target 33)` first). In a
 * part-second the open target (arrivals planned in it) and the completions are counts over an unknown part of a
 * second, not rates: `part-second: target 98, achieved 91` (closed: `users 36 (target 33)  part-second: achieved 91`).
 */
function progressFigures(iv: IntervalRecord, model: 'open' | 'closed', totalSec: number): string {
  const t = intervalTotals(iv);
  // errors and drops of this second, like the achieved rate: per second in a whole second, counts in a part-second
  const tail = (per: string) => `p99 ${formatNumber(t.p99Ms)} ms  errors ${formatCount(t.errors)}${per}  dropped ${formatCount(t.dropped)}${per}`;
  const users = `users ${formatCount(iv.activeUsers)} (target ${formatCount(iv.targetLevel)})`;
  if (!isWholeSecond(iv.t, totalSec)) {
    const counts = model === 'open' ? `part-second: target ${formatCount(iv.targetLevel)}, achieved ${formatCount(t.completed)}` : `${users}  part-second: achieved ${formatCount(t.completed)}`;
    return `${counts}  ${tail('')}`;
  }
  return `${model === 'open' ? `target ${formatCount(iv.targetLevel)}/s` : users}  achieved ${formatCount(t.completed)}/s  ${tail('/s')}`;
}

/** Where progress goes: a stream with an optional TTY flag and its width in columns. */
export interface ProgressSink {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
}

/**
 * A progress printer. On a TTY it rewrites one line (`\r` + clear) with a bar and the ETA
 * ({@link progressBarLine}, cut to the sink's width); otherwise it prints a plain line
 * ({@link progressLine}) every `everySec` seconds (and for the last second). Call `done()` before
 * printing anything else.
 */
export function createProgress(sink: ProgressSink, model: 'open' | 'closed', everySec: number) {
  let drawn = false;
  let finalPrinted = false;
  return {
    update(elapsedSec: number, totalSec: number, iv: IntervalRecord): void {
      if (sink.isTTY) {
        sink.write(`\r\x1b[2K${progressBarLine(elapsedSec, totalSec, iv, model, terminalWidth(sink))}`);
        drawn = true;
      } else if (!finalPrinted && (elapsedSec % everySec === 0 || elapsedSec >= wholeSeconds(totalSec))) {
        finalPrinted = elapsedSec >= wholeSeconds(totalSec);
        sink.write(`${progressLine(elapsedSec, totalSec, iv, model)}\n`);
      }
    },
    done(): void {
      if (drawn) sink.write('\n');
      drawn = false;
    },
  };
}
