/**
 * Picking the memory series of a monitored run for the soak analysis (pure).
 */
import { countsAt, FULL_GC_COUNTERS, HEAP_METRICS, type SoakMemorySeries } from '../analysis/soak.js';
import { seriesKey } from './parse.js';
import type { StoredSeries } from './store.js';

/** A metric name with the labels a series must carry (others may be present). */
export interface MetricSelector {
  name: string;
  labels?: Record<string, string>;
}

/** `jvm_memory_used_bytes{area="heap"}` → { name, labels: { area: 'heap' } }; `undefined` when malformed. */
export function parseSelector(text: string): MetricSelector | undefined {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?$/.exec(text.trim());
  if (!m) return undefined;
  const labels: Record<string, string> = {};
  if (m[2] !== undefined && m[2].trim() !== '') {
    for (const part of m[2].split(',')) {
      const lm = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"([^"]*)"\s*$/.exec(part);
      if (!lm) return undefined;
      labels[lm[1]] = lm[2];
    }
  }
  return { name: m[1], ...(Object.keys(labels).length ? { labels } : {}) };
}

/** Does `s` match the selector (same name, and every selector label equal)? */
export function matches(s: StoredSeries, sel: MetricSelector): boolean {
  return s.name === sel.name && Object.entries(sel.labels ?? {}).every(([k, v]) => s.labels[k] === v);
}

/**
 * The series matching `sel`, one per source: when several series of a source match (a JVM reports
 * one per memory pool) they are added up bucket by bucket (sum of mins and of maxes, which bounds
 * the true min and max of the total). Each carries its source's count of full collections when the
 * metric has one ({@link FULL_GC_COUNTERS}) and the source exposes its family (a labelled series
 * not yet seen, e.g. kind="major" before the first one, counts 0), and then its young generation.
 */
export function selectMemory(series: readonly StoredSeries[], sel: MetricSelector): SoakMemorySeries[] {
  const counter = FULL_GC_COUNTERS[sel.name];
  const withFullGcs = (m: SoakMemorySeries): SoakMemorySeries => {
    if (!counter || !series.some((s) => s.source === m.source && s.name === counter.name)) return m;
    const c = series.find((s) => s.source === m.source && matches(s, counter));
    const young = counter.young && series.find((s) => s.source === m.source && matches(s, counter.young!));
    return { ...m, fullGcs: c ? countsAt(m.tSec, c.t, c.max) : m.tSec.map(() => 0), ...(young ? { young: countsAt(m.tSec, young.t, young.min) } : {}) };
  };
  return selectSummed(series, sel).map(withFullGcs);
}

function selectSummed(series: readonly StoredSeries[], sel: MetricSelector): SoakMemorySeries[] {
  const bySource = new Map<string, StoredSeries[]>();
  for (const s of series) if (matches(s, sel)) bySource.set(s.source, [...(bySource.get(s.source) ?? []), s]);
  const label = seriesKey(sel.name, sel.labels ?? {});
  return [...bySource.entries()].map(([source, group]) => {
    if (group.length === 1) {
      const g = group[0];
      return { name: seriesKey(g.name, g.labels), source, tSec: g.t, min: g.min, max: g.max };
    }
    const acc = new Map<number, { min: number; max: number; k: number }>();
    for (const g of group) {
      g.t.forEach((t, i) => {
        const a = acc.get(t) ?? { min: 0, max: 0, k: 0 };
        acc.set(t, { min: a.min + g.min[i], max: a.max + g.max[i], k: a.k + 1 });
      });
    }
    const rows = [...acc.entries()].filter(([, a]) => a.k === group.length).sort(([a], [b]) => a - b);
    return { name: `sum(${label}) over ${group.length} series`, source, tSec: rows.map(([t]) => t), min: rows.map(([, a]) => a.min), max: rows.map(([, a]) => a.max) };
  });
}

/**
 * The memory series the soak verdict judges: the named metric, or else the first heap metric of
 * {@link HEAP_METRICS} the run has, plus process_resident_memory_bytes when present.
 */
export function defaultMemorySelectors(series: readonly StoredSeries[], named?: MetricSelector): MetricSelector[] {
  if (named) return [named];
  const present = HEAP_METRICS.filter((sel) => series.some((s) => matches(s, sel)));
  const rss = HEAP_METRICS[HEAP_METRICS.length - 1];
  const heap = present.find((sel) => sel !== rss);
  return [...(heap ? [heap] : []), ...(present.includes(rss) ? [rss] : [])];
}
