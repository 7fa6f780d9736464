import type { CapplanCommand } from '../command.js';
import { readCsvTable } from '../../input/csv-table.js';
import { DOC_FORMATS, type DocFormat } from '../../render/document.js';
import { renderWithCsv } from '../analysis-output.js';
import { emit } from '../../render/output.js';
import { choiceFlag, durationFlagMs, fractionFlag } from '../flags/values.js';
import { forecastMetric, reachesWithinReasons, type SeasonalityMode } from '../../analysis/forecast.js';
import { metricsFromTable, type MetricLimit } from '../../analysis/forecast-input.js';
import { forecastCsv, forecastDoc } from '../../analysis/forecast-doc.js';
import { ExitCode, UsageError } from '../../errors.js';
import { parseNumber } from '../../util/quantity.js';

const SEASONALITY: readonly SeasonalityMode[] = ['auto', 'none', 'daily', 'weekly'];

interface ForecastOptions {
  limit: MetricLimit[];
  time?: string;
  /** `--horizon`, ms. */
  horizon: number;
  seasonality: SeasonalityMode;
  level: number;
  /** `--fail-within`, ms. */
  failWithin?: number;
  format: string;
  out?: string;
}

/** `capplan forecast METRICS.csv --limit cpu_avg=80 --horizon 90d`. */
export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<metrics.csv>', 'CSV with a timestamp column (ISO dates or epoch seconds) and metric columns; - reads stdin')
    .option('--limit <name=value>', 'a metric and its limit, e.g. cpu_avg=80 (repeatable; without it every column gets a trend only)', collectLimit, [])
    .option('--time <column>', 'timestamp column (default: timestamp, date or time)')
    .flag('--horizon <duration>', 'how far past the last point to look, e.g. 90d, 12w, 36h', (f, r) => durationFlagMs(f, r, { above: 0 }), '90d')
    .flag('--seasonality <mode>', 'auto (F-test daily/weekly cycles), none, daily or weekly', (f, r) => choiceFlag(f, r, SEASONALITY), 'auto')
    .flag('--level <fraction>', 'prediction-interval level', (f, r) => fractionFlag(f, r, { above: 0.5, below: 1 }), '95%')
    .flag('--fail-within <duration>', 'exit 1 when a metric is at its limit or its trend (seasonal peaks) reaches it within this time, e.g. 6w', (f, r) => durationFlagMs(f, r, { above: 0 }))
    .formatOption(DOC_FORMATS, 'console')
    .outOption()
    .run(async (file: string, opts: ForecastOptions) => {
      const format = opts.format as DocFormat;
      const { horizon: horizonMs, level, failWithin: failWithinMs } = opts;
      const table = await readCsvTable(file);
      const series = metricsFromTable(table, opts.time, opts.limit, { flag: '--limit', timeOption: '--time' });
      const forecasts = series.metrics.map((m) =>
        forecastMetric({
          metric: m.metric,
          timesSec: series.timesSec,
          values: m.values,
          threshold: m.threshold,
          horizonDays: horizonMs / 86_400_000,
          level,
          seasonality: opts.seasonality,
        }),
      );
      await emit(renderWithCsv(forecastDoc(file, forecasts), format, forecastCsv(forecasts)), opts.out);
      if (failWithinMs === undefined) return ExitCode.Ok;
      // Exit 1 always says why on stderr: which metric reaches which limit when.
      const reasons = reachesWithinReasons(forecasts, failWithinMs / 86_400_000);
      if (reasons.length === 0) return ExitCode.Ok;
      process.stderr.write(`capplan: --fail-within (${Number((failWithinMs / 86_400_000).toPrecision(4))} days): ${reasons.join('; ')}\n`);
      return ExitCode.ThresholdFailed;
    });
}

function collectLimit(value: string, previous: MetricLimit[]): MetricLimit[] {
  return [...previous, limitFlag('--limit', value)];
}

/** `--limit NAME=VALUE` (VALUE may use k/M suffixes: `rps=1.5k`). */
export function limitFlag(flag: string, text: string): MetricLimit {
  const eq = text.lastIndexOf('=');
  const metric = eq > 0 ? text.slice(0, eq).trim() : '';
  const threshold = eq > 0 ? parseNumber(text.slice(eq + 1)) : undefined;
  if (!metric || threshold === undefined) throw new UsageError(`${flag}: expected NAME=VALUE such as cpu_avg=80 (got "${text}")`);
  return { metric, threshold };
}
