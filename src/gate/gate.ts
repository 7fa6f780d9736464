import { InputProblemsError, type ValidationIssue } from '../errors.js';
import { requireIntervals, runRef, statSettings, type NamedResult, type RunRef, type StatSettings } from './report-common.js';
import type { EndpointSummary, ResultFile } from '../results/types.js';
import { adjustPValues, type Correction } from '../stats/multiple-testing.js';
import { compareMetric, REGRESSION_METRICS, type MetricComparison, type StatOptions } from './metrics.js';
import { DEFAULT_REGRESSIONS, parseRegression, type RegressionLimit } from './regression-expr.js';
import { buildSeries, type ScopeSeries } from './series.js';
import { evaluateSlo, parseScopedSlo, parseSlo, SLO_METRICS, type ScopedSloExpr } from './slo-expr.js';
import { checkThresholds } from './thresholds.js';
import { splitScopeKey } from './scope-key.js';
import { resolveScope, type ScopeResolution } from './threshold-scope.js';
import type { PhaseSummary } from '../results/phase-summary.js';
import type { DisplayUnit } from './format.js';
import { normalQuantile } from '../stats/normal.js';

/**
 * Below this many WHOLE seconds of data per run (the seconds the per-second tests use), gate
 * warns that the regression tests have little power. A 10 s run starting mid-second has 9 whole
 * seconds (plus a partial first and last one), so this is "run at least 10 s".
 */
export const MIN_POWERFUL_SECONDS = 9;

/** Where a check came from. */
export type CheckSource = '--slo' | 'profile thresholds' | '--max-regression' | 'default';

/** One result file as gate sees it (`name` is shown in messages). */
export type GateRun = NamedResult;

/** Everything gate needs; the CLI parses flags into this. */
export interface GateInput extends StatOptions {
  current: GateRun;
  baseline?: GateRun;
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
  /** Regression: the limit, the change on the limit's scale (relative fraction or absolute), its interval and p-values. */
  regression?: {
    kind: RegressionLimit['kind'];
    /** Allowed change in the worse direction (fraction of baseline, or absolute in the unit). */
    amount: number;
    /** `up` when larger is worse (latency, error rate), `down` for rps. */
    worse: 'up' | 'down';
    /** current − baseline (absolute) or current/baseline − 1 (relative). */
    change: number;
    ci: [number, number];
    /** One-sided Mann–Whitney p-value for "current is worse", before and after correction. */
    pValue: number;
    pAdjusted: number;
    beyondLimit: boolean;
    significant: boolean;
    /**
     * The one-sided bootstrap bound of the change (at tail α/m, Bonferroni over the m regression
     * checks) is itself beyond the limit: even the least bad plausible change breaks it.
     */
    boundBeyond: boolean;
    /** `fail`; `inconclusive` = beyond the limit but neither significant nor bound beyond (passes, with a note); `pass`. */
    verdict: 'pass' | 'fail' | 'inconclusive';
    /** Inconclusive only: rough seconds per run that would make the rank test significant at this effect, NaN when it cannot be estimated. */
    secondsNeeded?: number;
    comparison: MetricComparison;
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
  current: RunRef;
  baseline?: RunRef;
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

/** Evaluate one SLO on a resolved scope of the current run (`scope` as written, e.g. `total@steady`). */
function sloCheck(expr: ScopedSloExpr, scope: string, source: CheckSource, resolved: ScopeResolution): GateCheck {
  const base = { type: 'slo' as const, metric: expr.metric, scope, source, expression: expr.source, unit: sloUnit(expr.metric), slo: { op: expr.op, value: expr.value } };
  if ('problem' in resolved) return { ...base, current: NaN, pass: false, note: resolved.problem };
  const { pass, actual } = evaluateSlo(expr, resolved.summary);
  return { ...base, current: actual, pass };
}

/** SLO checks from `--slo` flags and from the thresholds the profile carried into the current result. */
function sloChecks(input: GateInput, problems: ValidationIssue[]): GateCheck[] {
  const cur = input.current;
  const checks: GateCheck[] = [];
  const phases = new Map<string, PhaseSummary | undefined>();
  for (const [i, raw] of (input.slos ?? []).entries()) {
    const path = `slos[${i}]`;
    const expr = parseScopedSlo(raw);
    if ('error' in expr) {
      problems.push({ path, message: expr.error });
      continue;
    }
    const scope = expr.scope ?? input.endpoint ?? 'total';
    const resolved = resolveScope(cur.result, scope, phases);
    if ('problem' in resolved && resolved.kind === 'endpoint') {
      problems.push({ path, message: `endpoint "${resolved.scope}" is not in ${cur.name} (endpoints: ${endpointNames(cur.result)})` });
    } else if ('problem' in resolved && resolved.kind === 'phase') {
      problems.push({ path, message: `${resolved.problem} (in ${cur.name})` });
    } else {
      checks.push(sloCheck(expr, scope, '--slo', resolved));
    }
  }
  // The profile's thresholds, evaluated exactly as `load` and `report` do (unparseable or unknown-endpoint ones fail).
  const known = ['total', ...cur.result.summary.endpoints.map((e) => e.name)];
  for (const t of checkThresholds(cur.result)) {
    const of = splitScopeKey(t.scope, known).scope;
    if (input.endpoint && of !== 'total' && of !== input.endpoint) continue;
    const parsed = parseSlo(t.expr);
    const ok = !('error' in parsed);
    checks.push({
      type: 'slo',
      metric: ok ? parsed.metric : 'invalid',
      scope: t.scope,
      source: 'profile thresholds',
      expression: t.expr,
      unit: ok ? sloUnit(parsed.metric) : 'count',
      current: t.actual,
      pass: t.pass,
      ...(ok ? { slo: { op: parsed.op, value: parsed.value } } : {}),
      ...(t.problem ? { note: t.problem } : {}),
    });
  }
  return checks;
}

/** The scopes an unscoped regression limit expands to: `--endpoint`, or total plus every endpoint in both runs (just total when both runs have a single, common endpoint). */
function defaultScopes(input: GateInput, base: Map<string, ScopeSeries>, cur: Map<string, ScopeSeries>, warnings: string[]): string[] {
  if (input.endpoint) return [input.endpoint];
  const common = input.current.result.summary.endpoints.map((e) => e.name).filter((n) => base.has(n) && cur.has(n));
  for (const [series, run] of [[cur, input.current], [base, input.baseline!]] as const) {
    for (const n of series.keys()) {
      if (n !== 'total' && !common.includes(n)) warnings.push(`endpoint "${n}" is only in ${run.name}; it is not compared`);
    }
  }
  // One endpoint in both runs: its data IS the total; checking it twice would only double the correction.
  if (common.length === 1 && base.size === 2 && cur.size === 2) return ['total'];
  return ['total', ...common];
}

/** Regression checks against the baseline (without the correction applied yet). */
function regressionChecks(input: GateInput, warnings: string[], problems: ValidationIssue[]): Array<Omit<GateCheck, 'pass'> & { limit: RegressionLimit }> {
  const raws = input.regressions ?? [];
  if (!input.baseline) {
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
  const base = buildSeries(input.baseline.result);
  const cur = buildSeries(input.current.result);
  for (const run of [input.current, input.baseline]) {
    if (input.endpoint && !summaryOf(run.result, input.endpoint)) {
      problems.push({ path: 'endpoint', message: `"${input.endpoint}" is not in ${run.name} (endpoints: ${endpointNames(run.result)})` });
      return [];
    }
  }
  const scopesAll = defaultScopes(input, base, cur, warnings);
  const planned = limits.flatMap((limit) => (limit.scope ? [limit.scope] : scopesAll).map((scope) => ({ limit, scope })));
  // The bound rule is Bonferroni-corrected over every regression check: tail α/m.
  const boundTail = (input.alpha ?? 0.05) / planned.length;
  const cache = new Map<string, MetricComparison>();
  const out: Array<Omit<GateCheck, 'pass'> & { limit: RegressionLimit }> = [];
  for (const { limit, scope } of planned) {
    const missing = ([[base, input.baseline], [cur, input.current]] as const).find(([series]) => !series.has(scope));
    if (missing) {
      problems.push({ path: paths.get(limit)!, message: `endpoint "${scope}" is not in ${missing[1].name} (endpoints: ${endpointNames(missing[1].result)})` });
      continue;
    }
    const key = `${limit.metric}\u0000${scope}`;
    let cmp = cache.get(key);
    if (!cmp) cache.set(key, (cmp = compareMetric(base.get(scope)!, cur.get(scope)!, limit.metric, { ...input, boundTail })));
    const def = REGRESSION_METRICS[limit.metric];
    const relative = limit.kind === 'relative';
    out.push({
      type: 'regression',
      metric: limit.metric,
      scope,
      source,
      expression: limit.source,
      unit: def.unit,
      current: cmp.current,
      baseline: cmp.baseline,
      limit,
      regression: {
        kind: limit.kind,
        amount: limit.amount,
        worse: def.worse,
        change: relative ? cmp.relChange : cmp.absChange,
        ci: relative ? cmp.ciRel : cmp.ciAbs,
        pValue: cmp.pWorse,
        pAdjusted: cmp.pWorse,
        beyondLimit: false,
        significant: false,
        boundBeyond: false,
        verdict: 'pass',
        comparison: cmp,
      },
    });
  }
  return out;
}

/**
 * Rough seconds per run for the one-sided rank test to reach tail `tail` at the effect seen:
 * n·(z_needed / z_now)², z_needed = Φ⁻¹(1 − tail), z_now = Φ⁻¹(1 − p); NaN when p ≥ 0.5
 * (the per-second values do not lean the worse way, so no length is predicted).
 */
export function secondsToSettle(n: number, p: number, tail: number): number {
  const zNow = normalQuantile(1 - p);
  if (!(zNow > 0) || !Number.isFinite(zNow)) return NaN;
  const zNeeded = normalQuantile(1 - tail);
  return Math.max(n + 1, Math.ceil(n * (zNeeded / zNow) ** 2));
}

function inconclusiveNote(n: number, needed: number): string {
  const settle = Number.isFinite(needed)
    ? `about ${needed} whole seconds per run would likely settle it (rough: n·(z_needed/z_now)²)`
    : 'the per-second values do not show it consistently (a few slow seconds?)';
  return `inconclusive (run too short / too noisy — ${n} seconds): beyond the limit but not significant; ${settle}`;
}

/**
 * Run every check: SLOs on the current run (flags and profile thresholds) and regression limits
 * against the baseline.
 *
 * A regression check FAILS when it is beyond the limit AND the evidence holds:
 *  1. beyond the limit: the change in the worse direction exceeds the allowed amount
 *     (relative: current/baseline − 1 > amount; absolute: current − baseline > amount; sign flipped for rps);
 *  2. evidence, either of:
 *     a. significant: the one-sided Mann–Whitney p-value (per-second values of whole seconds,
 *        "current is worse"), adjusted over ALL m regression checks with Holm–Bonferroni (or the
 *        chosen correction), is < α;
 *     b. bound beyond the limit: the one-sided bootstrap bound of the change at tail α/m (the
 *        α/m quantile of the resampled change; Bonferroni over the m checks) is beyond the limit,
 *        i.e. the test of "change ≤ limit" rejects at level α/m. This catches a large shift over
 *        few seconds that a couple of outlying seconds (a warm-up) keep the rank test from proving.
 * Beyond the limit without evidence is INCONCLUSIVE: it passes (exit 0) with a note saying how
 * many seconds per run would likely settle it: n·(z_needed / z_now)², z_needed = Φ⁻¹(1 − α/m),
 * z_now = Φ⁻¹(1 − p) of the raw p (z grows with √seconds at a fixed effect).
 * SLO checks fail when `actual op limit` does not hold.
 */
export function runGate(input: GateInput): GateReport {
  requireIntervals(input.current, 'gate');
  if (input.baseline) requireIntervals(input.baseline, 'gate');
  const settings = statSettings(input);
  const { alpha, correction } = settings;
  const warnings: string[] = [];
  if (input.endpoint && !summaryOf(input.current.result, input.endpoint)) {
    throw new InputProblemsError([{ path: 'endpoint', message: `"${input.endpoint}" is not in ${input.current.name} (endpoints: ${endpointNames(input.current.result)})` }]);
  }
  if (input.baseline && input.baseline.result.profile.name !== input.current.result.profile.name) {
    warnings.push(`profile "${input.current.result.profile.name}" (${input.current.name}) differs from baseline profile "${input.baseline.result.profile.name}" (${input.baseline.name}): the runs may not be comparable`);
  }
  for (const run of [input.current, input.baseline]) {
    if (!run) continue;
    if (run.result.run.interrupted) warnings.push(`${run.name} is a partial result (the run was interrupted)`);
    for (const w of run.result.summary.warnings ?? []) if (!/interrupted/.test(w)) warnings.push(`${run.name}: ${w}`);
  }

  // Every problem with the request at once, each with its input path (`slos[1]`); the CLI names the flags.
  const problems: ValidationIssue[] = [];
  const slo = sloChecks(input, problems);
  const reg = regressionChecks(input, warnings, problems);
  if (problems.length) throw new InputProblemsError(problems);
  if (slo.length === 0 && reg.length === 0) {
    throw new InputProblemsError([{ path: '', message: 'nothing to check: give SLOs, a baseline (with regression limits), or a profile with thresholds' }]);
  }
  const adjusted = adjustPValues(reg.map((c) => c.regression!.pValue), correction);
  const regChecks: GateCheck[] = reg.map(({ limit: _limit, ...c }, i) => {
    const r = c.regression!;
    const cmp = r.comparison;
    const worse = (v: number) => (r.worse === 'up' ? v : -v);
    const beyondLimit = worse(r.change) > r.amount;
    const significant = adjusted[i] < alpha;
    const boundBeyond = worse(r.kind === 'relative' ? cmp.boundRel : cmp.boundAbs) > r.amount;
    const fail = beyondLimit && (significant || boundBeyond);
    const verdict = fail ? 'fail' : beyondLimit ? 'inconclusive' : 'pass';
    const n = Math.min(cmp.nBaseline, cmp.nCurrent);
    const secondsNeeded = verdict === 'inconclusive' ? secondsToSettle(n, r.pValue, alpha / reg.length) : undefined;
    const note = verdict === 'inconclusive' ? inconclusiveNote(n, secondsNeeded!) : undefined;
    return {
      ...c,
      pass: !fail,
      regression: { ...r, pAdjusted: adjusted[i], beyondLimit, significant, boundBeyond, verdict, ...(secondsNeeded !== undefined ? { secondsNeeded } : {}) },
      ...(note ? { note } : {}),
    };
  });
  const fewest = Math.min(...regChecks.map((c) => Math.min(c.regression!.comparison.nBaseline, c.regression!.comparison.nCurrent)));
  if (fewest < MIN_POWERFUL_SECONDS) {
    warnings.push(`only ${fewest} whole seconds of data in a compared run (partial first/last seconds are left out): the regression tests have little power (run ≥ 10 s; 60 s or more is better)`);
  }
  const checks = [...slo, ...regChecks];
  const failed = checks.filter((c) => !c.pass).length;
  return {
    pass: failed === 0,
    failed,
    checks,
    warnings,
    ...settings,
    current: runRef(input.current),
    ...(input.baseline ? { baseline: runRef(input.baseline) } : {}),
  };
}
