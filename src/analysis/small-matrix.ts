/**
 * Tiny dense linear algebra for the analysis fits (3×3 at most): solving normal
 * equations and inverting JᵀJ. Plain arrays, no allocation tricks.
 */

/** A dense matrix as rows of numbers. */
export type Matrix = number[][];

/** JᵀJ for a Jacobian given as rows (one row per observation). */
export function gramian(jac: Matrix): Matrix {
  const p = jac[0]?.length ?? 0;
  const out: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const row of jac) {
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i][j] += row[i] * row[j];
  }
  return out;
}

/** Jᵀv for a Jacobian given as rows and a vector with one entry per row. */
export function transposeTimes(jac: Matrix, v: number[]): number[] {
  const p = jac[0]?.length ?? 0;
  const out = new Array<number>(p).fill(0);
  jac.forEach((row, k) => {
    for (let i = 0; i < p; i++) out[i] += row[i] * v[k];
  });
  return out;
}

/**
 * Solve A·x = b by Gaussian elimination with partial pivoting.
 * Returns `undefined` when A is singular (a pivot below `1e-300` or relative `1e-14`).
 */
export function solve(a: Matrix, b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  const scale = Math.max(...a.flat().map(Math.abs), 0);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r;
    if (Math.abs(m[piv][col]) <= Math.max(1e-300, scale * 1e-14)) return undefined;
    [m[col], m[piv]] = [m[piv], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return x;
}

/** Inverse of a square matrix (column by column with {@link solve}); `undefined` when singular. */
export function inverse(a: Matrix): Matrix | undefined {
  const n = a.length;
  const cols: number[][] = [];
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0);
    e[j] = 1;
    const col = solve(a, e);
    if (!col) return undefined;
    cols.push(col);
  }
  return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]));
}
