/**
 * The start barrier of a sharded run: every shard starts its schedule (t = 0) at one agreed
 * wall-clock instant, so their 1-second intervals line up and the union of what they send is the
 * one-machine plan in time as well as in count. Pure: the clock is passed in.
 *
 * A shard that is ready after the instant does NOT shift its schedule: t = 0 stays the agreed
 * instant, so arrivals that are already due are sent at once and counted `late` (or `dropped` past
 * the lag limit), and their latency is measured from the intended time. Shifting would quietly move
 * that shard's load against the others'.
 */
import type { Parsed } from './spec.js';

/**
 * A shard ready more than this long after the agreed start is reported as late (ms). Clocks of
 * NTP-synchronised nodes agree within a few ms; 100 ms is where a late start shows in the first
 * second's latency percentiles of a service answering in tens of ms.
 */
export const START_TOLERANCE_MS = 100;

/** A start more than this far ahead is refused as a mistake (ms; 24 h). */
export const MAX_START_AHEAD_MS = 86_400_000;

/** Epoch values below this are read as seconds given by mistake (1e11 ms is 1973-03-03; 1e11 s is the year 5138). */
const SMALLEST_EPOCH_MS = 1e11;

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parse a start instant: ISO 8601 with a time zone (`2026-11-29T21:30:00Z`, `…+01:00`) or Unix
 * epoch milliseconds (`1764451800000`). Returns epoch ms.
 */
export function parseStartAt(text: string): Parsed<number> {
  const s = text.trim();
  const expected = 'an ISO 8601 time with a time zone (e.g. 2026-11-29T21:30:00Z) or Unix epoch milliseconds';
  if (/^\d+$/.test(s)) {
    const ms = Number(s);
    if (ms < SMALLEST_EPOCH_MS) return { ok: false, expected: `${expected}; this looks like epoch seconds: multiply by 1000` };
    return { ok: true, value: ms };
  }
  if (!ISO_WITH_ZONE.test(s)) {
    const noZone = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(s);
    return { ok: false, expected: noZone ? `${expected}; add a zone such as Z: a time without one means a different instant on each machine` : expected };
  }
  const ms = Date.parse(s);
  // Date.parse rolls impossible dates over (2026-02-30 → March 2): check the calendar date.
  const [y, mo, d] = s.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (!Number.isFinite(ms) || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return { ok: false, expected: `${expected}; that date does not exist` };
  return { ok: true, value: ms };
}

/** What a shard does at its barrier. */
export type StartDecision =
  /** Start on time: wait `delayMs` (≥ 0), then t = 0 is the agreed instant. */
  | { kind: 'wait'; delayMs: number }
  /** Ready `lateMs` after the instant (more than the tolerance): start now, t = 0 stays the agreed instant; record and warn. */
  | { kind: 'late'; lateMs: number }
  /** The whole planned run was over before this shard was ready: nothing it could send would be on time. */
  | { kind: 'missed'; lateMs: number }
  /** The instant is more than {@link MAX_START_AHEAD_MS} ahead: refuse (a wrong date or unit). */
  | { kind: 'too-far'; aheadMs: number };

/**
 * Decide at `nowMs` (epoch ms, the moment every worker is ready) how to meet the agreed start:
 *   lateness = now − startAt
 *   lateness ≤ tolerance                 → wait max(0, −lateness)
 *   tolerance < lateness < planned       → late (start at once, schedule anchored at startAt)
 *   lateness ≥ planned duration          → missed
 *   −lateness > MAX_START_AHEAD_MS       → too-far
 */
export function decideStart(startAtMs: number, nowMs: number, plannedDurationMs: number, toleranceMs = START_TOLERANCE_MS): StartDecision {
  const lateMs = nowMs - startAtMs;
  if (-lateMs > MAX_START_AHEAD_MS) return { kind: 'too-far', aheadMs: -lateMs };
  if (lateMs <= toleranceMs) return { kind: 'wait', delayMs: Math.max(0, -lateMs) };
  if (lateMs >= plannedDurationMs) return { kind: 'missed', lateMs };
  return { kind: 'late', lateMs };
}
