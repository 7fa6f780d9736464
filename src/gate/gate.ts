import { InputProblemsError, type ValidationIssue } from '../errors.js';
import { requireIntervals, runRef, statSettings, type NamedResult, type RunRef, type StatSettings } from './report-common.js';
import type { EndpointSummary, ResultFile } from '../results/types.js';
import type { Correction } from '../stats/multiple-testing.js';
import { REGRESSION_METRICS, type StatOptions } from './metrics.js';
import { DEFAULT_REGRESSIONS, parseRegression, type RegressionLimit } from './regression-expr.js';
import { evaluateSlo, NO_DATA, parseScopedSlo, SLO_METRICS, type ScopedSloExpr, type SloMetric } from './slo-expr.js';
import { checkMonitorThreshold, checkSloThresholds } from './thresholds.js';
import { isMonitorScope, parseMonitorExpr, type MonitorExpr } from '../monitor/threshold.js';
import { splitScopeKey } from './scope-key.js';
import { resolveScope, type ScopeResolution } from './threshold-scope.js';
import type { PhaseSummary } from '../results/phase-summary.js';
import { formatBand, type DisplayUnit } from './format.js';
import { replicatedChecks, type ReplicatedCheck } from './replicated.js';
import { MIN_BAND_RUNS, type RunDesign, type VerdictReason } from './run-verdict.js';

/** Where a check came from. */
export type CheckSource = '--slo' | 'profile thresholds' | '--max-regression' | 'default';

/** One result file as gate sees it (`name` is shown in messages). */
export type GateRun = NamedResult;

/** Everything gate needs; the CLI parses flags into this. */
export interface GateInput extends StatOptions {
  /** The run(s) to judge; several runs are replicates of the same system and build. */
  current: GateRun | GateRun[];
  /** Baseline run(s) to compare against: replicates, or a history of past runs. */
  baseline?: GateRun | GateRun[];
  /** `--slo` values as typed, e.g. `p99<200ms`, `popular:p95<150ms`, `total@steady:p99<200ms`. */
  slos?: string[];
  /** `--max-regression` values as typed, e.g. `p99:+10%`. */
  regressions?: string[];
  /** `--endpoint`: unscoped expressions apply to this endpoint (instead of total / every scope). */
  endpoint?: string;
  /** Significance level; default 0.05. */
  alpha?: number;
  /** Multiple-testing correction over all regression checks; default `holm`. */
  correction?: Correction;
}

/** One check and its verdict. */
export interface GateCheck {
  type: 'slo' | 'regression';
  metric: string;
  /** `total` or an endpoint name; SLOs may add `@PHASE` (`total@steady`: only that phase's intervals). */
  scope: string;
  source: CheckSource;
  /** The expression as written. */
  expression: string;
  unit: DisplayUnit;
  current: number;
  /** Regression checks: the baseline's run-level value. */
  baseline?: number;
  pass: boolean;
  /** SLO: the operator and limit, e.g. `<` 200 (ms). */
  slo?: { op: string; value: number };
  /** Regression: the limit, the change across runs, its interval, p-values and the design the runs allow. */
  regression?: {
    kind: RegressionLimit['kind'];
    /** Allowed change in the worse direction (fraction of baseline, or absolute in the unit). */
    amount: number;
    /** `up` when larger is worse (latency, error rate), `down` for rps. */
    worse: 'up' | 'down';
    /** current − baseline (absolute, means over runs) or current/baseline − 1 (relative, geometric means); NaN without data. */
    change: number;
    /** Interval of the change from the run-level t-test ([NaN, NaN] with one run per side). */
    ci: [number, number];
    /** One-sided p-value of the run-level test for "current is worse", before and after correction (NaN: no test). */
    pValue: number;
    pAdjusted: number;
    beyondLimit: boolean;
    /** `replicated` (≥ 2 runs per side), `noise-band` (1 run against ≥ 3), `default-band` (1 vs 1 or 1 vs 2). */
    design: RunDesign;
    runsBaseline: number;
    runsCurrent: number;
    /** Each run's value (ms, req/s or fraction), in the order given. */
    baselineRuns: number[];
    currentRuns: number[];
    /** `default-band` only: the band and the change on its scale. */
    band?: { amount: number; change: number };
    /** `fail`; `inconclusive` = beyond the limit without evidence (passes, with a note); `pass`. */
    verdict: 'pass' | 'fail' | 'inconclusive';
    /** Why: within-limit, significant, not-significant, beyond-band, within-band or no-data. */
    reason: VerdictReason | 'no-data';
    /** Inconclusive replicated checks: rough runs per side that would likely settle it (NaN when the runs do not lean the worse way). */
    runsNeeded?: number;
  };
  /** Why a check passed or failed when the numbers alone do not say it. */
  note?: string;
}

/** Gate's answer. */
export interface GateReport extends StatSettings {
  pass: boolean;
  failed: number;
  checks: GateCheck[];
  warnings: string[];
  /** The runs judged and the baseline runs (empty without a baseline). */
  currents: RunRef[];
  baselines: RunRef[];
}

/** Add a problem unless the same one (path and message) is already listed: one per request, not per run. */
function addProblem(problems: ValidationIssue[], p: ValidationIssue): void {
  if (!problems.some((q) => q.path === p.path && q.message === p.message)) problems.push(p);
}

function summaryOf(r: ResultFile, scope: string): EndpointSummary | undefined {
  return scope === 'total' ? r.summary.total : r.summary.endpoints.find((e) => e.name === scope);
}

function endpointNames(r: ResultFile): string {
  return r.summary.endpoints.map((e) => e.name).join(', ') || '(none)';
}

function sloUnit(metric: keyof typeof SLO_METRICS): DisplayUnit {
  return SLO_METRICS[metric] as DisplayUnit;
}

/** Evaluate one SLO on a resolved scope of a run (`scope` as written, e.g. `total@steady`). */
function sloCheck(expr: ScopedSloExpr, scope: string, source: CheckSource, resolved: ScopeResolution): GateCheck {
  const base = { type: 'slo' as const, metric: expr.metric, scope, source, expression: expr.source, unit: sloUnit(expr.metric), slo: { op: expr.op, value: expr.value } };
  if ('problem' in resolved) return { ...base, current: NaN, pass: false, note: resolved.problem };
  const { pass, actual, problem } = evaluateSlo(expr, resolved.summary);
  return { ...base, current: actual, pass, ...(problem ? { note: problem } : {}) };
}

/**
 * `monitor:METRIC:STAT OP VALUE` checks of one run (the server series its monitor recorded), one per matching series,
 * in the metric's own unit (growth as a fraction); no monitor data or no matching series is one failed check.
 */
function monitorChecks(result: ResultFile, scope: string, expr: string, parsed: MonitorExpr | { error: string }, source: CheckSource): GateCheck[] {
  const stat = 'error' in parsed ? 'invalid' : parsed.stat;
  return checkMonitorThreshold(result, scope, expr, parsed).map((t) => ({
    type: 'slo' as const,
    metric: stat,
    scope: t.scope,
    source,
    expression: expr,
    unit: stat === 'growth' ? ('fraction' as const) : ('count' as const),
    current: t.actual,
    pass: t.pass,
    ...('error' in parsed ? {} : { slo: { op: parsed.op, value: parsed.value } }),
    ...(t.problem ? { note: t.problem } : {}),
  }));
}

/** One `--slo` value, parsed once for every run: a monitor expression or a (scoped) SLO; `path` is `slos[i]`. */
type ParsedSlo = { path: string } & ({ monitor: MonitorExpr; scope: string; expr: string } | { slo: ScopedSloExpr });

/** Parse every `--slo` once; each that does not parse is a problem with its path. */
function parseSlos(input: GateInput, problems: ValidationIssue[]): ParsedSlo[] {
  return (input.slos ?? []).flatMap((raw, i): ParsedSlo[] => {
    const path = `slos[${i}]`;
    if (isMonitorScope(raw.trim())) {
      // monitor:METRIC[{labels}]:STAT OP VALUE — the expression follows the last ':'.
      const at = raw.lastIndexOf(':');
      const scope = raw.slice(0, at).trim();
      const expr = raw.slice(at + 1).trim();
      const parsed = parseMonitorExpr(scope, expr);
      if ('error' in parsed) problems.push({ path, message: parsed.error });
      return 'error' in parsed ? [] : [{ path, monitor: parsed, scope, expr }];
    }
    const slo = parseScopedSlo(raw);
    if ('error' in slo) problems.push({ path, message: slo.error });
    return 'error' in slo ? [] : [{ path, slo }];
  });
}

/** SLO checks of one run: the parsed `--slo` flags and the thresholds its profile carried into the result. */
function sloChecksOf(input: GateInput, slos: ParsedSlo[], cur: GateRun, problems: ValidationIssue[]): GateCheck[] {
  const checks: GateCheck[] = [];
  const phases = new Map<string, PhaseSummary | undefined>();
  for (const s of slos) {
    const path = s.path;
    if ('monitor' in s) {
      checks.push(...monitorChecks(cur.result, s.scope, s.expr, s.monitor, '--slo'));
      continue;
    }
    const expr = s.slo;
    const scope = expr.scope ?? input.endpoint ?? 'total';
    const resolved = resolveScope(cur.result, scope, phases);
    if ('problem' in resolved && resolved.kind === 'endpoint') {
      // An unscoped SLO on an unknown --endpoint: that endpoint is the one problem (listed under `endpoint`).
      if (expr.scope === undefined && input.endpoint !== undefined) continue;
      problems.push({ path, message: `endpoint "${resolved.scope}" is not in ${cur.name} (endpoints: ${endpointNames(cur.result)})` });
    } else if ('problem' in resolved && resolved.kind === 'phase') {
      problems.push({ path, message: `${resolved.problem} (in ${cur.name})` });
    } else {
      checks.push(sloCheck(expr, scope, '--slo', resolved));
    }
  }
  // The profile's thresholds, evaluated exactly as `load` and `report` do (unparseable or unknown-endpoint ones fail).
  const known = ['total', ...cur.result.summary.endpoints.map((e) => e.name)];
  for (const [scope, exprs] of Object.entries(cur.result.profile.thresholds ?? {})) {
    if (isMonitorScope(scope)) for (const expr of exprs) checks.push(...monitorChecks(cur.result, scope, expr, parseMonitorExpr(scope, expr), 'profile thresholds'));
  }
  for (const t of checkSloThresholds(cur.result)) {
    const of = splitScopeKey(t.scope, known).scope;
    if (input.endpoint && of !== 'total' && of !== input.endpoint) continue;
    // The metric and limit of the expression as checkThresholds parsed it (absent: it did not parse).
    const metric = t.metric as SloMetric | undefined;
    checks.push({
      type: 'slo',
      metric: metric ?? 'invalid',
      scope: t.scope,
      source: 'profile thresholds',
      expression: t.expr,
      unit: metric ? sloUnit(metric) : 'count',
      current: t.actual,
      pass: t.pass,
      ...(t.limit ? { slo: t.limit } : {}),
      ...(t.problem ? { note: t.problem } : {}),
    });
  }
  return checks;
}

/** Worse of two evaluations of the same SLO: a failure, else the value nearer its limit (larger for < and <=, smaller for > and >=). */
function worseOf(a: GateCheck, b: GateCheck): GateCheck {
  if (a.pass !== b.pass) return a.pass ? b : a;
  const op = a.slo?.op;
  if (op === '<' || op === '<=') return b.current > a.current ? b : a;
  if (op === '>' || op === '>=') return b.current < a.current ? b : a;
  return a;
}

/**
 * SLO checks over every current run: each SLO must hold in each run. One row per SLO shows the
 * worst run (the first failing one, else the value nearest the limit), named in the note when
 * there are several runs.
 */
function sloChecks(input: GateInput, currents: GateRun[], problems: ValidationIssue[]): GateCheck[] {
  const rows = new Map<string, GateCheck>();
  const found: ValidationIssue[] = [];
  const slos = parseSlos(input, found);
  for (const run of currents) {
    const checks = sloChecksOf(input, slos, run, found);
    for (const c of checks) {
      const key = `${c.source}\u0000${c.scope}\u0000${c.expression}`;
      const named = currents.length > 1 && !c.pass ? { ...c, note: `in ${run.name}${c.note ? `: ${c.note}` : ''}` } : c;
      const prev = rows.get(key);
      rows.set(key, prev ? worseOf(prev, named) : named);
    }
  }
  // In --slo order (a value that parses can still name an endpoint or phase some run lacks); each problem once.
  const index = (p: ValidationIssue) => Number(/^slos\[(\d+)\]/.exec(p.path)?.[1] ?? -1);
  for (const p of [...found].sort((a, b) => index(a) - index(b))) addProblem(problems, p); // sort is stable
  return [...rows.values()];
}

/** Endpoint names of a run that completed something or were planned (its summary's endpoints). */
const endpointsOf = (r: ResultFile) => r.summary.endpoints.map((e) => e.name);

/**
 * The scopes an unscoped regression limit expands to: `--endpoint`, or total plus every endpoint in
 * every run (just total when every run has the same single endpoint: its data IS the total).
 */
function defaultScopes(input: GateInput, runs: GateRun[], warnings: string[]): string[] {
  if (input.endpoint) return [input.endpoint];
  const common = endpointsOf(runs[0].result).filter((n) => runs.every((r) => endpointsOf(r.result).includes(n)));
  for (const run of runs) {
    for (const n of endpointsOf(run.result)) if (!common.includes(n)) warnings.push(`endpoint "${n}" is only in some runs (e.g. ${run.name}); it is not compared`);
  }
  if (common.length === 1 && runs.every((r) => endpointsOf(r.result).length === 1)) return ['total'];
  return ['total', ...common];
}

/** The note of a regression check that did not simply pass or fail on its numbers. */
function regressionNote(c: ReplicatedCheck, alpha: number): string | undefined {
  const v = c.verdict;
  if (v.reason === 'no-data') return `${NO_DATA} in ${c.noData!.join(', ')}`;
  const ev = c.evidence!;
  const runs = `${ev.runsCurrent} vs ${ev.runsBaseline} runs`;
  if (v.reason === 'beyond-band') return `one run per side: beyond the default noise band (${formatBand(ev.metric, ev.band!.amount)})`;
  if (v.reason === 'within-band') return `inconclusive: one run per side cannot tell a change from run noise (default noise band ${formatBand(ev.metric, ev.band!.amount)}); record ≥ ${MIN_BAND_RUNS} runs per side`;
  if (v.reason === 'not-significant') {
    const needed = 'runsNeeded' in v && v.runsNeeded !== undefined && Number.isFinite(v.runsNeeded) ? `; about ${v.runsNeeded} runs per side would likely settle it` : '; the runs do not lean the worse way consistently';
    return `inconclusive: beyond the limit but within run-to-run noise (${runs}, p ≥ ${alpha} after correction)${needed}`;
  }
  return undefined;
}

/** Regression checks of the current runs against the baseline runs (see {@link replicatedChecks}). */
function regressionChecks(input: GateInput, currents: GateRun[], baselines: GateRun[], settings: StatSettings, warnings: string[], problems: ValidationIssue[]): GateCheck[] {
  const raws = input.regressions ?? [];
  if (baselines.length === 0) {
    if (raws.length) problems.push({ path: 'regressions', message: 'needs a baseline run to compare against' });
    return [];
  }
  const source: CheckSource = raws.length ? '--max-regression' : 'default';
  const limits: RegressionLimit[] = [];
  const paths = new Map<RegressionLimit, string>();
  for (const [i, raw] of (raws.length ? raws : DEFAULT_REGRESSIONS).entries()) {
    const l = parseRegression(raw);
    if ('error' in l) {
      problems.push({ path: `regressions[${i}]`, message: l.error });
    } else {
      paths.set(l, `regressions[${i}]`);
      limits.push(l);
    }
  }
  const runs = [...currents, ...baselines];
  const noEndpoint = input.endpoint ? runs.find((run) => !summaryOf(run.result, input.endpoint!)) : undefined;
  if (noEndpoint) {
    addProblem(problems, { path: 'endpoint', message: `"${input.endpoint}" is not in ${noEndpoint.name} (endpoints: ${endpointNames(noEndpoint.result)})` });
    return [];
  }
  const scopesAll = defaultScopes(input, runs, warnings);
  const planned = limits.flatMap((limit) => (limit.scope ? [limit.scope] : scopesAll).map((scope) => ({ limit, scope })));
  const usable = planned.filter(({ limit, scope }) => {
    const missing = runs.find((r) => scope !== 'total' && !summaryOf(r.result, scope));
    if (missing) problems.push({ path: paths.get(limit)!, message: `endpoint "${scope}" is not in ${missing.name} (endpoints: ${endpointNames(missing.result)})` });
    return !missing;
  });
  if (problems.length) return [];
  if ((currents.length < 2 || baselines.length < 2) && Math.max(currents.length, baselines.length) < MIN_BAND_RUNS) {
    warnings.push(`${currents.length} current and ${baselines.length} baseline run${baselines.length === 1 ? '' : 's'}: one run cannot tell a change from run-to-run noise, so regression checks fail only beyond the default noise bands; record ≥ ${MIN_BAND_RUNS} runs per side`);
  }
  return replicatedChecks(baselines, currents, usable, settings).map((c): GateCheck => {
    const def = REGRESSION_METRICS[c.limit.metric];
    const ev = c.evidence;
    const v = c.verdict;
    const note = regressionNote(c, settings.alpha);
    return {
      type: 'regression',
      metric: c.limit.metric,
      scope: c.scope,
      source,
      expression: c.limit.source,
      unit: def.unit,
      current: ev?.current ?? NaN,
      baseline: ev?.baseline ?? NaN,
      pass: v.verdict !== 'fail',
      regression: {
        kind: c.limit.kind,
        amount: c.limit.amount,
        worse: def.worse,
        change: ev?.change ?? NaN,
        ci: ev?.ci ?? [NaN, NaN],
        pValue: ev?.pWorse ?? NaN,
        pAdjusted: c.pAdjusted,
        beyondLimit: v.beyondLimit,
        design: ev?.design ?? (currents.length >= 2 && baselines.length >= 2 ? 'replicated' : Math.max(currents.length, baselines.length) >= MIN_BAND_RUNS ? 'noise-band' : 'default-band'),
        runsBaseline: baselines.length,
        runsCurrent: currents.length,
        baselineRuns: ev?.baselineRuns ?? [],
        currentRuns: ev?.currentRuns ?? [],
        ...(ev?.band ? { band: ev.band } : {}),
        verdict: v.verdict,
        reason: v.reason,
        ...('runsNeeded' in v && v.runsNeeded !== undefined ? { runsNeeded: v.runsNeeded } : {}),
      },
      ...(note ? { note } : {}),
    };
  });
}

/**
 * Run every check: SLOs on every current run (flags and profile thresholds) and regression
 * limits of the current runs against the baseline runs.
 *
 * The run is the unit: each run contributes one value per metric and scope (its summary's pXX,
 * rps or error rate). A regression check FAILS when it is beyond the limit AND the evidence holds
 * (see run-verdict.ts for the formulas):
 *  - ≥ 2 runs per side: a pooled t-test on the per-run values (ln values for relative limits),
 *    p-values corrected over every tested check (Holm by default), evidence when p_adj < α;
 *  - one run against ≥ 3: the same test, i.e. the noise band of those runs;
 *  - one run per side (or 1 vs 2): no test; fail only beyond the default noise band, else
 *    inconclusive ("record ≥ 3 runs per side").
 * Beyond the limit without evidence is INCONCLUSIVE: it passes (exit 0) with a note.
 * A scope with no completed request in a run fails: no data (0 requests completed).
 * SLO checks fail when `actual op limit` does not hold in any current run.
 */
export function runGate(input: GateInput): GateReport {
  const currents = [input.current].flat();
  const baselines = input.baseline ? [input.baseline].flat() : [];
  if (currents.length === 0) throw new InputProblemsError([{ path: 'current', message: 'give at least one current result file' }]);
  for (const run of [...currents, ...baselines]) requireIntervals(run, 'gate');
  const settings = statSettings(input);
  const warnings: string[] = [];
  // Every problem with the request at once, each with its input path (`slos[1]`); the CLI names the flags.
  const problems: ValidationIssue[] = [];
  for (const run of currents) {
    if (input.endpoint && !summaryOf(run.result, input.endpoint)) {
      addProblem(problems, { path: 'endpoint', message: `"${input.endpoint}" is not in ${run.name} (endpoints: ${endpointNames(run.result)})` });
    }
  }
  const profiles = [...new Set([...currents, ...baselines].map((r) => r.result.profile.name))];
  if (profiles.length > 1) {
    const first = currents[0];
    const other = [...currents, ...baselines].find((r) => r.result.profile.name !== first.result.profile.name)!;
    warnings.push(`profile "${first.result.profile.name}" (${first.name}) differs from profile "${other.result.profile.name}" (${other.name}): the runs may not be comparable`);
  }
  for (const run of [...currents, ...baselines]) {
    if (run.result.run.interrupted) warnings.push(`${run.name} is a partial result (the run was interrupted)`);
    for (const w of run.result.summary.warnings ?? []) if (!/interrupted/.test(w)) warnings.push(`${run.name}: ${w}`);
  }

  const slo = sloChecks(input, currents, problems);
  const reg = regressionChecks(input, currents, baselines, settings, warnings, problems);
  if (problems.length) throw new InputProblemsError(problems);
  if (slo.length === 0 && reg.length === 0) {
    throw new InputProblemsError([{ path: '', message: 'nothing to check: give SLOs, a baseline (with regression limits), or a profile with thresholds' }]);
  }
  const checks = [...slo, ...reg];
  const failed = checks.filter((c) => !c.pass).length;
  return { pass: failed === 0, failed, checks, warnings, ...settings, currents: currents.map(runRef), baselines: baselines.map(runRef) };
}
