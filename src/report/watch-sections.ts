/**
 * Report sections for a watched run: the monitored server series (first, last, min, max per series)
 * and the chaos windows with their effect (error rate and p99 during the fault, time to recover).
 * Pure: report model pieces in, Doc tables out.
 */
import type { DocTable } from '../render/document.js';
import { chaosEffects, type ChaosEffect } from '../analysis/chaos-effect.js';
import { describeChaos } from '../chaos/config.js';
import type { ChaosRecord, MonitorRecordJson } from '../monitor/record-schema.js';
import { seriesKey } from '../monitor/parse.js';
import type { ReportSeries } from './types.js';

const num = (v: number) => String(Number(v.toPrecision(4)));

/** One row per monitored series: name, source, first, last, min, max (the metric's own unit). At most `limit` rows. */
export function monitorTable(m: MonitorRecordJson, limit = 40): DocTable {
  const rows = m.series.slice(0, limit).map((s) => [
    seriesKey(s.name, s.labels),
    s.source,
    s.t.length ? num(s.mean[0]) : '–',
    s.t.length ? num(s.mean[s.mean.length - 1]) : '–',
    s.t.length ? num(Math.min(...s.min)) : '–',
    s.t.length ? num(Math.max(...s.max)) : '–',
  ]);
  return { columns: ['series', 'source', 'first', 'last', 'min', 'max'], rows };
}

/** The effect of each chaos window, from the per-second total series (p99 = the worst second inside). */
export function chaosReport(chaos: ChaosRecord, series: ReportSeries): ChaosEffect[] {
  const seconds = series.t.map((t, i) => ({
    tSec: t,
    requests: series.total.achieved[i],
    failures: series.total.errors[i] + (series.total.backpressure?.[i] ?? 0),
    p99Ms: series.total.p99[i],
  }));
  return chaosEffects(seconds, chaos.windows.map((w) => ({ fromSec: w.fromSec, toSec: w.toSec })));
}

/** One row per chaos window. */
export function chaosTable(chaos: ChaosRecord, effects: ChaosEffect[]): DocTable {
  const pct = (f: number | null) => (f === null ? '–' : `${(f * 100).toFixed(2)}%`);
  const ms = (v: number | null) => (v === null ? '–' : `${num(v)} ms`);
  return {
    columns: ['window (s)', 'faults', 'error rate', 'p99 (worst second)', 'before: error rate / p99', 'recovered after'],
    rows: effects.map((e, i) => [
      `${e.fromSec.toFixed(1)}–${e.toSec.toFixed(1)}`,
      describeChaos(chaos.windows[i].config).replace(/^chaos: /, ''),
      pct(e.errorRate),
      ms(e.p99Ms),
      `${pct(e.baselineErrorRate)} / ${ms(e.baselineP99Ms)}`,
      e.recoverySec === null ? 'not within the run' : `${Number(e.recoverySec.toFixed(1))} s`,
    ]),
  };
}
