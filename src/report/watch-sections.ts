/**
 * Report sections for a watched run: the monitored server series (first, last, min, max per series)
 * and the chaos windows with their effect (error rate and p99 during the fault, time to recover).
 * Pure: report model pieces in, Doc tables out.
 */
import type { DocTable } from '../render/document.js';
import type { ChaosEffect } from '../analysis/chaos-effect.js';
import { describeChaos } from '../chaos/config.js';
import type { ChaosRecord, MonitorRecordJson } from '../monitor/record-schema.js';
import { seriesKey } from '../monitor/parse.js';
import { maxOf, minOf } from '../util/extrema.js';
import { formatBytes, formatMs, formatNumber, formatPercent, formatSeconds, formatSecondsRange } from '../render/format.js';
import { chartedSeries, monitorUnit } from './monitor-columns.js';

const num = (v: number) => formatNumber(v);

/** Rows shown in the monitor table (console, Markdown, HTML); every series is in the CSV and JSON. */
export const MONITOR_TABLE_ROWS = 40;

/** Seconds at or above which a `_seconds` gauge holds a "no sample yet" sentinel (prom-client's 2^63 ns), not a time. */
const NO_SAMPLE_SEC = 9e9;

/** A monitored value in its unit: bytes in KB/MB/GB, seconds in ms, anything else as a number. */
function monitorValue(name: string, v: number): string {
  const unit = monitorUnit(name);
  if (unit === 'bytes') return formatBytes(v);
  // prom-client starts its event-loop minimum at 2^63 ns (9 223 372 036 s) until a sample exists: no measurement.
  if (unit === 'seconds') return v >= NO_SAMPLE_SEC ? '–' : `${formatMs(v * 1000)} ms`;
  return num(v);
}

/**
 * One row per monitored series: name, first, last, min, max in the metric's unit (bytes as KB/MB, seconds as ms),
 * the charted (well-known) series first, then the rest in file order; at most `limit` rows. The source column
 * only when the series come from more than one source (else {@link monitorNotes} names it).
 */
export function monitorTable(m: MonitorRecordJson, limit = MONITOR_TABLE_ROWS): DocTable {
  const charted = chartedSeries(m.series);
  const order = [...charted, ...m.series.keys()].filter((i, k, all) => all.indexOf(i) === k).slice(0, limit);
  const oneSource = new Set(m.series.map((s) => s.source)).size <= 1;
  const rows = order.map((i) => {
    const s = m.series[i];
    const v = (x: number) => monitorValue(s.name, x);
    return [
      seriesKey(s.name, s.labels),
      ...(oneSource ? [] : [s.source]),
      s.t.length ? v(s.mean[0]) : '–',
      s.t.length ? v(s.mean[s.mean.length - 1]) : '–',
      s.t.length ? v(minOf(s.min)) : '–',
      s.t.length ? v(maxOf(s.max)) : '–',
    ];
  });
  return { columns: ['series', ...(oneSource ? [] : ['source']), 'first', 'last', 'min', 'max'], rows };
}

/** The lines above the monitor table: the scrape interval, the one source (when there is one) and what was left out. */
export function monitorNotes(m: MonitorRecordJson, limit = MONITOR_TABLE_ROWS): string[] {
  const sources = [...new Set(m.series.map((s) => s.source))];
  const cut = m.series.length > limit ? [`${m.series.length} series: the first ${limit} shown (the charted ones first); all of them are in --format csv and json`] : [];
  return [`scraped every ${m.everyMs} ms${sources.length === 1 ? ` from ${sources[0]}` : ''}`, ...cut];
}

/** The name of chaos window `i` (0-based) in every table, chart band and CSV cell: `chaos 1`, `chaos 2`, … */
export function chaosLabel(i: number): string {
  return `chaos ${i + 1}`;
}

/**
 * The chaos windows overlapping the span [fromSec, toSec), as `chaos 1 (10.7–14.7 s)`, joined by
 * `, `; `–` when none. A window overlaps when from < toSec and to > fromSec.
 */
export function chaosCovering(chaos: ChaosRecord | undefined, fromSec: number, toSec: number, withSpan = true): string {
  const names = (chaos?.windows ?? []).flatMap((w, i) =>
    w.fromSec < toSec && w.toSec > fromSec ? [withSpan ? `${chaosLabel(i)} (${formatSecondsRange(w.fromSec, w.toSec)})` : chaosLabel(i)] : [],
  );
  return names.length ? names.join(', ') : '–';
}

/**
 * Time to recover after window `i`, or, when the next window starts as this one ends (faults stay
 * on), that it followed at once: a recovery measured during the next window's faults means nothing.
 */
function recoveryCell(effects: ChaosEffect[], i: number): string {
  const e = effects[i];
  const next = effects[i + 1];
  if (next && next.fromSec <= e.toSec) return `– (${chaosLabel(i + 1)} followed at once)`;
  return e.recoverySec === null ? 'not within the run' : `${formatSeconds(e.recoverySec)} s`;
}

/** One row per chaos window. */
export function chaosTable(chaos: ChaosRecord, effects: ChaosEffect[]): DocTable {
  const pct = (f: number | null) => (f === null ? '–' : formatPercent(f));
  const ms = (v: number | null) => (v === null ? '–' : `${formatMs(v)} ms`);
  return {
    columns: ['window', 'time', 'faults', 'error rate', 'p99 (worst second)', 'before: error rate / p99', 'recovered after'],
    rows: effects.map((e, i) => [
      chaosLabel(i),
      formatSecondsRange(e.fromSec, e.toSec),
      describeChaos(chaos.windows[i].config).replace(/^chaos: /, ''),
      pct(e.errorRate),
      ms(e.p99Ms),
      `${pct(e.baselineErrorRate)} / ${ms(e.baselineP99Ms)}`,
      recoveryCell(effects, i),
    ]),
  };
}
