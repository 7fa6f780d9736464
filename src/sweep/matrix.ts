/**
 * Pure assembly of sweep output as renderer-neutral documents (src/render/document.ts):
 * the capacity matrix (concurrency × endpoint → throughput and p99), the step table,
 * the sweep-points CSV that `capplan saturation` reads, and the workers × service-time
 * matrix of the built-in target (§17.5.2).
 */
import { csvTable, type Doc, type DocSection, type DocTable } from '../render/document.js';
import { formatDurationMs } from '../util/duration.js';
import type { UslFit } from '../analysis/usl.js';
import type { MatrixCell, SweepAnalysis, SweepStep } from './types.js';
import type { UslTrust } from './usl-trust.js';
import { BOTTLENECK_LABEL, overloadWarning } from './bottleneck.js';

const r1 = (x: number): number => Math.round(x * 10) / 10;
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

const pct = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : r1(x * 100));

/**
 * Concurrency × endpoint → throughput (req/s) and p99 (ms), plus the total and errors; when the
 * steps were measured (see bottleneck.ts), the generator's and the built-in target's busy shares
 * and who limited each step.
 */
export function capacityMatrixTable(steps: SweepStep[]): DocTable {
  const names = [...new Set(steps.flatMap((s) => s.endpoints.map((e) => e.name)))];
  const measured = steps.some((s) => s.resources);
  const columns = [
    'concurrency', ...names.flatMap((n) => [`${n} req/s`, `${n} p99 ms`]), 'total req/s', 'total p99 ms', 'errors',
    ...(measured ? ['generator busy %', 'target workers busy %', 'bottleneck'] : []),
  ];
  const rows = steps.map((s) => [
    s.concurrency,
    ...names.flatMap((n) => {
      const e = s.endpoints.find((x) => x.name === n);
      return e ? [r1(e.throughput), r3(e.p99Ms)] : [null, null];
    }),
    r1(s.total.throughput),
    r3(s.total.p99Ms),
    s.total.errors,
    ...(measured ? [pct(s.resources?.generatorBusyMax), pct(s.resources?.targetWorkersBusy), s.bottleneck ? BOTTLENECK_LABEL[s.bottleneck] : null] : []),
  ]);
  return { columns, rows };
}

/** The sweep points as a table: the columns `capplan saturation` reads first (concurrency, throughput). */
export function sweepPointsTable(steps: SweepStep[]): DocTable {
  return {
    columns: ['concurrency', 'throughput', 'p50_ms', 'p99_ms', 'errors', 'error_rate', 'completed', 'measured_sec'],
    rows: steps.map((s) => [s.concurrency, r3(s.total.throughput), r3(s.total.p50Ms), r3(s.total.p99Ms), s.total.errors, r3(s.total.errorRate), s.total.completed, s.measuredSec]),
  };
}

/** CSV text of {@link sweepPointsTable} (input for `capplan saturation`). */
export function sweepPointsCsv(steps: SweepStep[]): string {
  return csvTable(sweepPointsTable(steps));
}

/** Notes explaining the analysis: formulas with the numbers used. */
function analysisNotes(a: SweepAnalysis): string[] {
  const notes = [
    `maximum throughput ${r1(a.max.throughput)} req/s at concurrency ${a.max.concurrency} (p99 ${r3(a.max.p99Ms)} ms)`,
    `knee: concurrency ${a.knee.concurrency} is the first to reach ≥ 90% of the maximum (${r1(a.knee.throughput)} req/s)`,
  ];
  if (a.usl) notes.push(...uslNotes(a.usl, a.uslTrust));
  if (a.slo) {
    const s = a.slo;
    const v = (x: number) => `${r3(x)}${s.unit ? ` ${s.unit}` : ''}`;
    if (!s.firstFail) notes.push(`SLO ${s.slo} held at every step (up to concurrency ${s.lastPass?.concurrency})`);
    else if (!s.lastPass) notes.push(`SLO ${s.slo} failed from the first step (concurrency ${s.firstFail.concurrency}: ${v(s.firstFail.actual)})`);
    else {
      notes.push(
        `SLO ${s.slo} holds up to concurrency ${s.lastPass.concurrency} (${r1(s.lastPass.throughput)} req/s, ${v(s.lastPass.actual)}) ` +
          `and fails at ${s.firstFail.concurrency} (${v(s.firstFail.actual)}); crossing ≈ ${r1(s.crossingConcurrency ?? s.firstFail.concurrency)} users`,
      );
    }
  }
  return notes;
}

/**
 * The USL lines. A trusted fit gives N* or the ceiling λ/σ; an untrusted one (see assessUslFit)
 * gives its ceiling only as a labelled extrapolation, so nobody copies it as a capacity figure.
 */
function uslNotes(u: UslFit, trust: UslTrust | null): string[] {
  const notes = [
    `USL X(N) = λN / (1 + σ(N−1) + κN(N−1)): λ = ${r3(u.lambda.value)} req/s, σ = ${u.sigma.value.toPrecision(3)}, κ = ${u.kappa.value.toPrecision(3)}, R² = ${u.rSquared.toFixed(3)}`,
  ];
  if (trust && !trust.trusted) {
    const ceiling = u.peak ? `X(N*) = ${r1(u.peak.throughput)} req/s at N* = ${r1(u.peak.concurrency)}` : u.asymptoticThroughput !== null ? `λ/σ = ${r1(u.asymptoticThroughput)} req/s` : null;
    notes.push(
      `the USL fit cannot be quoted as capacity here (${trust.reasons.join('; ')}): plan with the measured maximum ${r1(trust.measuredMax.throughput)} req/s, not the fit`,
    );
    if (ceiling) notes.push(`USL extrapolation only, not a capacity figure: ${ceiling} was never measured`);
    return notes;
  }
  if (u.peak) {
    notes.push(`saturation point N* = √((1 − σ)/κ) = ${r1(u.peak.concurrency)} users → X(N*) = ${r1(u.peak.throughput)} req/s`);
  } else if (u.asymptoticThroughput !== null) {
    notes.push(`no finite peak (κ not significantly > 0): throughput approaches λ/σ = ${r1(u.asymptoticThroughput)} req/s`);
  } else {
    notes.push('no finite peak: throughput grew linearly over the measured levels');
  }
  return notes;
}

/** One-line verdict for the sweep: always the measured maximum and the knee; N* only from a trusted fit. */
export function sweepHeadline(a: SweepAnalysis): string {
  const knee = a.knee.concurrency !== a.max.concurrency ? `, knee at ${a.knee.concurrency} (${r1(a.knee.throughput)} req/s)` : '';
  const sat = a.saturation ? `, saturation N* ≈ ${r1(a.saturation.concurrency)}` : '';
  const poor = a.uslTrust && !a.uslTrust.trusted ? '; the USL fit is not trusted, so no saturation point is claimed (see the analysis)' : '';
  const slo = a.slo?.firstFail ? `, ${a.slo.slo} fails from ${a.slo.firstFail.concurrency}` : a.slo ? `, ${a.slo.slo} held throughout` : '';
  return `max ${r1(a.max.throughput)} req/s measured at concurrency ${a.max.concurrency}${knee}${sat}${slo}${poor}`;
}

/**
 * The sweep as a document: the analysis (formulas and numbers), the steps with the
 * USL-fitted throughput, and the capacity matrix. `--format csv` writes the matrix.
 */
export function sweepDoc(steps: SweepStep[], analysis: SweepAnalysis, context: { target: string; warmupMs: number; measureMs: number }): Doc {
  const fitted = new Map(analysis.usl?.fitted.map((f) => [f.n, f.fitted]) ?? []);
  const stepTable: DocTable = {
    columns: ['concurrency', 'req/s', 'USL fit req/s', 'p50 ms', 'p99 ms', 'errors', 'error rate'],
    rows: steps.map((s) => {
      const f = fitted.get(s.concurrency);
      return [s.concurrency, r1(s.total.throughput), f === undefined ? null : r1(f), r3(s.total.p50Ms), r3(s.total.p99Ms), s.total.errors, r3(s.total.errorRate)];
    }),
  };
  const sections: DocSection[] = [
    {
      heading: 'Analysis',
      notes: [
        `target ${context.target}; closed model, each step ${formatDurationMs(context.warmupMs)} warm-up (discarded) + ${formatDurationMs(context.measureMs)} measured; only the whole seconds inside the measured window count (measured_sec in sweep-points.csv)`,
        ...analysisNotes(analysis),
      ],
    },
    { heading: 'Steps', table: stepTable },
    { heading: 'Capacity matrix (concurrency × endpoint)', table: capacityMatrixTable(steps) },
  ];
  return {
    title: 'capplan sweep',
    headline: sweepHeadline(analysis),
    sections,
    warnings: [...analysis.warnings, ...overloadWarning(steps.map((s) => s.resources))],
    data: { target: context.target, warmupMs: context.warmupMs, measureMs: context.measureMs, steps, analysis },
    csvTableIndex: 1,
  };
}

/**
 * The workers × service-time matrix (§17.5.2): rows = workers, columns = task size,
 * cells = measured req/s and p99; a second table compares with nominal capacity
 * (workers × 1000 / service ms) as efficiency = measured / nominal.
 */
export function workerMatrixDoc(cells: MatrixCell[], context: { warmupMs: number; measureMs: number }): Doc {
  const workers = [...new Set(cells.map((c) => c.workers))].sort((a, b) => a - b);
  const times = [...new Set(cells.map((c) => c.serviceTimeMs))].sort((a, b) => a - b);
  const cell = (w: number, t: number) => cells.find((c) => c.workers === w && c.serviceTimeMs === t);
  const wide: DocTable = {
    title: 'Max throughput (req/s) and p99 (ms) by workers × task',
    columns: ['workers', ...times.flatMap((t) => [`task ${formatDurationMs(t)} req/s`, `task ${formatDurationMs(t)} p99 ms`])],
    rows: workers.map((w) => [
      w,
      ...times.flatMap((t) => {
        const c = cell(w, t);
        return c ? [r1(c.throughput), r3(c.p99Ms)] : [null, null];
      }),
    ]),
  };
  const measured = cells.some((c) => c.bottleneck);
  const long: DocTable = {
    title: 'Measured vs nominal capacity',
    columns: ['workers', 'task ms', 'users', 'nominal req/s', 'measured req/s', 'efficiency', 'p99 ms', 'errors', ...(measured ? ['bottleneck'] : [])],
    rows: [...cells]
      .sort((a, b) => a.workers - b.workers || a.serviceTimeMs - b.serviceTimeMs)
      .map((c) => [c.workers, c.serviceTimeMs, c.concurrency, r1(c.nominal), r1(c.throughput), r3(c.throughput / c.nominal), r3(c.p99Ms), c.errors, ...(measured ? [c.bottleneck ? BOTTLENECK_LABEL[c.bottleneck] : null] : [])]),
  };
  const low = cells.filter((c) => c.throughput < 0.85 * c.nominal);
  return {
    title: 'capplan sweep: capacity matrix of the built-in target',
    headline: `${cells.length} cells; nominal capacity = workers × 1000 / task ms`,
    sections: [
      {
        notes: [
          `each cell: built-in target with W workers and a constant task time, driven by W + max(W, ⌈5 ms × W / task⌉) closed-model users (every worker always has a task waiting); ${formatDurationMs(context.warmupMs)} warm-up + ${formatDurationMs(context.measureMs)} measured`,
        ],
        table: wide,
      },
      { table: long },
    ],
    warnings: low.length
      ? [
          `${low.length} cell(s) below 85% of nominal (${low.map((c) => `${c.workers}×${formatDurationMs(c.serviceTimeMs)}${c.bottleneck ? ` (${BOTTLENECK_LABEL[c.bottleneck]})` : ''}`).join(', ')}): ` +
            (measured ? 'the bottleneck column says which side reached its limit' : 'the load generator or CPU saturated first, not the simulated workers'),
        ]
      : [],
    data: { cells },
    csvTableIndex: 1,
  };
}
