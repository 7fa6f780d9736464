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

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4, tib: 1024 ** 4 };

/**
 * A size in bytes: `"20KB"` → 20480, `"512MiB"`, `"2G"`, `"1000"`. Units are binary (KB = KiB = 1024 B),
 * as memory limits are (Docker, the JVM's -Xmx); case-insensitive. `undefined` when invalid or negative.
 */
export function parseBytes(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-zA-Z]*)$/.exec(input.trim());
  if (!m) return undefined;
  const mult = BYTE_UNITS[m[2].toLowerCase()];
  return mult === undefined ? undefined : Math.round(Number(m[1]) * mult);
}
