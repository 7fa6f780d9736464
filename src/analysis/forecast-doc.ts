/**
 * Render forecasts as a renderer-neutral `Doc`: three narrow summary tables (crossing and
 * verdict; the band's earliest/latest crossing; the model) and, per metric, the formulas with
 * the numbers used and a table of forecast checkpoints. {@link forecastCsv} is the
 * machine-readable summary for `--format csv`, built from the typed forecasts.
 */
import { formatNumber as num } from '../render/format.js';
import { type Cell, type Doc, type DocSection, type DocTable } from '../render/document.js';
import { csvNumber } from './csv-cells.js';
import { formatEpoch, MAX_SEARCH_DAYS, type Crossing, type MetricForecast } from './forecast.js';

/** Build the forecast document for `capplan forecast`. `data` is the typed forecasts. */
export function forecastDoc(file: string, forecasts: readonly MetricForecast[]): Doc {
  const f0 = forecasts[0];
  const pct = `${Math.round(f0.level * 100)}%`;
  const summary: DocSection = {
    heading: 'Summary',
    notes: [
      `${f0.n} points, ${formatEpoch(f0.firstEpochSec, f0.stepDays)} → ${formatEpoch(f0.lastEpochSec, f0.stepDays)}; horizon ${num(f0.horizonDays)} days after the last point; ${pct} prediction bands`,
    ],
    table: {
      columns: ['metric', 'limit', 'last', 'crosses', 'days', 'verdict'],
      rows: forecasts.map((f) => {
        const main = mainCrossing(f);
        return [f.metric, f.threshold ?? '', f.lastValue, main ? crossDate(main, f.stepDays) : isNoTrend(f) ? 'never' : '', main?.daysFromLast ?? '', f.verdict];
      }),
    },
  };
  const band: DocSection = {
    table: {
      title: `Crossing by the ${pct} prediction band`,
      columns: ['metric', 'earliest', 'latest'],
      rows: forecasts.map((f) => [f.metric, f.crossing ? crossDate(f.crossing.earliest, f.stepDays) : '', f.crossing ? crossDate(f.crossing.latest, f.stepDays) : '']),
    },
  };
  const models: DocSection = {
    table: {
      title: 'Models',
      columns: ['metric', 'model', 'slope/day', 'R²'],
      rows: forecasts.map((f) => [f.metric, modelName(f), f.model.slopePerDay, f.model.r2]),
    },
  };
  const headline = forecasts
    .filter((f) => f.threshold !== undefined)
    .map((f) => `${f.metric} ≥ ${f.threshold}: ${shortVerdict(f)}`)
    .join('; ');
  return {
    title: `Forecast: ${file}`,
    headline: headline || 'trends only (no --limit given)',
    warnings: forecasts.flatMap((f) => f.warnings),
    sections: [summary, band, models, ...forecasts.map(metricSection)],
    data: { file, forecasts },
  };
}

/** A flat or falling trend, or one not significantly rising: reported as never crossing. */
function isNoTrend(f: MetricForecast): boolean {
  return f.verdict === 'falling' || f.verdict === 'not-significant';
}

/** The crossing the verdict is about: the seasonal peaks' if modelled, else the trend's; none without a real upward trend. */
function mainCrossing(f: MetricForecast): Crossing | undefined {
  return f.crossing && !isNoTrend(f) ? (f.crossing.peak ?? f.crossing.trend) : undefined;
}

/**
 * The summary for `--format csv`: one row per metric, snake_case headers, raw numbers,
 * ISO dates (with a time for sub-daily data), each crossing's status
 * (`already`, `within-horizon`, `beyond-horizon`, `never`; empty without a limit).
 */
export function forecastCsv(forecasts: readonly MetricForecast[]): DocTable {
  const crossingCells = (c: Crossing | undefined, f: MetricForecast, never: boolean): Cell[] => {
    if (!c) return [never ? 'never' : '', '', ''];
    return [c.status, c.epochSec !== undefined ? formatEpoch(c.epochSec, f.stepDays) : '', csvNumber(c.daysFromLast)];
  };
  return {
    columns: [
      'metric',
      'limit',
      'last',
      'model',
      'slope_per_day',
      'r2',
      'verdict',
      'crosses_status',
      'crosses_date',
      'crosses_days',
      'level',
      'earliest_status',
      'earliest_date',
      'earliest_days',
      'latest_status',
      'latest_date',
      'latest_days',
    ],
    rows: forecasts.map((f) => [
      f.metric,
      csvNumber(f.threshold),
      csvNumber(f.lastValue),
      modelName(f),
      csvNumber(f.model.slopePerDay),
      csvNumber(f.model.r2),
      f.verdict,
      ...crossingCells(mainCrossing(f), f, f.crossing !== undefined && isNoTrend(f)),
      f.level,
      ...crossingCells(f.crossing?.earliest, f, false),
      ...crossingCells(f.crossing?.latest, f, false),
    ]),
  };
}

function modelName(f: MetricForecast): string {
  return f.model.kind === 'trend' ? 'trend' : `trend + ${f.model.terms.map((t) => t.period).join(' + ')}`;
}

function crossDate(c: Crossing, stepDays: number): string {
  if (c.status === 'never' || c.epochSec === undefined) return 'never';
  const d = formatEpoch(c.epochSec, stepDays);
  return c.status === 'already' ? `already (${d})` : c.status === 'beyond-horizon' ? `${d} (beyond horizon)` : d;
}

function shortVerdict(f: MetricForecast): string {
  const main = f.crossing?.peak ?? f.crossing?.trend;
  switch (f.verdict) {
    case 'within-horizon':
      return `in ${num(main?.daysFromLast ?? NaN, 3)} days (${crossDate(main!, f.stepDays)})`;
    case 'beyond-horizon':
      return `not within ${num(f.horizonDays)} days`;
    case 'already-above':
      return 'already reached';
    case 'falling':
      return 'never (flat or falling)';
    case 'not-significant':
      return 'never (no significant upward trend)';
    default:
      return 'no limit';
  }
}

function metricSection(f: MetricForecast): DocSection {
  const { trend, model } = f;
  const pct = `${Math.round(f.level * 100)}%`;
  const start = formatEpoch(f.firstEpochSec, f.stepDays);
  const notes: string[] = [
    `data: n = ${f.n}, ${start} → ${formatEpoch(f.lastEpochSec, f.stepDays)} (${num(f.spanDays)} days, sampled every ${num(f.stepDays)} d); x = days since ${start}`,
    `trend: ŷ = a + b·x = ${num(trend.intercept)} ${trend.slope < 0 ? '−' : '+'} ${num(Math.abs(trend.slope))}·x; R² = 1 − SSE/SST = 1 − ${num(trend.sse)}/${num(trend.sst)} = ${num(trend.r2)}`,
  ];
  for (const t of f.seasonalityTests) {
    notes.push(
      `${t.period} cycle (${t.harmonics} sin/cos pairs) added to ${['trend', ...t.base].join(' + ')}: F = ((SSE_without − SSE_with)/q)/(SSE_with/(n − p)) = ((${num(t.sseWithout)} − ${num(t.sseWith)})/${t.df1})/(${num(t.sseWith)}/${t.df2}) = ${num(t.f)}, p ${pValue(t.pValue)} → ${t.significant ? 'significant' : 'not significant'} at α = ${f.alpha}`,
    );
  }
  if (model.kind === 'trend') {
    notes.push(
      `slope test: t = b/se(b) = b/(s/√Sxx) = ${num(model.slopePerDay)}/${num(model.slopeSe)} = ${num(model.slopeT)}, df = ${model.df}, one-sided p ${pValue(model.slopePUpward)}`,
      `${pct} prediction interval: ŷ ± t(${model.df}, ${1 - (1 - f.level) / 2})·s·√(1 + 1/n + (x − x̄)²/Sxx) = ŷ ± ${num(model.tCrit)}·${num(model.s)}·√(1 + 1/${f.n} + (x − ${num(trend.xMean)})²/${num(trend.sxx)})`,
    );
  } else {
    notes.push(
      `model: ŷ = β₀ + β₁·(x − x̄) + seasonal harmonics; β₁ = ${num(model.slopePerDay)}/day, R² = ${num(model.r2)}, seasonal peak = trend + ${num(model.peakAmplitude)}`,
      `slope test: t = β₁/se(β₁) = ${num(model.slopePerDay)}/${num(model.slopeSe)} = ${num(model.slopeT)}, df = ${model.df}, one-sided p ${pValue(model.slopePUpward)}`,
      `${pct} prediction interval: ŷ ± t(${model.df}, ${1 - (1 - f.level) / 2})·s·√(1 + x₀ᵀ(XᵀX)⁻¹x₀) with s = ${num(model.s)} (plain trend s = ${num(trend.s)}), t = ${num(model.tCrit)}`,
    );
  }
  if (f.threshold !== undefined && f.crossing) {
    const c = f.crossing;
    const T = f.threshold;
    if (model.kind === 'trend' && trend.slope > 0) {
      notes.push(`trend crossing: x* = (T − a)/b = (${num(T)} − ${num(trend.intercept)})/${num(trend.slope)} = ${num((T - trend.intercept) / trend.slope)} → ${describe(c.trend, f)}`);
    } else {
      notes.push(`trend level reaches ${num(T)}: ${describe(c.trend, f)}`);
    }
    if (c.peak) notes.push(`seasonal peaks (forecast incl. the cycle) reach ${num(T)}: ${describe(c.peak, f)}`);
    notes.push(`earliest (upper ${pct} bound ≥ ${num(T)}): ${describe(c.earliest, f)}`, `latest (lower ${pct} bound ≥ ${num(T)}): ${describe(c.latest, f)}`);
    if (c.plainTrendEarliest) notes.push(`a plain trend (ignoring the cycle) would put the earliest crossing at: ${describe(c.plainTrendEarliest, f)}`);
  }
  notes.push(`verdict: ${f.summary}`);
  return {
    heading: f.threshold !== undefined ? `${f.metric} (limit ${num(f.threshold)})` : f.metric,
    notes,
    table: {
      columns: ['days after last point', 'date', 'forecast', `${pct} low`, `${pct} high`],
      rows: f.checkpoints.map((p) => [p.daysFromLast, formatEpoch(p.epochSec, f.stepDays), p.forecast, p.low, p.high]),
    },
  };
}

function describe(c: Crossing, f: MetricForecast): string {
  if (c.status === 'never') return `never (not within ${num(Math.max(f.horizonDays, MAX_SEARCH_DAYS))} days)`;
  const d = formatEpoch(c.epochSec!, f.stepDays);
  if (c.status === 'already') return `already (${d})`;
  return `${d}, ${num(c.daysFromLast!)} days after the last point${c.status === 'beyond-horizon' ? ' (beyond the horizon)' : ''}`;
}

function pValue(p: number): string {
  if (p < 1e-15) return '< 1e-15';
  return `= ${p < 1e-4 ? p.toExponential(1) : num(p, 2)}`;
}
