import { describe, expect, it } from 'vitest';
import { assembleResult } from '../../src/results/assemble.js';
import { mergeResults } from '../../src/results/merge.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

describe('buildSummary (via assembleResult)', () => {
  it('counts every request and splits by endpoint', () => {
    const r = syntheticResult({
      endpoints: [
        { name: 'a', rps: 100, medianMs: 10 },
        { name: 'b', rps: 50, medianMs: 40, errorRate: 0.1 },
      ],
      seconds: 10,
    });
    expect(r.summary.total.count).toBe(1500);
    expect(r.summary.endpoints.map((e) => e.name)).toEqual(['a', 'b']);
    expect(r.summary.endpoints[0].achievedRate).toBe(100);
    expect(r.summary.total.achievedRate).toBe(150);
    // Log-normal median ≈ 10 ms (HDR 3 significant digits).
    expect(r.summary.endpoints[0].latencyMs.p50).toBeGreaterThan(8);
    expect(r.summary.endpoints[0].latencyMs.p50).toBeLessThan(12);
    const b = r.summary.endpoints[1];
    expect(b.errorRate).toBeCloseTo((b.errors.http5xx ?? 0) / 500, 10);
    expect(r.summary.warnings).toEqual([]);
  });
});

describe('summaryWarnings: abandoned requests', () => {
  /** A run whose last second has `n` requests of endpoint `a` sent but never completed (in flight at the end). */
  function withAbandoned(n: number, seed = 1, startEpochMs?: number) {
    const r = syntheticResult({ endpoints: [{ name: 'a', rps: 10, medianMs: 5 }], seconds: 3, seed, ...(startEpochMs ? { startEpochMs } : {}) });
    const last = r.intervals[r.intervals.length - 1].endpoints.a;
    last.scheduled += n;
    last.sent += n;
    return r;
  }

  it('are derived from the counters (sent − completed) whenever a summary is built', () => {
    const r = withAbandoned(3);
    const rebuilt = assembleResult({ profile: r.profile, environment: r.environment, run: r.run, intervals: r.intervals });
    expect(rebuilt.summary.total).toMatchObject({ sent: 33, count: 30 });
    expect(rebuilt.summary.warnings).toEqual([
      '3 requests were still in flight when the grace period ended and were ABANDONED: they count as sent, not as completed, and are missing from the latency percentiles.',
    ]);
  });

  it('survive merge, which rebuilds the summary from the intervals (counts add across shards)', () => {
    const merged = mergeResults([withAbandoned(3, 1), withAbandoned(4, 2)]);
    expect(merged.summary.total).toMatchObject({ sent: 67, count: 60 });
    expect(merged.summary.warnings.filter((w) => /ABANDONED/.test(w))).toEqual([
      '7 requests were still in flight when the grace period ended and were ABANDONED: they count as sent, not as completed, and are missing from the latency percentiles.',
    ]);
  });

  it('are singular for one request (and so are late and dropped counts)', () => {
    const r = withAbandoned(1);
    const last = r.intervals[r.intervals.length - 1].endpoints.a;
    last.late += 1;
    last.scheduled += 1;
    last.dropped += 1;
    const w = assembleResult({ profile: r.profile, environment: r.environment, run: r.run, intervals: r.intervals }).summary.warnings;
    expect(w[0]).toMatch(/^1 arrival \([\d.]+% of scheduled\) was DROPPED:/);
    expect(w[1]).toMatch(/^1 request \([\d.]+% of sent\) left LATE/);
    expect(w[2]).toBe('1 request was still in flight when the grace period ended and was ABANDONED: it counts as sent, not as completed, and is missing from the latency percentiles.');
  });

  it('are absent when every sent request completed', () => {
    const r = withAbandoned(0);
    expect(assembleResult({ profile: r.profile, environment: r.environment, run: r.run, intervals: r.intervals }).summary.warnings).toEqual([]);
  });
});
