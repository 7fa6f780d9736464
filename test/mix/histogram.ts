/** Count how often each value comes out of `draw` in `n` draws. */
export function histogram(draw: () => number, n: number): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = draw();
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}
