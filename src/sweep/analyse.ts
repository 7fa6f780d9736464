import { fitUsl } from '../analysis/usl.js';
import { evaluateSlo, metricValue, SLO_METRICS, type SloExpr } from '../gate/slo-expr.js';
import type { SloCrossing, SweepAnalysis, SweepStep } from './types.js';
import { assessUslFit, KNEE_FRACTION } from './usl-trust.js';

export { KNEE_FRACTION };

/**
 * Analyse a sweep: maximum throughput, the knee (first step ≥ 90% of the maximum),
 * the USL fit of (concurrency, throughput) via fitUsl, whether that fit may be quoted
 * (assessUslFit), its peak N* = √((1 − σ)/κ) only when it may, and where the SLO stops
 * holding. Pure. `steps` must not be empty.
 */
export function analyseSweep(steps: SweepStep[], slo?: SloExpr): SweepAnalysis {
  const sorted = [...steps].sort((a, b) => a.concurrency - b.concurrency);
  const warnings: string[] = [];
  const best = sorted.reduce((m, s) => (s.total.throughput > m.total.throughput ? s : m), sorted[0]);
  const kneeStep = sorted.find((s) => s.total.throughput >= KNEE_FRACTION * best.total.throughput) ?? best;

  let usl: SweepAnalysis['usl'] = null;
  const points = sorted.filter((s) => s.total.throughput > 0).map((s) => ({ n: s.concurrency, x: s.total.throughput }));
  try {
    usl = fitUsl(points);
    warnings.push(...usl.warnings.map((w) => `USL: ${w}`));
  } catch (err) {
    warnings.push(`USL not fitted: ${(err as Error).message}`);
  }
  const errored = sorted.filter((s) => s.total.errors > 0);
  if (errored.length) {
    warnings.push(`errors at concurrency ${errored.map((s) => `${s.concurrency} (${s.total.errors})`).join(', ')}: throughput counts every completed request, including errors`);
  }
  // Still growing: the largest level beats the one before it by more than 5%.
  const [prev, last] = sorted.slice(-2);
  if (sorted.length > 1 && best === last && last.total.throughput > 1.05 * prev.total.throughput) {
    warnings.push(`throughput was still growing at the largest concurrency (${last.concurrency}): the target may not be saturated yet; add larger levels`);
  }

  const uslTrust = usl ? assessUslFit(usl) : null;
  return {
    max: { concurrency: best.concurrency, throughput: best.total.throughput, p99Ms: best.total.p99Ms },
    knee: { concurrency: kneeStep.concurrency, throughput: kneeStep.total.throughput },
    usl,
    uslTrust,
    saturation: uslTrust?.trusted ? (usl?.peak ?? null) : null,
    slo: slo ? sloCrossing(sorted, slo) : null,
    warnings,
  };
}

/**
 * Where the SLO (evaluated on each step's total) stops holding: the last passing step
 * before the first failing one, and the interpolated crossing
 * n = n₁ + (limit − v₁)·(n₂ − n₁)/(v₂ − v₁).
 */
export function sloCrossing(sorted: SweepStep[], slo: SloExpr): SloCrossing {
  const point = (s: SweepStep) => ({ concurrency: s.concurrency, throughput: s.total.throughput, actual: metricValue(slo.metric, s.summary) });
  const failIndex = sorted.findIndex((s) => !evaluateSlo(slo, s.summary).pass);
  const lastPass = failIndex === -1 ? sorted[sorted.length - 1] : failIndex > 0 ? sorted[failIndex - 1] : undefined;
  const firstFail = failIndex === -1 ? undefined : sorted[failIndex];
  let crossingConcurrency: number | null = null;
  if (lastPass && firstFail) {
    const a = point(lastPass);
    const b = point(firstFail);
    crossingConcurrency =
      b.actual !== a.actual ? a.concurrency + ((slo.value - a.actual) * (b.concurrency - a.concurrency)) / (b.actual - a.actual) : b.concurrency;
    crossingConcurrency = Math.min(b.concurrency, Math.max(a.concurrency, crossingConcurrency));
  }
  return {
    slo: slo.source,
    unit: SLO_METRICS[slo.metric] === 'ms' ? 'ms' : '',
    lastPass: lastPass ? point(lastPass) : null,
    firstFail: firstFail ? point(firstFail) : null,
    crossingConcurrency,
  };
}
