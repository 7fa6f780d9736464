/**
 * A profile's chaos schedule, e.g. `chaos: [{ at: 10s, errorRate: 10% }, { at: 25s, off: true }]`:
 * each step, at `at` seconds into the run, applies a partial update to the chaos switch of the
 * target or proxy (as `POST /__chaos` would). Pure: validation and the windows it produces.
 */
import type { ValidationIssue } from '../errors.js';
import { parseDurationMs } from '../util/duration.js';
import { applyChaosPatch, CHAOS_OFF, chaosIsOff, type ChaosConfig } from './config.js';

/** One validated step. */
export interface ChaosStep {
  /** Seconds since the load started. */
  atSec: number;
  /** The update sent to the switch (the step without `at`). */
  patch: Record<string, unknown>;
}

/** A span of the run during which faults were on. */
export interface ChaosWindow {
  fromSec: number;
  /** End (exclusive); the run's end when no later step turned the faults off. */
  toSec: number;
  config: ChaosConfig;
}

/**
 * Validate `chaos:` (a list of steps). Every problem is returned with its path (`chaos[1].errorRate`).
 * `at` is a duration (`10s`, or a number of seconds) and steps must be in increasing order of `at`.
 */
export function parseChaosSchedule(raw: unknown, path = 'chaos'): { steps: ChaosStep[]; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const steps: ChaosStep[] = [];
  if (raw === undefined || raw === null) return { steps, issues };
  if (!Array.isArray(raw)) return { steps, issues: [{ path, message: 'expected a list of steps such as [{ at: 10s, errorRate: 10% }, { at: 25s, off: true }]' }] };
  let config = { ...CHAOS_OFF };
  let lastAt = -Infinity;
  raw.forEach((step: unknown, i) => {
    const p = `${path}[${i}]`;
    if (typeof step !== 'object' || step === null || Array.isArray(step)) {
      issues.push({ path: p, message: 'expected a mapping such as { at: 10s, errorRate: 10% }' });
      return;
    }
    const { at, ...patch } = step as Record<string, unknown>;
    const atMs = parseDurationMs(at);
    if (atMs === undefined) issues.push({ path: `${p}.at`, message: `required: a time into the run such as 10s (got ${JSON.stringify(at) ?? 'nothing'})` });
    else if (atMs / 1000 <= lastAt) issues.push({ path: `${p}.at`, message: `must be later than the previous step's ${lastAt} s (got ${atMs / 1000} s)` });
    if (Object.keys(patch).length === 0) issues.push({ path: p, message: 'a step needs a change: errorRate, resetRate, slowRate, slowMinMs, slowMaxMs or off: true' });
    const r = applyChaosPatch(config, patch);
    if (!r.ok) {
      for (const problem of r.problems) {
        const key = /^(\w+) /.exec(problem)?.[1];
        const unknown = /^unknown key "(\w+)"/.exec(problem)?.[1];
        const field = unknown ?? (key && key in patch ? key : undefined);
        issues.push({ path: field ? `${p}.${field}` : p, message: field && !unknown ? problem.slice(field.length + 1) : problem });
      }
    } else config = r.config;
    if (atMs !== undefined) {
      lastAt = Math.max(lastAt, atMs / 1000);
      steps.push({ atSec: atMs / 1000, patch });
    }
  });
  return { steps: issues.length ? [] : steps, issues };
}

/** The windows with faults on, from the steps, for a run of `durationSec` seconds. */
export function chaosWindows(steps: readonly ChaosStep[], durationSec: number): ChaosWindow[] {
  const out: ChaosWindow[] = [];
  let config = { ...CHAOS_OFF };
  let openFrom: number | undefined;
  for (const s of steps) {
    if (s.atSec >= durationSec) break;
    const r = applyChaosPatch(config, s.patch);
    if (!r.ok) continue;
    if (openFrom !== undefined) out.push({ fromSec: openFrom, toSec: s.atSec, config });
    config = r.config;
    openFrom = chaosIsOff(config) ? undefined : s.atSec;
  }
  if (openFrom !== undefined) out.push({ fromSec: openFrom, toSec: durationSec, config });
  return out;
}
