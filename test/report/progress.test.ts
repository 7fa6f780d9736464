/** The live progress line: a whole second shows rates; a part-second (the first, the one holding the end, the grace period) shows counts. */
import { describe, expect, it } from 'vitest';
import { isWholeSecond, progressBarLine, progressLine } from '../../src/report/progress.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

// 12 intervals of one endpoint at 100 req/s; `t` is set per case (the records differ only in their counts).
const intervals = syntheticResult({ name: 'p', seconds: 12, seed: 3, endpoints: [{ name: 'read', rps: 100, medianMs: 5 }] }).intervals;
const at = (t: number, targetLevel = 100) => ({ ...intervals[t], t, targetLevel, activeUsers: 36 });

describe('isWholeSecond: interval t covers [t − f, t + 1 − f) of [0, total] for an unknown f ∈ [0, 1)', () => {
  it.each([
    [0, 10, false], // the first second holds 1 − f s
    [1, 10, true],
    [9, 10, true], // [9 − f, 10 − f) lies inside the run whatever f is
    [10, 10, false], // holds the end: f s of the run, then the grace period
    [11, 10, false], // grace period only
    [2, 3.5, true],
    [3, 3.5, false], // [3 − f, 4 − f) reaches past 3.5 s when f < 0.5
    [44, 45.000000000000007, true], // float noise of a scaled duration
    [44, 44.99999999999999, true],
  ])('t = %d of %d s → %s', (t, total, whole) => {
    expect(isWholeSecond(t, total)).toBe(whole);
  });
});

describe('progress line: rates only over whole seconds', () => {
  it.each<[string, number, number, 'open' | 'closed', RegExp]>([
    ['the first part-second (open): counts', 0, 10, 'open', /\] part-second: target 60, achieved \d+ {2}p99 [\d.]+ ms {2}errors \d+ {2}dropped 0$/],
    ['a whole second (open): rates', 4, 10, 'open', /\] target 100\/s {2}achieved \d+\/s {2}p99 /],
    ['the second holding the end (open): counts', 10, 10, 'open', /\] part-second: target 60, achieved \d+ {2}p99 /],
    ['the first part-second (closed): users, then counts', 0, 10, 'closed', /\] users 36 \(target 60\) {2}part-second: achieved \d+ {2}p99 /],
    ['a whole second (closed)', 4, 10, 'closed', /\] users 36 \(target 60\) {2}achieved \d+\/s {2}p99 /],
  ])('%s', (_n, t, total, model, want) => {
    const iv = at(t, t === 4 && model === 'open' ? 100 : 60);
    expect(progressLine(t + 1, total, iv, model)).toMatch(want);
    expect(progressBarLine(t + 1, total, iv, model, 300)).toMatch(new RegExp(want.source.replace(/^\\\] /, 'ETA [^ ]+ s {2}')));
    if (!isWholeSecond(t, total)) expect(progressLine(t + 1, total, iv, model)).not.toMatch(/\/s/);
  });
});
