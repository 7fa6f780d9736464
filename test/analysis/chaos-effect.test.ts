import { describe, expect, it } from 'vitest';
import { chaosEffects, type SecondStats } from '../../src/analysis/chaos-effect.js';

/** 30 s at 100 req/s: 1% errors and p99 20 ms, except a fault in [10, 15) (20% errors, p99 200 ms) and a slow tail until `recoverAt`. */
function run(recoverAt: number): SecondStats[] {
  return [...Array(30).keys()].map((t) => {
    const fault = t >= 10 && t < 15;
    const tail = t >= 15 && t < recoverAt;
    return { tSec: t, requests: 100, failures: fault ? 20 : 1, p99Ms: fault ? 200 : tail ? 60 : 20 };
  });
}

describe('chaosEffects', () => {
  it.each([
    [15, 0],
    [19, 4],
  ])('recovery at second %i → %i s after the window', (recoverAt, recoverySec) => {
    const [e] = chaosEffects(run(recoverAt), [{ fromSec: 10, toSec: 15 }]);
    expect(e).toEqual({ fromSec: 10, toSec: 15, errorRate: 0.2, p99Ms: 200, baselineErrorRate: 0.01, baselineP99Ms: 20, recoverySec });
  });

  it('never recovered → null; no baseline → null; the exact span p99 is used when given', () => {
    expect(chaosEffects(run(29), [{ fromSec: 10, toSec: 15 }])[0].recoverySec).toBeNull();
    expect(chaosEffects(run(15), [{ fromSec: 0, toSec: 15 }])[0].recoverySec).toBeNull();
    expect(chaosEffects(run(15), [{ fromSec: 10, toSec: 15 }], (a, b) => (a === 10 && b === 15 ? 123 : 20))[0].p99Ms).toBe(123);
    expect(chaosEffects(run(15), [])).toEqual([]);
  });

  it('a window that starts part-way into a second: that second is not in the baseline, it is in the window', () => {
    // the fault in [10.6, 15.6): second 10 holds 0.4 s of it (20 failures, p99 200 ms), second 15 too
    const secs = run(16).map((s) => (s.tSec === 15 ? { ...s, failures: 20, p99Ms: 200 } : s));
    const spans: Array<[number, number]> = [];
    const [e] = chaosEffects(secs, [{ fromSec: 10.6, toSec: 15.6 }], (a, b) => (spans.push([a, b]), null));
    expect(e.baselineErrorRate).toBe(0.01);
    expect(e.errorRate).toBe(0.2);
    // the baseline's exact p99 is asked for [0, 10): whole seconds that end by the fault's start
    expect(spans[0]).toEqual([0, 10]);
    const [m] = chaosEffects(secs, [{ fromSec: 10.6, toSec: 15.6 }]);
    expect(m.baselineP99Ms).toBe(20);
    expect(m.p99Ms).toBe(200);
  });
});
