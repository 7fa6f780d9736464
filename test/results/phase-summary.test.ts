import { describe, expect, it } from 'vitest';
import { summarisePhase } from '../../src/results/phase-summary.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

/** 20 s at 100 + 50 req/s: warmup [0, 5), steady [5, 15), cooldown [15, 20). */
function run() {
  return syntheticResult({
    endpoints: [
      { name: 'a', rps: 100, medianMs: 10 },
      { name: 'b', rps: 50, medianMs: 20 },
    ],
    seconds: 20,
    phases: [
      { name: 'warmup', startSec: 0, endSec: 5 },
      { name: 'steady', startSec: 5, endSec: 15 },
      { name: 'cooldown', startSec: 15, endSec: 20 },
    ],
  });
}

describe('summarisePhase', () => {
  it('aggregates only the intervals with t in [startSec, endSec), exactly, with rates per second of the phase', () => {
    const p = summarisePhase(run(), 'steady')!;
    expect(p).toMatchObject({ name: 'steady', durationSec: 10, intervals: 10 });
    expect(p.total).toMatchObject({ count: 1500, scheduled: 1500, sent: 1500, achievedRate: 150, targetRate: 150 });
    expect(p.endpoints.map((e) => [e.name, e.count, e.achievedRate])).toEqual([['a', 1000, 100], ['b', 500, 50]]);
  });

  it('the phases partition the run: their counts add up to the whole run', () => {
    const r = run();
    const counts = ['warmup', 'steady', 'cooldown'].map((n) => summarisePhase(r, n)!.total.count);
    expect(counts).toEqual([750, 1500, 750]);
    expect(counts.reduce((a, b) => a + b)).toBe(r.summary.total.count);
  });

  it('a name that recurs covers all of its spans', () => {
    const r = syntheticResult({
      endpoints: [{ name: 'a', rps: 10, medianMs: 5 }],
      seconds: 10,
      phases: [
        { name: 'rising', startSec: 0, endSec: 3 },
        { name: 'falling', startSec: 3, endSec: 6 },
        { name: 'rising', startSec: 6, endSec: 10 },
      ],
    });
    expect(summarisePhase(r, 'rising')).toMatchObject({ durationSec: 7, intervals: 7, total: { count: 70, achievedRate: 10 } });
  });

  it('an interrupted run: the duration is the phase\'s overlap with the run', () => {
    const r = run();
    r.run.durationMs = 12_000;
    r.intervals = r.intervals.filter((iv) => iv.t < 12);
    expect(summarisePhase(r, 'steady')).toMatchObject({ durationSec: 7, intervals: 7, total: { count: 1050, achievedRate: 150 } });
    expect(summarisePhase(r, 'cooldown')).toMatchObject({ durationSec: 0, intervals: 0, total: { count: 0, achievedRate: 0 } });
  });

  it('a run that starts mid-second: the first and last partial seconds belong to the run\'s phases (issue 14 trial: 838 of 1 000 requests)', () => {
    // 5 s from 12:00:00.635: intervals t = 0..5 are wall-clock seconds; t = 0 holds 0.365 s of the run, t = 5 holds 0.635 s.
    const r = syntheticResult({ endpoints: [{ name: 'a', rps: 10, medianMs: 5 }], seconds: 6, startEpochMs: Date.UTC(2026, 0, 1, 12, 0, 0) + 635, phases: [{ name: 'steady', startSec: 0, endSec: 5 }] });
    r.run.durationMs = 5000;
    expect(summarisePhase(r, 'steady')).toMatchObject({ intervals: 6, total: { count: 60 } });
    // Steps of 1 s: each interval goes to the step it mostly overlaps; together they hold every interval once.
    const steps = syntheticResult({ endpoints: [{ name: 'a', rps: 10, medianMs: 5 }], seconds: 6, startEpochMs: Date.UTC(2026, 0, 1, 12, 0, 0) + 635, phases: [0, 1, 2, 3, 4].map((i) => ({ name: `step-${i + 1}`, startSec: i, endSec: i + 1 })) });
    steps.run.durationMs = 5000;
    const got = [1, 2, 3, 4, 5].map((i) => summarisePhase(steps, `step-${i}`)!.intervals);
    // t = 0 covers [0, 0.365) and t = 1 covers [0.365, 1.365) (mid 0.865): both step-1; t = 5 covers [4.365, 5) → step-5.
    expect(got).toEqual([2, 1, 1, 1, 1]);
  });

  it('fractional phase bounds (--scale) take the seconds whose midpoint lies in [startSec, endSec)', () => {
    const r = syntheticResult({ endpoints: [{ name: 'a', rps: 10, medianMs: 5 }], seconds: 11, phases: [{ name: 'steady', startSec: 3.3, endSec: 9.3 }] });
    expect(summarisePhase(r, 'steady')).toMatchObject({ intervals: 6, total: { count: 60 } });
  });

  it('is undefined for a phase the run does not have', () => {
    expect(summarisePhase(run(), 'spike')).toBeUndefined();
  });
});
