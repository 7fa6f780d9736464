/**
 * The trend of a history of runs (nightly results): one point per run, or per label value when
 * runs carry a label such as a commit (replicates of one commit make one point), the chosen
 * metrics of one scope, and the change points E-divisive finds in each metric. Pure.
 */
import { eDivisive } from '../stats/e-divisive.js';
import type { ResultFile } from '../results/types.js';
import { REGRESSION_METRICS, resultMetric, type RegressionMetric } from '../gate/metrics.js';

/** One run as the history sees it. */
export interface HistoryRun {
  /** Where it came from (a path), for messages and tables. */
  name: string;
  result: ResultFile;
}

/** One point of the trend: a run, or every run sharing a label value. */
export interface HistoryPoint {
  /** The label value, or the run's name when points are runs. */
  key: string;
  /** Start time of the point's earliest run (ISO). */
  startedAt: string;
  /** The runs the point holds. */
  runs: string[];
  /** Value per metric: the geometric mean of the runs' values (latency, rps; the arithmetic mean for error_rate and when a value is 0); NaN when no run has data. */
  values: Record<string, number>;
}

/** A change point in one metric's trend. */
export interface TrendChange {
  /** Index of the first point of the new level. */
  index: number;
  /** That point's key (the run or label the shift started at). */
  at: string;
  /** Typical value of the segment before and after (same averaging as the points). */
  before: number;
  after: number;
  /** after/before − 1 (latency, rps), or after − before (error_rate, a fraction). */
  change: number;
  changeKind: 'relative' | 'absolute';
  /** Permutation p-value of the split. */
  pValue: number;
}

/** One metric over the points. */
export interface MetricTrend {
  metric: RegressionMetric;
  unit: (typeof REGRESSION_METRICS)[RegressionMetric]['unit'];
  values: number[];
  /** Whether detection ran on ln(values) (every value > 0) or the values themselves. */
  scale: 'log' | 'linear';
  changes: TrendChange[];
}

/** Options of {@link buildTrend}. */
export interface TrendOptions {
  metrics: RegressionMetric[];
  /** `total` or an endpoint name. */
  scope: string;
  /** Group runs by this label (`labels[by]` in the result file); runs without it are left out with a warning. */
  by?: string;
  /** Change-point settings (see eDivisive). */
  minSize?: number;
  alpha?: number;
  permutations?: number;
  seed?: number;
}

/** The answer of {@link buildTrend}. */
export interface Trend {
  scope: string;
  by?: string;
  points: HistoryPoint[];
  metrics: MetricTrend[];
  settings: { minSize: number; alpha: number; permutations: number; seed: number };
  warnings: string[];
}

/** The labels a result carries (`labels` is optional in the file). */
export function labelsOf(result: ResultFile): Record<string, string> {
  return result.labels ?? {};
}

/** Average of a point's runs: geometric mean when every value is > 0 and the metric is not a fraction, else the mean. */
function typical(values: number[], metric: RegressionMetric): number {
  const v = values.filter(Number.isFinite);
  if (v.length === 0) return NaN;
  if (REGRESSION_METRICS[metric].unit !== 'fraction' && v.every((x) => x > 0)) return Math.exp(v.reduce((a, x) => a + Math.log(x), 0) / v.length);
  return v.reduce((a, x) => a + x, 0) / v.length;
}

/**
 * Build the trend: order runs by start time, group them by `by` when given (a group's position is
 * its earliest run), take each metric per point, and find change points per metric with
 * E-divisive means on ln(value) (every value > 0: multiplicative noise, as latency has) or on the
 * values (error rates with zeros). Points without data for a metric are skipped by the detection.
 */
export function buildTrend(runs: HistoryRun[], opts: TrendOptions): Trend {
  const settings = { minSize: opts.minSize ?? 3, alpha: opts.alpha ?? 0.05, permutations: opts.permutations ?? 199, seed: opts.seed ?? 1 };
  const warnings: string[] = [];
  const ordered = [...runs].sort((a, b) => a.result.run.startEpochMs - b.result.run.startEpochMs || a.name.localeCompare(b.name));
  // A trend compares like with like: runs of different profiles (workloads) differ by design, not by regression.
  const profiles = new Map<string, number>();
  for (const r of ordered) profiles.set(r.result.profile.name, (profiles.get(r.result.profile.name) ?? 0) + 1);
  if (profiles.size > 1) {
    const list = [...profiles].map(([name, n]) => `${name} ×${n}`).join(', ');
    warnings.push(`these runs come from ${profiles.size} different profiles (${list}): their differences are workloads, not regressions; give the runs of one profile (a folder or glob per profile)`);
  }
  const groups = new Map<string, HistoryRun[]>();
  for (const r of ordered) {
    const key = opts.by ? labelsOf(r.result)[opts.by] : r.name;
    if (key === undefined) {
      warnings.push(`${r.name} has no label "${opts.by}"; it is left out`);
      continue;
    }
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const points: HistoryPoint[] = [...groups].map(([key, rs]) => ({
    key,
    startedAt: rs[0].result.run.startedAt,
    runs: rs.map((r) => r.name),
    values: Object.fromEntries(opts.metrics.map((m) => [m, typical(rs.map((r) => resultMetric(r.result, opts.scope, m)), m)])),
  }));
  const noData = points.filter((p) => opts.metrics.every((m) => !Number.isFinite(p.values[m])));
  for (const p of noData) warnings.push(`${p.key}: no completed request in scope "${opts.scope}"`);
  const metrics = opts.metrics.map((metric): MetricTrend => {
    const values = points.map((p) => p.values[metric]);
    const idx = values.flatMap((v, i) => (Number.isFinite(v) ? [i] : []));
    const finite = idx.map((i) => values[i]);
    const scale = finite.length > 0 && finite.every((v) => v > 0) ? 'log' : 'linear';
    const series = scale === 'log' ? finite.map(Math.log) : finite;
    const cps = eDivisive(series, settings);
    const bounds = [0, ...cps.map((c) => c.index), finite.length];
    const segMean = (s: number) => typical(finite.slice(bounds[s], bounds[s + 1]), metric);
    const relative = REGRESSION_METRICS[metric].unit !== 'fraction';
    const changes = cps.map((c, k): TrendChange => {
      const before = segMean(k);
      const after = segMean(k + 1);
      return {
        index: idx[c.index],
        at: points[idx[c.index]].key,
        before,
        after,
        change: relative ? after / before - 1 : after - before,
        changeKind: relative ? 'relative' : 'absolute',
        pValue: c.pValue,
      };
    });
    return { metric, unit: REGRESSION_METRICS[metric].unit, values, scale, changes };
  });
  return { scope: opts.scope, ...(opts.by ? { by: opts.by } : {}), points, metrics, settings, warnings };
}
