import type { CapplanCommand } from '../command.js';
import { ExitCode, InputError, ValidationError, type ValidationIssue } from '../../errors.js';
import { numericColumn, pickColumn, readCsvTable, type CsvTable } from '../../input/csv-table.js';
import { fitUsl, USL_MIN_POINTS, type UslEstimate, type UslFit } from '../../analysis/usl.js';
import { DOC_FORMATS, type Cell, type Doc, type DocSection } from '../../render/document.js';
import { emitAnalysisDoc, num } from '../analysis-output.js';
import { fractionFlag } from '../flags/values.js';
import { assessUslFit } from '../../sweep/usl-trust.js';

interface SaturationOptions {
  x?: string;
  y?: string;
  confidence: string;
  format: string;
  out?: string;
}

/** Column names tried, in order, when `--x` / `--y` are not given (case-insensitive). */
export const CONCURRENCY_COLUMNS = ['concurrency', 'n', 'users', 'vus', 'threads', 'clients', 'load', 'processors', 'nodes'];
export const THROUGHPUT_COLUMNS = ['throughput', 'x', 'rps', 'tput', 'reqs_per_sec'];

/** The typed answer of `capplan saturation` (what `--format json` prints). */
export interface SaturationReport {
  file: string;
  columns: { concurrency: string; throughput: string };
  fit: UslFit;
}

/** `capplan saturation POINTS.csv [--x COL] [--y COL] [--confidence 95%]`. */
export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<points>', 'CSV with a header row: concurrency and throughput columns (or - for stdin)')
    .option('--x <column>', `concurrency column (default: the first of ${CONCURRENCY_COLUMNS.join(', ')})`)
    .option('--y <column>', `throughput column (default: the first of ${THROUGHPUT_COLUMNS.join(', ')})`)
    .option('--confidence <percent>', 'confidence level of the coefficient intervals', '95%')
    .formatOption(DOC_FORMATS, 'console')
    .outOption()
    .run(async (file: string, opts: SaturationOptions) => {
      const confidence = fractionFlag('--confidence', opts.confidence, { above: 0, below: 1 });
      const report = await analyseSaturationFile(file, { x: opts.x, y: opts.y, confidence });
      await emitAnalysisDoc(saturationDoc(report), opts.format, opts.out);
      return ExitCode.Ok;
    });
}

/** Read the CSV, pick and check the columns, and fit the USL. Unusable input is an InputError/ValidationError (exit 2). */
export async function analyseSaturationFile(
  file: string,
  opts: { x?: string; y?: string; confidence: number },
): Promise<SaturationReport> {
  const table = await readCsvTable(file);
  const xCol = pickColumn(table, opts.x, CONCURRENCY_COLUMNS, '--x');
  const yCol = pickColumn(table, opts.y, THROUGHPUT_COLUMNS, '--y');
  // Every problem at once: too few rows and each bad cell of either column.
  const issues: ValidationIssue[] = [];
  if (table.rows.length < USL_MIN_POINTS) {
    issues.push({ path: '', message: `the USL fit needs at least ${USL_MIN_POINTS} rows (concurrency, throughput); found ${table.rows.length}` });
  }
  const n = positiveColumn(table, xCol, issues);
  const x = positiveColumn(table, yCol, issues);
  if (issues.length) throw new ValidationError(file, issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  try {
    const fit = fitUsl(n.map((ni, i) => ({ n: ni, x: x[i] })), { confidence: opts.confidence });
    return { file, columns: { concurrency: xCol, throughput: yCol }, fit };
  } catch (err) {
    if (err instanceof InputError) throw new InputError(err.message, file);
    throw err;
  }
}

/** A numeric column whose values must be > 0; problems are added to `issues` (the values are then unusable). */
function positiveColumn(table: CsvTable, column: string, issues: ValidationIssue[]): number[] {
  let values: number[];
  try {
    values = numericColumn(table, column);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    issues.push(...err.issues);
    return [];
  }
  values.forEach((v, i) => {
    if (!(v > 0)) issues.push({ path: `row ${i + 2}, column "${column}"`, message: `must be > 0, got ${v}`, line: i + 2 });
  });
  return values;
}

/** Most rows the "Fitted points" table prints; larger inputs are shown as evenly spaced points (stated in a note). */
export const FITTED_TABLE_MAX_ROWS = 200;

/**
 * The fitted points, one row each up to {@link FITTED_TABLE_MAX_ROWS}; beyond that every k-th point in
 * concurrency order, k = ⌈points / max⌉, plus the last, so a 10⁶-row file renders in bounded time.
 */
function fittedPointsSection(fitted: UslFit['fitted'], lambda: number): DocSection {
  const k = Math.ceil(fitted.length / FITTED_TABLE_MAX_ROWS);
  const shown = k <= 1 ? fitted : fitted.filter((_, i) => i % k === 0 || i === fitted.length - 1);
  return {
    heading: 'Fitted points',
    ...(k > 1 ? { notes: [`${shown.length} of ${fitted.length} points shown: every ${k}th in concurrency order, and the last (the fit used all of them)`] } : {}),
    table: {
      columns: ['N', 'measured X', 'fitted X', 'residual', 'efficiency X/(λN)'],
      rows: shown.map((q) => [q.n, q.x, q.fitted, q.residual, q.x / (lambda * q.n)]),
    },
  };
}

const estimateRow = (name: string, symbol: string, e: UslEstimate): Cell[] => [name, symbol, e.value, e.stdError, e.ci?.[0], e.ci?.[1]];

/** Build the document: coefficients with errors and intervals, verdict with formulas, and the fitted points. */
export function saturationDoc(r: SaturationReport): Doc {
  const f = r.fit;
  const conf = `${num(f.confidence * 100)}%`;
  const s = f.sigma.value;
  const k = f.kappa.value;
  const l = f.lambda.value;
  const fitNotes = [
    'X(N) = λ·N / (1 + σ·(N − 1) + κ·N·(N − 1))',
    `bounded least squares (σ, κ ≥ 0, λ > 0) from the linearised start σ₀ = ${num(f.start.sigma)}, κ₀ = ${num(f.start.kappa)}, λ₀ = ${num(f.start.lambda)} (y = N/C(N) − 1 fitted as (σ + κ)(N − 1) + κ(N − 1)²)`,
    f.dof > 0 && f.tCritical !== null && f.residualStdError !== null
      ? `standard errors from cov = s²·(JᵀJ)⁻¹, s² = SSE / (n − 3) = ${num(f.sse)} / ${f.dof} = ${num(f.residualStdError ** 2)}; ${conf} CI = estimate ± t(${num((1 + f.confidence) / 2)}, ${f.dof}) × SE = ± ${num(f.tCritical)} × SE`
      : 'no standard errors: 3 points for 3 coefficients leave no residual degrees of freedom',
    `R² = 1 − SSE / SST = ${num(f.rSquared)}${f.adjustedRSquared !== null ? `; adjusted R² = ${num(f.adjustedRSquared)}` : ''}; ${f.points} points`,
  ];
  const verdict: string[] = [];
  let headline: string;
  if (f.peak) {
    verdict.push(
      `N* = √((1 − σ) / κ) = √((1 − ${num(s)}) / ${num(k)}) = ${num(f.peak.concurrency)}`,
      `X(N*) = λ·N* / (1 + σ(N* − 1) + κN*(N* − 1)) = ${num(l)} × ${num(f.peak.concurrency)} / (1 + ${num(s)} × ${num(f.peak.concurrency - 1)} + ${num(k)} × ${num(f.peak.concurrency)} × ${num(f.peak.concurrency - 1)}) = ${num(f.peak.throughput)}`,
      'beyond N* adding concurrency lowers throughput (retrograde scaling)',
    );
    headline = `peak throughput ${num(f.peak.throughput)} at concurrency ${num(f.peak.concurrency, 3)}`;
  } else if (f.asymptoticThroughput !== null) {
    verdict.push(`κ not significantly > 0: no finite peak; throughput approaches λ / σ = ${num(l)} / ${num(s)} = ${num(f.asymptoticThroughput)} asymptotically`);
    headline = `no finite peak: throughput approaches ${num(f.asymptoticThroughput)} (λ/σ)`;
  } else {
    verdict.push('σ = κ = 0: throughput grows linearly, X(N) = λ·N, over the measured range');
    headline = `linear scaling: X(N) = ${num(l)}·N`;
  }
  // A poor fit (assessUslFit: R² < 0.9, a flat top, or a ceiling > 20% above the measured maximum) never headlines.
  const trust = assessUslFit(f);
  if (!trust.trusted) {
    const ceiling = f.peak ? `X(N*) = ${num(f.peak.throughput)}` : f.asymptoticThroughput !== null ? `λ/σ = ${num(f.asymptoticThroughput)}` : 'linear trend';
    const { measuredMax: m, knee } = trust;
    headline = `measured maximum ${num(m.throughput)} at concurrency ${num(m.concurrency)}, knee at ${num(knee.concurrency)}; the USL's ${ceiling} is only an extrapolation`;
    verdict.unshift(
      `the USL fit cannot be quoted as capacity here (${trust.reasons.join('; ')}): plan with the measured maximum ${num(m.throughput)} at concurrency ${num(m.concurrency)} and the knee at ${num(knee.concurrency)} (the first point ≥ 90% of it); the fitted figures below are an extrapolation, not a capacity`,
    );
  }
  const p = f.penaltiesAtMaxN;
  verdict.push(
    `at N = ${num(p.n)}: contention σ(N − 1) = ${num(p.contention)}, coherency κN(N − 1) = ${num(p.coherency)} → limited by ${
      f.limitingTerm === 'none' ? 'neither (no overhead)' : f.limitingTerm === 'coherency' ? 'coherency κ (crosstalk: adding concurrency makes it slower)' : 'contention σ (serialisation: queueing on a shared resource)'
    }`,
  );
  if (f.peak) verdict.push(`coherency κ > 0 is what bends the curve down after N*; contention σ alone would only cap throughput at λ/σ = ${num(l / s)}`);
  const summaryRows: Cell[][] = [
    estimateRow('contention', 'σ', f.sigma),
    estimateRow('coherency', 'κ', f.kappa),
    estimateRow('throughput at N=1', 'λ', f.lambda),
    ['R²', 'R²', f.rSquared, null, null, null],
    f.peak
      ? ['peak concurrency', 'N*', f.peak.concurrency, null, null, null]
      : ['peak concurrency', 'N*', 'none', null, null, null],
    f.peak
      ? [trust.trusted ? 'peak throughput' : 'peak throughput (extrapolation)', 'X(N*)', f.peak.throughput, null, null, null]
      : [trust.trusted ? 'asymptotic throughput' : 'asymptotic throughput (extrapolation)', 'λ/σ', f.asymptoticThroughput ?? 'unbounded', null, null, null],
  ];
  return {
    title: `capplan saturation ${r.file}`,
    headline,
    warnings: f.warnings,
    sections: [
      {
        heading: `USL fit (${r.columns.concurrency} → ${r.columns.throughput})`,
        notes: fitNotes,
        table: { columns: ['quantity', 'symbol', 'estimate', 'std error', `${conf} low`, `${conf} high`], rows: summaryRows },
      },
      { heading: 'Verdict', notes: verdict },
      fittedPointsSection(f.fitted, l),

    ],
    data: { ...r, trust },
  };
}
