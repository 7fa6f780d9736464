/**
 * "Did you mean" suggestions from a small edit distance (Damerau–Levenshtein with
 * adjacent transpositions, so `stagse` → `stages` costs 1).
 */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/**
 * The closest candidate to `input` (case-insensitive), if it is close enough:
 * distance ≤ max(1, ⌊len/3⌋), or one is a prefix of the other (`endpoint` → `endpoints`).
 * Inputs shorter than 3 characters only match case-insensitively (no guessing from `b` to `a`).
 */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const prefix = lower.length >= 3 && (cl.startsWith(lower) || lower.startsWith(cl));
    const dist = prefix ? Math.min(1, Math.abs(cl.length - lower.length)) : editDistance(lower, cl);
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  const limit = input.length < 3 ? 0 : Math.max(1, Math.floor(input.length / 3));
  return best !== undefined && bestD <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or an empty string. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const s = suggest(input, candidates);
  return s === undefined ? '' : ` (did you mean "${s}"?)`;
}
