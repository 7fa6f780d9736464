import type { CapplanCommand } from '../command.js';
import { readCsvTable } from '../../input/csv-table.js';
import { parseDocFormat } from '../../render/document.js';
import { renderWithCsv } from '../analysis-output.js';
import { emit } from '../../render/output.js';
import { parseDurationMs } from '../../util/duration.js';
import { parseFraction } from '../../util/quantity.js';
import { forecastMetric, reachesWithin, type SeasonalityMode } from '../../analysis/forecast.js';
import { metricsFromTable, parseLimit, type MetricLimit } from '../../analysis/forecast-input.js';
import { forecastCsv, forecastDoc } from '../../analysis/forecast-doc.js';
import { ExitCode, UsageError } from '../../errors.js';

const SEASONALITY: readonly SeasonalityMode[] = ['auto', 'none', 'daily', 'weekly'];

interface ForecastOptions {
  limit: MetricLimit[];
  time?: string;
  horizon: string;
  seasonality: string;
  level: string;
  failWithin?: string;
  format: string;
  out?: string;
}

/** `capplan forecast METRICS.csv --limit cpu_avg=80 --horizon 90d`. */
export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<metrics.csv>', 'CSV with a timestamp column (ISO dates or epoch seconds) and metric columns; - reads stdin')
    .option('--limit <name=value>', 'a metric and its limit, e.g. cpu_avg=80 (repeatable; without it every column gets a trend only)', collectLimit, [])
    .option('--time <column>', 'timestamp column (default: timestamp, date or time)')
    .option('--horizon <duration>', 'how far past the last point to look, e.g. 90d, 12w, 36h', '90d')
    .option('--seasonality <mode>', 'auto (F-test daily/weekly cycles), none, daily or weekly', 'auto')
    .option('--level <fraction>', 'prediction-interval level', '95%')
    .option('--fail-within <duration>', 'exit 1 when a metric is at its limit or its trend (seasonal peaks) reaches it within this time, e.g. 6w')
    .option('--format <format>', 'console, md, csv or json', 'console')
    .option('--out <file>', 'write the output to a file (atomically) instead of stdout')
    .run(async (file: string, opts: ForecastOptions) => {
      const format = parseDocFormat(opts.format);
      const horizonMs = parseDurationMs(opts.horizon);
      if (horizonMs === undefined || horizonMs <= 0) throw new UsageError(`--horizon must be a duration such as 90d or 12w (got "${opts.horizon}")`);
      if (!SEASONALITY.includes(opts.seasonality as SeasonalityMode)) {
        throw new UsageError(`--seasonality must be one of ${SEASONALITY.join(', ')} (got "${opts.seasonality}")`);
      }
      const level = parseFraction(opts.level);
      if (level === undefined || !(level > 0.5 && level < 1)) throw new UsageError(`--level must be between 50% and 100%, e.g. 95% or 0.9 (got "${opts.level}")`);
      const failWithinMs = opts.failWithin === undefined ? undefined : parseDurationMs(opts.failWithin);
      if (opts.failWithin !== undefined && !(failWithinMs !== undefined && failWithinMs > 0)) {
        throw new UsageError(`--fail-within must be a duration such as 6w or 30d (got "${opts.failWithin}")`);
      }
      const table = await readCsvTable(file);
      const series = metricsFromTable(table, opts.time, opts.limit);
      const forecasts = series.metrics.map((m) =>
        forecastMetric({
          metric: m.metric,
          timesSec: series.timesSec,
          values: m.values,
          threshold: m.threshold,
          horizonDays: horizonMs / 86_400_000,
          level,
          seasonality: opts.seasonality as SeasonalityMode,
        }),
      );
      await emit(renderWithCsv(forecastDoc(file, forecasts), format, forecastCsv(forecasts)), opts.out);
      const failed = failWithinMs !== undefined && forecasts.some((f) => reachesWithin(f, failWithinMs / 86_400_000));
      return failed ? ExitCode.ThresholdFailed : ExitCode.Ok;
    });
}

function collectLimit(value: string, previous: MetricLimit[]): MetricLimit[] {
  return [...previous, parseLimit(value)];
}
