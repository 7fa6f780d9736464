import { readInputText } from '../../input/read-text.js';
import { dirname, resolve } from 'node:path';
import type { CapplanCommand } from '../command.js';
import { ExitCode, InputError, UsageError } from '../../errors.js';
import { DOC_FORMATS, type DocFormat } from '../../render/document.js';
import { renderWithCsv } from '../analysis-output.js';
import { emit } from '../../render/output.js';
import { parseFraction } from '../../util/quantity.js';
import { costModel, indefensibleFigures } from '../../analysis/cost.js';
import { costCsv, costDoc } from '../../analysis/cost-doc.js';
import { fleetToCostInput, parseFleetFile, type FleetFile } from '../../analysis/fleet-schema.js';
import { readCsvTable } from '../../input/csv-table.js';
import { metricsFromTable } from '../../analysis/forecast-input.js';
import { forecastMetric, formatEpoch } from '../../analysis/forecast.js';
import { parseDurationMs } from '../../util/duration.js';
import { parseResult } from '../../results/read.js';
import { capacityFromResult, capacityFromSweep, isSweepJson, type MeasuredCapacity } from '../../analysis/fleet-capacity.js';
import { formatNumber } from '../../render/format.js';

interface CostOptions {
  /** `--margin`, parsed: undefined for none. */
  margin: { low: number; high: number } | undefined;
  format: string;
  out?: string;
}

/** `capplan cost FLEET.yaml [--margin 20%..30%]`. */
export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<fleet.yaml>', 'fleet file: peakRps, targetUtilization, zones, instanceTypes and optional candidates')
    .flag('--margin <range>', 'margin for variable costs (network traffic…), a range LOW..HIGH or one value; 0 for none', marginFlag, '20%..30%')
    .formatOption(DOC_FORMATS, 'console')
    .outOption()
    .run(async (file: string, opts: CostOptions) => {
      const format = opts.format as DocFormat;
      const text = await readInputText(file, 'a fleet .yaml (see profiles/fleet.yaml)');
      const fleet = parseFleetFile(text, file);
      const capacities = await Promise.all(fleet.instanceTypes.map((t) => (t.capacityFrom ? measuredCapacity(t.capacityFrom, file) : undefined)));
      const report = costModel(fleetToCostInput(fleet, await resolvePeak(fleet, file), capacities, opts.margin));
      const indefensible = indefensibleFigures(report);
      if (indefensible.length) throw new InputError(`cannot size this fleet: ${indefensible.join('; ')}`, file);
      await emit(renderWithCsv(costDoc(file, report), format, costCsv(report)), opts.out);
      return ExitCode.Ok;
    });
}

/** `20%..30%` → {0.2, 0.3}; `25%` → {0.25, 0.25}; `0` → no margin. */
export function marginFlag(flag: string, text: string): { low: number; high: number } | undefined {
  const parts = text.split('..').map((p) => parseFraction(p));
  const [low, high = low] = parts;
  if (parts.length > 2 || low === undefined || high === undefined || low < 0 || high < low) {
    throw new UsageError(`${flag}: expected a fraction or a range LOW..HIGH with 0 ≤ LOW ≤ HIGH, e.g. 20%..30% (got "${text}")`);
  }
  return low === 0 && high === 0 ? undefined : { low, high };
}

/**
 * The peak load: `peakRps`, or from `peakFrom`: forecast the metric (path relative to the
 * fleet file) and take the highest upper prediction bound (or highest forecast) within the horizon.
 */
async function resolvePeak(fleet: FleetFile, fleetFile: string): Promise<{ rps: number; source?: string }> {
  const from = fleet.peakFrom;
  if (!from) return { rps: fleet.peakRps! };
  const csv = resolve(dirname(fleetFile), from.forecast);
  const table = await readCsvTable(csv);
  const series = metricsFromTable(table, from.time, [{ metric: from.metric }], { flag: `${fleetFile}: peakFrom.metric`, timeOption: `${fleetFile}: peakFrom.time` });
  const f = forecastMetric({ metric: from.metric, timesSec: series.timesSec, values: series.metrics[0].values, horizonDays: parseDurationMs(from.horizon)! / 86_400_000 });
  const peak = f.horizonPeak[from.bound];
  if (!(peak.value > 0)) throw new InputError(`peakFrom: the forecast of "${from.metric}" is not positive within ${from.horizon} (${formatNumber(peak.value)})`, fleetFile);
  const what = from.bound === 'upper' ? `highest upper ${Math.round(f.level * 100)}% bound` : 'highest forecast';
  const model = f.model.kind === 'trend' ? 'trend' : `trend + ${f.model.terms.map((t) => t.period).join(' + ')}`;
  return {
    rps: peak.value,
    source: `${what} of "${from.metric}" within ${from.horizon} of ${from.forecast} (${model}, R² = ${formatNumber(f.model.r2)}), reached ${formatEpoch(peak.epochSec, f.stepDays)}: ${formatNumber(peak.value)} rps`,
  };
}

/** Capacity measured from a sweep.json or a load result file (path relative to the fleet file). */
async function measuredCapacity(from: string, fleetFile: string): Promise<MeasuredCapacity> {
  const path = resolve(dirname(fleetFile), from);
  const text = await readInputText(path, 'a sweep.json or a capplan result file');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message}); capacityFrom expects a sweep.json or a capplan result file`, path);
  }
  const measured = isSweepJson(data) ? capacityFromSweep(data, from) : capacityFromResult(parseResult(text, path), from);
  if (!(measured.capacityRps > 0)) throw new InputError(`capacityFrom: no successful requests measured in ${from}`, fleetFile);
  return measured;
}

