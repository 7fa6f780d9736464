/**
 * The probability distributions the analysis needs (Student t, F), from jStat.
 * The one place capplan loads jstat.
 */
import jstat from 'jstat';

const { jStat } = jstat;

/**
 * Two-sided Student-t critical value: the t with P(|T| ≤ t) = `confidence`
 * for `dof` degrees of freedom, i.e. t = F⁻¹((1 + confidence) / 2; dof).
 * E.g. confidence 0.95, dof 3 → t_{3, 0.975} ≈ 3.182.
 */
export function studentTCritical(confidence: number, dof: number): number {
  return jStat.studentt.inv((1 + confidence) / 2, dof);
}

/** Student-t CDF P(T ≤ t) with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  return jStat.studentt.cdf(t, df);
}

/** F-distribution CDF P(F ≤ f) with (df1, df2) degrees of freedom. */
export function fCdf(f: number, df1: number, df2: number): number {
  return jStat.centralF.cdf(f, df1, df2);
}
