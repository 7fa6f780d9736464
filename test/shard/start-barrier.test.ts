import { describe, expect, it } from 'vitest';
import { decideStart, MAX_START_AHEAD_MS, parseStartAt, START_TOLERANCE_MS } from '../../src/shard/start-barrier.js';

describe('parseStartAt', () => {
  it.each([
    ['2026-11-29T21:30:00Z', Date.UTC(2026, 10, 29, 21, 30, 0)],
    ['2026-11-29T21:30:00.250Z', Date.UTC(2026, 10, 29, 21, 30, 0, 250)],
    ['2026-11-29T22:30:00+01:00', Date.UTC(2026, 10, 29, 21, 30, 0)],
    ['2026-11-29T21:30Z', Date.UTC(2026, 10, 29, 21, 30, 0)],
    ['1764451800000', 1764451800000],
    [' 1764451800000 ', 1764451800000],
  ])('%j → %i', (text, ms) => {
    expect(parseStartAt(text)).toEqual({ ok: true, value: ms });
  });

  it.each([
    ['1764451800', /looks like epoch seconds: multiply by 1000/],
    ['2026-11-29T21:30:00', /add a zone such as Z/],
    ['2026-11-29', /ISO 8601 time with a time zone/],
    ['tomorrow', /ISO 8601/],
    ['2026-02-30T10:00:00Z', /does not exist|ISO/],
    ['-5', /ISO 8601/],
  ])('%j is refused: %s', (text, expected) => {
    const r = parseStartAt(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.expected).toMatch(expected);
  });
});

describe('decideStart', () => {
  const at = 1_764_451_800_000;
  const planned = 60_000;
  it.each([
    ['well ahead', at - 30_000, { kind: 'wait', delayMs: 30_000 }],
    ['exactly on time', at, { kind: 'wait', delayMs: 0 }],
    ['late within the tolerance', at + START_TOLERANCE_MS, { kind: 'wait', delayMs: 0 }],
    ['late past the tolerance', at + START_TOLERANCE_MS + 1, { kind: 'late', lateMs: START_TOLERANCE_MS + 1 }],
    ['late by most of the run', at + planned - 1, { kind: 'late', lateMs: planned - 1 }],
    ['after the whole run', at + planned, { kind: 'missed', lateMs: planned }],
    ['more than a day ahead', at - MAX_START_AHEAD_MS - 1, { kind: 'too-far', aheadMs: MAX_START_AHEAD_MS + 1 }],
    ['exactly a day ahead', at - MAX_START_AHEAD_MS, { kind: 'wait', delayMs: MAX_START_AHEAD_MS }],
  ])('%s', (_name, now, decision) => {
    expect(decideStart(at, now, planned)).toEqual(decision);
  });

  it('takes another tolerance', () => {
    expect(decideStart(1000, 1500, 10_000, 1000)).toEqual({ kind: 'wait', delayMs: 0 });
    expect(decideStart(1000, 1500, 10_000, 0)).toEqual({ kind: 'late', lateMs: 500 });
  });
});
