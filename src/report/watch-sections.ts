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
import { formatMs, formatNumber, formatPercent, formatSeconds, formatSecondsRange } from '../render/format.js';

const num = (v: number) => formatNumber(v);

/** One row per monitored series: name, source, first, last, min, max (the metric's own unit). At most `limit` rows. */
export function monitorTable(m: MonitorRecordJson, limit = 40): DocTable {
  const rows = m.series.slice(0, limit).map((s) => [
    seriesKey(s.name, s.labels),
    s.source,
    s.t.length ? num(s.mean[0]) : '–',
    s.t.length ? num(s.mean[s.mean.length - 1]) : '–',
    s.t.length ? num(minOf(s.min)) : '–',
    s.t.length ? num(maxOf(s.max)) : '–',
  ]);
  return { columns: ['series', 'source', 'first', 'last', 'min', 'max'], rows };
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
