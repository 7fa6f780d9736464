/**
 * Chaos settings (§17.4.1) shared by the built-in target and `capplan proxy`: what fraction of
 * requests fail, are reset or are slowed, and how slow. Pure: validation and the per-request
 * decision take no clock and no I/O.
 */
import { parseFraction } from '../util/quantity.js';
import { parseDurationMs } from '../util/duration.js';

/** The faults injected into each request. Rates are fractions 0..1; delays in ms. */
export interface ChaosConfig {
  /** Fraction of requests answered HTTP 500 at once. */
  errorRate: number;
  /** Fraction of requests whose connection is reset (socket destroyed, no response). */
  resetRate: number;
  /** Fraction of requests delayed by a uniform draw in [slowMinMs, slowMaxMs] before being served. */
  slowRate: number;
  /** Smallest extra delay, ms. */
  slowMinMs: number;
  /** Largest extra delay, ms (≥ slowMinMs). */
  slowMaxMs: number;
}

/** No faults. */
export const CHAOS_OFF: Readonly<ChaosConfig> = Object.freeze({ errorRate: 0, resetRate: 0, slowRate: 0, slowMinMs: 0, slowMaxMs: 0 });

/** Keys a `POST /__chaos` body (or a profile's chaos step) may set, besides `off`. */
export const CHAOS_KEYS = ['errorRate', 'resetRate', 'slowRate', 'slowMinMs', 'slowMaxMs'] as const;

/** True when the config injects nothing. */
export function chaosIsOff(c: ChaosConfig): boolean {
  return c.errorRate === 0 && c.resetRate === 0 && c.slowRate === 0;
}

/** Outcome of {@link applyChaosPatch}: the new config, or every problem found. */
export type ChaosPatchResult = { ok: true; config: ChaosConfig } | { ok: false; problems: string[] };

/**
 * Apply a partial update to `current`. `{ off: true }` resets every fault first; the other keys
 * overwrite one setting each. Rates: a number 0..1 or a percent string (`"10%"`); delays: ms as a
 * number ≥ 0 or a duration string (`"200ms"`). Unknown keys and slowMinMs > slowMaxMs are problems.
 * A slow rate with no delay range set is a problem too (it would inject nothing).
 */
export function applyChaosPatch(current: ChaosConfig, patch: unknown): ChaosPatchResult {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return { ok: false, problems: ['body must be a JSON object such as {"errorRate": 0.1}'] };
  }
  const problems: string[] = [];
  const body = patch as Record<string, unknown>;
  let next: ChaosConfig = { ...current };
  if ('off' in body) {
    if (body.off !== true && body.off !== false) problems.push(`off must be true or false (got ${show(body.off)})`);
    else if (body.off) next = { ...CHAOS_OFF };
  }
  for (const key of Object.keys(body)) {
    if (key === 'off') continue;
    if (!(CHAOS_KEYS as readonly string[]).includes(key)) {
      problems.push(`unknown key "${key}"; expected one of off, ${CHAOS_KEYS.join(', ')}`);
      continue;
    }
    const k = key as (typeof CHAOS_KEYS)[number];
    const raw = body[k];
    if (k.endsWith('Rate')) {
      const v = parseFraction(raw);
      if (v === undefined || v < 0 || v > 1) problems.push(`${k} must be a fraction 0..1 or a percentage such as "10%" (got ${show(raw)})`);
      else next[k] = v;
    } else {
      const v = typeof raw === 'number' ? raw : parseDurationMs(raw);
      if (v === undefined || !Number.isFinite(v) || v < 0) problems.push(`${k} must be a duration ≥ 0 in ms or such as "200ms" (got ${show(raw)})`);
      else next[k] = v;
    }
  }
  if (problems.length === 0) {
    if (next.slowMinMs > next.slowMaxMs) problems.push(`slowMinMs (${next.slowMinMs}) must be ≤ slowMaxMs (${next.slowMaxMs})`);
    if (next.slowRate > 0 && next.slowMaxMs === 0) problems.push('slowRate > 0 needs a delay: set slowMinMs and slowMaxMs (e.g. 100 and 500)');
  }
  return problems.length ? { ok: false, problems } : { ok: true, config: next };
}

/** What happens to one request. */
export type ChaosDecision = { kind: 'pass' } | { kind: 'error' } | { kind: 'reset' } | { kind: 'slow'; delayMs: number };

/**
 * Decide one request's fate with independent draws, in order (as the seed's middleware does):
 *   u₁ < errorRate → 500;  else u₂ < resetRate → reset;  else u₃ < slowRate → delay = min + u₄·(max − min);  else pass.
 * So P(500) = errorRate, P(reset) = (1 − errorRate)·resetRate, and so on.
 */
export function decideChaos(c: ChaosConfig, rnd: () => number): ChaosDecision {
  if (c.errorRate > 0 && rnd() < c.errorRate) return { kind: 'error' };
  if (c.resetRate > 0 && rnd() < c.resetRate) return { kind: 'reset' };
  if (c.slowRate > 0 && rnd() < c.slowRate) return { kind: 'slow', delayMs: c.slowMinMs + rnd() * (c.slowMaxMs - c.slowMinMs) };
  return { kind: 'pass' };
}

/** `"100ms..500ms"` → [100, 500]; one duration means min = max. `undefined` when malformed. */
export function parseDelayRange(input: string): [number, number] | undefined {
  const parts = input.split('..');
  if (parts.length > 2) return undefined;
  const lo = parseDurationMs(parts[0]);
  const hi = parts.length === 2 ? parseDurationMs(parts[1]) : lo;
  if (lo === undefined || hi === undefined || lo < 0 || hi < lo) return undefined;
  return [lo, hi];
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** One line for humans: `chaos: 500 for 10%, slow 20% by 100ms..500ms, reset 1%` or `chaos: off`. */
export function describeChaos(c: ChaosConfig): string {
  if (chaosIsOff(c)) return 'chaos: off';
  const pct = (f: number) => `${Math.round(f * 10000) / 100}%`;
  const parts: string[] = [];
  if (c.errorRate > 0) parts.push(`500 for ${pct(c.errorRate)}`);
  if (c.slowRate > 0) parts.push(`slow ${pct(c.slowRate)} by ${c.slowMinMs}ms..${c.slowMaxMs}ms`);
  if (c.resetRate > 0) parts.push(`reset ${pct(c.resetRate)}`);
  return `chaos: ${parts.join(', ')}`;
}
