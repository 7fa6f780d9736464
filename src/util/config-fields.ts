/** Zod field builders for hand-written config files (profiles, shapes): every message says what was expected and what was given. */
import { z } from 'zod';
import { parseDurationMs } from './duration.js';
import { parseNumber } from './quantity.js';

/** Describe a raw YAML value for an error message: `"5 minutes"`, `-3`, `a list`, `a mapping`, `nothing`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

type Ctx = { addIssue(issue: { code: 'custom'; message: string }): void };

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** A duration (`30s`, `5m`, `1h30m`, `250ms`, or a number of seconds) → ms; `positive` rejects 0. */
export function durationField(opts: { positive?: boolean } = {}) {
  return z.unknown().transform((v, ctx): number => {
    if (v === undefined) return fail(ctx, 'required: a duration like 30s, 5m, 1h30m');
    const ms = parseDurationMs(v);
    if (ms === undefined) return fail(ctx, `expected a duration like 30s, 5m, 1h30m (got ${describeValue(v)})`);
    if (opts.positive && ms <= 0) return fail(ctx, `must be longer than 0 (got ${describeValue(v)})`);
    return ms;
  });
}

/** A level or count: a number or `1k`/`2.5M`, with a lower bound (≥ min, or > min when `exclusive`) and an optional upper bound (≤ max). */
export function numberField(opts: { min?: number; max?: number; exclusive?: boolean; integer?: boolean; what?: string } = {}) {
  const { min = 0, max = Infinity, exclusive = false, integer = false, what = integer ? 'an integer' : 'a number' } = opts;
  return z.unknown().transform((v, ctx): number => {
    if (v === undefined) return fail(ctx, `required: ${what}`);
    const n = typeof v === 'number' || typeof v === 'string' ? parseNumber(v) : undefined;
    if (n === undefined) return fail(ctx, `expected ${what} (got ${describeValue(v)})`);
    if (integer && !Number.isInteger(n)) return fail(ctx, `expected ${what} (got ${describeValue(v)})`);
    if (exclusive ? !(n > min) : !(n >= min)) return fail(ctx, `must be ${exclusive ? '>' : '≥'} ${min} (got ${describeValue(v)})`);
    if (n > max) return fail(ctx, `must be ≤ ${max} (got ${describeValue(v)})`);
    return n;
  });
}

/** A non-empty string. */
export function textField(what = 'text') {
  return z.unknown().transform((v, ctx): string => {
    if (v === undefined) return fail(ctx, `required: ${what}`);
    if (typeof v !== 'string' || v.trim() === '') return fail(ctx, `expected ${what} (got ${describeValue(v)})`);
    return v;
  });
}

/** One of a fixed set of words (case-insensitive input, normalised to the listed spelling). */
export function choiceField<const T extends string>(choices: readonly T[]) {
  return z.unknown().transform((v, ctx): T => {
    const hit = typeof v === 'string' ? choices.find((c) => c === v.toLowerCase()) : undefined;
    if (hit === undefined) return fail(ctx, `expected one of ${choices.join(', ')} (got ${describeValue(v)})`);
    return hit;
  });
}

/** A mapping of header names to string values (numbers are accepted and stringified). */
export function headersField() {
  return z.record(
    z.string(),
    z.unknown().transform((v, ctx): string => {
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      return fail(ctx, `expected a header value (text) (got ${describeValue(v)})`);
    }),
  );
}

/** A traffic level: req/s (open model) or users (closed model), ≥ 0, `1k` allowed. */
export function levelField() {
  return numberField({ what: 'a level (req/s or users) like 500 or 1k' });
}
