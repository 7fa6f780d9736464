/**
 * Regression checks over replicated runs: several current runs against several baseline runs
 * (or a history), one value per run per metric and scope, judged by {@link runEvidence} and
 * {@link judgeRun} with the p-values corrected over every tested check. Pure.
 */
import type { ResultFile } from '../results/types.js';
import { adjustPValues, type Correction } from '../stats/multiple-testing.js';
import { resultMetric, type RegressionMetric } from './metrics.js';
import type { RegressionLimit } from './regression-expr.js';
import { judgeRun, runEvidence, type LimitSpec, type RunEvidence, type RunVerdict } from './run-verdict.js';

/** A run and the name it is shown under. */
export interface NamedRun {
  result: ResultFile;
  name: string;
}

/** One planned check: a limit applied to a scope. */
export interface PlannedCheck {
  limit: RegressionLimit;
  scope: string;
}

/** The outcome of one regression check across runs. */
export interface ReplicatedCheck {
  limit: RegressionLimit;
  scope: string;
  /** Absent when a run has no completed request in the scope (the check fails: no data). */
  evidence?: RunEvidence;
  /** p-value after the correction over every check that has a test (NaN for default-band checks and no data). */
  pAdjusted: number;
  verdict: RunVerdict | { verdict: 'fail'; reason: 'no-data'; beyondLimit: false };
  /** Runs with no completed request in the scope. */
  noData?: string[];
}

/** Statistics settings of the replicated checks. */
export interface ReplicatedSettings {
  alpha: number;
  correction: Correction;
  confidence: number;
}

/**
 * Run every planned check. Per check: each run's value (its summary's pXX, rps or error rate for the
 * scope); a run with no completed request there makes the check fail ("no data"); else the
 * evidence of {@link runEvidence}; then the correction (Holm by default) over the m checks that
 * have a p-value, and the verdict of {@link judgeRun} with tail α/m for the runs-needed estimate.
 */
export function replicatedChecks(baselines: NamedRun[], currents: NamedRun[], planned: PlannedCheck[], settings: ReplicatedSettings): ReplicatedCheck[] {
  const gathered = planned.map(({ limit, scope }) => ({ limit, scope, ...runLevelEvidence(baselines, currents, scope, limit, settings.confidence) }));
  const tested = gathered.filter((g) => g.evidence && Number.isFinite(g.evidence.pWorse));
  const adjusted = adjustPValues(tested.map((g) => g.evidence!.pWorse), settings.correction);
  const pAdj = new Map(tested.map((g, i) => [g, adjusted[i]]));
  const tail = settings.alpha / Math.max(1, tested.length);
  return gathered.map((g): ReplicatedCheck => {
    if (!g.evidence) return { limit: g.limit, scope: g.scope, pAdjusted: NaN, verdict: { verdict: 'fail', reason: 'no-data', beyondLimit: false }, noData: g.noData };
    const p = pAdj.get(g) ?? NaN;
    return { limit: g.limit, scope: g.scope, evidence: g.evidence, pAdjusted: p, verdict: judgeRun(g.evidence, g.limit, p, settings.alpha, tail) };
  });
}

/**
 * The run-level evidence of one metric in one scope: each run's value (its summary's pXX, rps or
 * error rate), then {@link runEvidence}. Runs with no completed request in the scope have no
 * value: they come back as `noData` (their names) instead of evidence. Shared by gate and compare.
 */
export function runLevelEvidence(
  baselines: NamedRun[],
  currents: NamedRun[],
  scope: string,
  limit: { metric: RegressionMetric } & LimitSpec,
  confidence: number,
): { evidence: RunEvidence; noData?: undefined } | { evidence?: undefined; noData: string[] } {
  const values = (runs: NamedRun[]) => runs.map((r) => ({ name: r.name, v: resultMetric(r.result, scope, limit.metric) }));
  const b = values(baselines);
  const c = values(currents);
  const noData = [...b, ...c].filter((x) => !Number.isFinite(x.v)).map((x) => x.name);
  if (noData.length) return { noData };
  return { evidence: runEvidence(limit.metric, b.map((x) => x.v), c.map((x) => x.v), limit, confidence) };
}
