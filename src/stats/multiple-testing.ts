/**
 * Corrections for testing many hypotheses at once. Each takes raw p-values and returns
 * adjusted p-values in the same order; reject hypothesis i when adjusted[i] < α.
 */

/** Correction methods by name (`none` leaves p-values as they are). */
export const CORRECTIONS = ['holm', 'bh', 'none'] as const;
export type Correction = (typeof CORRECTIONS)[number];

function ascendingOrder(p: readonly number[]): number[] {
  return p.map((_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
}

/**
 * Holm–Bonferroni step-down (controls the family-wise error rate).
 * Sort p ascending: p(1) ≤ … ≤ p(m). Adjusted p(k) = max over j ≤ k of min(1, (m − j + 1)·p(j)).
 * Rejecting adjusted < α is the same as: reject H(k) while p(k) < α/(m − k + 1), stop at the first failure.
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((idx, k) => {
    running = Math.max(running, Math.min(1, (m - k) * pValues[idx]));
    adjusted[idx] = running;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg step-up (controls the false discovery rate).
 * Sort p ascending. Adjusted p(k) = min over j ≥ k of min(1, m·p(j)/j).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const idx = order[k];
    running = Math.min(running, Math.min(1, (m * pValues[idx]) / (k + 1)));
    adjusted[idx] = running;
  }
  return adjusted;
}

/** Apply a named correction. */
export function adjustPValues(pValues: readonly number[], method: Correction): number[] {
  switch (method) {
    case 'holm':
      return holm(pValues);
    case 'bh':
      return benjaminiHochberg(pValues);
    case 'none':
      return [...pValues];
  }
}
