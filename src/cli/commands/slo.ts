import type { CapplanCommand } from '../command.js';
import { ExitCode, UsageError } from '../../errors.js';
import { readResultFile } from '../../results/read.js';
import { clean, errorBudget, type ErrorBudgetResult } from '../../analysis/burn-rate.js';
import { DOC_FORMATS, type Cell, type Doc, type DocSection, type DocTable, type DocFormat } from '../../render/document.js';
import { emit } from '../../render/output.js';
import { num, pct, renderWithCsv, secs } from '../analysis-output.js';
import { formatCount } from '../../render/format.js';
import { durationFlagSec, fractionFlag, numberFlag } from '../flags/values.js';

interface SloOptions {
  objective?: string;
  window: string;
  errorRate?: string;
  result?: string;
  requests?: string;
  format: string;
  out?: string;
}

/** Where the observed error rate and request volume came from. */
export interface SloSource {
  /** Result file the error rate was read from. */
  resultFile?: string;
  /** The run's completed requests and duration, when read from a result file. */
  run?: { requests: number; durationSec: number; achievedRatePerSec: number };
  /** True when requests per window were extrapolated from the run's achieved rate. */
  requestsExtrapolated: boolean;
}

/** The typed answer of `capplan slo` (what `--format json` prints). */
export interface SloReport extends ErrorBudgetResult {
  source: SloSource;
}

/** `capplan slo --objective 99.9% [--window 30d] [--error-rate 0.2% | --result FILE] [--requests N]`. */
export function define(cmd: CapplanCommand): void {
  cmd
    .option('--objective <percent>', 'availability objective, e.g. 99.9%')
    .option('--window <duration>', 'SLO window, e.g. 30d, 28d, 7d', '30d')
    .option('--error-rate <percent>', 'observed error rate, e.g. 0.2%')
    .option('--result <file>', 'read the observed error rate (and request rate) from a capplan result file')
    .option('--requests <n>', 'requests per window, e.g. 30M')
    .formatOption(DOC_FORMATS, 'console')
    .outOption()
    .run(async (opts: SloOptions) => {
      const format = opts.format as DocFormat;
      const report = await computeSlo(opts);
      await emit(renderWithCsv(sloDoc(report), format, sloCsv(report)), opts.out);
      return ExitCode.Ok;
    });
}

/** Parse the flags, read the result file if any, and compute the budget. */
export async function computeSlo(opts: SloOptions): Promise<SloReport> {
  if (opts.objective === undefined) throw new UsageError('--objective is required (e.g. --objective 99.9%)');
  const objective = parseObjective(opts.objective);
  const windowSec = durationFlagSec('--window', opts.window, { above: 0 });
  if (opts.errorRate !== undefined && opts.result !== undefined) throw new UsageError('give either --error-rate or --result, not both');
  let observedErrorRate = opts.errorRate === undefined ? undefined : fractionFlag('--error-rate', opts.errorRate, { min: 0, max: 1 });
  let requestsPerWindow = opts.requests === undefined ? undefined : numberFlag('--requests', opts.requests, { min: 0 });
  const source: SloSource = { requestsExtrapolated: false };
  if (opts.result !== undefined) {
    const result = await readResultFile(opts.result);
    const total = result.summary.total;
    source.resultFile = opts.result;
    source.run = { requests: total.count, durationSec: result.summary.durationSec, achievedRatePerSec: total.achievedRate };
    observedErrorRate = total.errorRate;
    if (requestsPerWindow === undefined && total.achievedRate > 0) {
      requestsPerWindow = total.achievedRate * windowSec;
      source.requestsExtrapolated = true;
    }
  }
  return { ...errorBudget({ objective, windowSec, observedErrorRate, requestsPerWindow }), source };
}

function parseObjective(raw: string): number {
  const v = clean(fractionFlag('--objective', raw));
  // a bare 99.9 was meant as a percentage; 150% is simply out of range (below)
  if (v > 1 && v < 100 && !raw.trim().endsWith('%')) throw new UsageError(`--objective: expected a percentage below 100% (got "${raw}"; did you mean ${raw}%?)`);
  if (!(v > 0 && v < 1)) throw new UsageError(`--objective: expected a percentage between 0% and 100%, exclusive, such as 99.9% (got "${raw}")`);
  return v;
}

const DAY = 86_400;

/** Unit of one quantity row: how it is shown to people and written to CSV. */
type QuantityUnit = 'fraction' | 'days' | 'minutes' | 'requests' | '× budget';

/** One row of the budget and burn tables, in CSV units (fractions, days, minutes, requests). */
interface Quantity {
  section: string;
  quantity: string;
  value: number;
  unit: QuantityUnit;
}


/** Budget in time: seconds below a minute (`3.6 s`), else minutes (`43.2 minutes`). */
export function budgetTime(minutes: number): string {
  return minutes < 1 ? `${num(minutes * 60, 3)} s` : `${num(minutes)} minutes`;
}

/** The budget and burn quantities (formulas in analysis/burn-rate.ts). */
function quantities(r: SloReport): Quantity[] {
  const q: Quantity[] = [];
  const add = (section: string, quantity: string, value: number, unit: QuantityUnit): void => void q.push({ section, quantity, value, unit });
  const budget = 'Error budget';
  add(budget, 'objective', r.objective, 'fraction');
  add(budget, 'window', r.windowSec / DAY, 'days');
  add(budget, 'error budget', r.budgetFraction, 'fraction');
  add(budget, 'budget in time', r.budgetMinutes, 'minutes');
  if (r.requestsPerWindow !== undefined && r.budgetRequests !== undefined && r.budgetRequestsPerDay !== undefined) {
    add(budget, 'requests per window', r.requestsPerWindow, 'requests');
    add(budget, 'budget in requests', r.budgetRequests, 'requests');
    add(budget, 'budget per day', r.budgetRequestsPerDay, 'requests');
  }
  if (r.observedErrorRate !== undefined && r.burnRate !== undefined && r.timeToExhaustionSec !== undefined) {
    const burn = 'Burn rate';
    add(burn, 'observed error rate', r.observedErrorRate, 'fraction');
    add(burn, 'burn rate', r.burnRate, '× budget');
    add(burn, 'time to exhaustion', r.timeToExhaustionSec / DAY, 'days');
    if (r.expectedErrors !== undefined) add(burn, 'expected failures per window', r.expectedErrors, 'requests');
  }
  return q;
}

/** A quantity as people read it: percentages, whole requests, durations, `2×`. */
function humanRow(x: Quantity): Cell[] {
  switch (x.unit) {
    case 'fraction':
      return [x.quantity, pct(x.value)];
    case 'requests':
      return [x.quantity, formatCount(x.value)];
    case 'minutes':
      return [x.quantity, budgetTime(x.value)];
    case 'days':
      return [x.quantity, secs(x.value * DAY)];
    case '× budget':
      return [x.quantity, `${num(x.value)}×`];
  }
}

/**
 * The answer for `--format csv`: `section,quantity,value,unit` with raw numbers (fractions,
 * days, minutes, whole requests), then each alert rule's burn rate and error-rate threshold.
 */
export function sloCsv(r: SloReport): DocTable {
  return {
    columns: ['section', 'quantity', 'value', 'unit'],
    rows: [...quantities(r).map((x): Cell[] => [x.section, x.quantity, x.unit === 'requests' ? Math.round(x.value) : x.value, x.unit]), ...alertCsvRows(r)],
  };
}

/** The alert table in the long CSV form (section, quantity, value, unit): burn rate and error-rate threshold per rule. */
export function alertCsvRows(r: SloReport): Cell[][] {
  return r.alerts.flatMap((a) => {
    const name = `${a.severity} ${secs(a.longWindowSec)}/${secs(a.shortWindowSec)}`;
    return [
      ['Burn-rate alerts', `${name} burn rate`, a.burnRate, '× budget'],
      ['Burn-rate alerts', `${name} error-rate threshold`, a.errorRateThreshold, 'fraction'],
    ];
  });
}

/** Build the document: budget, burn and the alert table, each with its formulas and numbers (percentages, whole requests). */
export function sloDoc(r: SloReport): Doc {
  const win = secs(r.windowSec);
  const budget = pct(r.budgetFraction);
  const sections: DocSection[] = [];
  const warnings: string[] = [];
  const rows = quantities(r);
  const table = (section: string): DocTable => ({ columns: ['quantity', 'value'], rows: rows.filter((x) => x.section === section).map(humanRow) });

  const budgetNotes = [
    `budget = 1 − objective = 1 − ${pct(r.objective)} = ${budget} of requests`,
    `in time: ${budget} × ${win} = ${budgetTime(r.budgetMinutes)} of full outage per window`,
  ];
  if (r.requestsPerWindow !== undefined && r.budgetRequests !== undefined && r.budgetRequestsPerDay !== undefined) {
    const from = r.source.requestsExtrapolated && r.source.run
      ? ` (extrapolated: ${num(r.source.run.achievedRatePerSec)} req/s achieved in the run × ${win})`
      : '';
    budgetNotes.push(
      `in requests: ${budget} × ${formatCount(r.requestsPerWindow)}${from} = ${formatCount(r.budgetRequests)} failed requests per window`,
      `per day: ${formatCount(r.budgetRequests)} × 1d / ${win} = ${formatCount(r.budgetRequestsPerDay)} failed requests`,
    );
  }
  sections.push({ heading: 'Error budget', notes: budgetNotes, table: table('Error budget') });

  let headline = `error budget ${budget}: ${budgetTime(r.budgetMinutes)} per ${win}`;
  if (r.observedErrorRate !== undefined && r.burnRate !== undefined && r.timeToExhaustionSec !== undefined) {
    const src = r.source.resultFile ? ` (from ${r.source.resultFile}: ${formatCount(r.source.run?.requests ?? 0)} requests in ${secs(r.source.run?.durationSec ?? 0)})` : '';
    const burnNotes = [
      `observed error rate = ${pct(r.observedErrorRate)}${src}`,
      `burn rate = observed / budget = ${pct(r.observedErrorRate)} / ${budget} = ${num(r.burnRate)}×`,
      `time to exhaustion = window / burn rate = ${win} / ${num(r.burnRate)} = ${secs(r.timeToExhaustionSec)}`,
    ];
    if (r.expectedErrors !== undefined) {
      burnNotes.push(`expected failures per window = ${pct(r.observedErrorRate)} × ${formatCount(r.requestsPerWindow ?? 0)} = ${formatCount(r.expectedErrors)}`);
    }
    sections.push({ heading: 'Burn rate', notes: burnNotes, table: table('Burn rate') });
    headline = r.burnRate > 1
      ? `burning the error budget at ${num(r.burnRate)}×: exhausted in ${secs(r.timeToExhaustionSec)} (window ${win})`
      : `burn rate ${num(r.burnRate)}×: the budget lasts the ${win} window`;
    if (r.burnRate > 1) warnings.push(`at ${num(r.burnRate)}× the budget is gone after ${secs(r.timeToExhaustionSec)}, before the ${win} window ends`);
  }

  const first = r.alerts[0];
  const observed = r.observedErrorRate !== undefined;
  const alertNotes = [
    'alert burn rate = budget consumed × window / alert window; error-rate threshold = burn rate × (1 − objective)',
    ...(first
      ? [`e.g. ${pct(first.budgetConsumed)} × ${win} / ${secs(first.longWindowSec)} = ${num(first.burnRate)}×, threshold ${num(first.burnRate)} × ${budget} = ${pct(first.errorRateThreshold)}`]
      : []),
    'fire when the error rate over BOTH the long and the short window exceeds the threshold (SRE workbook, multiwindow multi-burn-rate alerts)' +
      (observed ? '; fires now: whether the observed error rate, sustained, would fire the rule' : ''),
  ];
  for (const s of r.skippedAlerts) warnings.push(`left out the ${s.severity} rule over ${secs(s.longWindowSec)}: longer than the ${win} window`);
  const alertRows: Cell[][] = r.alerts.map((a) => [
    a.severity,
    secs(a.longWindowSec),
    secs(a.shortWindowSec),
    pct(a.budgetConsumed),
    `${num(a.burnRate)}×`,
    pct(a.errorRateThreshold),
    ...(observed ? [a.wouldFire ? 'yes' : 'no'] : []),
  ]);
  sections.push({
    heading: 'Burn-rate alerts',
    notes: alertNotes,
    table: { columns: ['severity', 'long', 'short', 'budget used', 'burn rate', 'error-rate threshold', ...(observed ? ['fires now'] : [])], rows: alertRows },
  });
  return { title: 'capplan slo', headline, warnings, sections, data: r };
}
