/**
 * Small parsers for quantities typed on the command line. Each returns `undefined`
 * when the input is not valid, so the caller can name the flag in its error.
 */

/** `"10%"` → 0.1, `"0.1"` → 0.1, `"99.9%"` → 0.999. */
export function parseFraction(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const s = input.trim();
  const m = /^([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)\s*(%?)$/.exec(s);
  if (!m) return undefined;
  const v = Number(m[1]);
  return m[2] === '%' ? v / 100 : v;
}

/** A finite number, e.g. `"1000"`, `"2.5"`, `"1e3"`, `"1k"`(=1000), `"2.5M"`(=2.5e6). */
export function parseNumber(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const m = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)\s*([kKmMgG]?)$/.exec(input.trim());
  if (!m) return undefined;
  const mult = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6, g: 1e9, G: 1e9 }[m[2]] ?? 1;
  const v = Number(m[1]) * mult;
  return Number.isFinite(v) ? v : undefined;
}

/** `"3x"` or `"3"` → 3 (a multiplier). */
export function parseMultiplier(input: unknown): number | undefined {
  if (typeof input === 'string') return parseNumber(input.trim().replace(/[x×]$/i, ''));
  return parseNumber(input);
}
