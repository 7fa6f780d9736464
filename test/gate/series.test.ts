import { describe, expect, it } from 'vitest';
import { buildSeries, percentileOfBins, percentileOfDense, wholeSeconds } from '../../src/gate/series.js';
import { percentileResampler, meanResampler } from '../../src/gate/resample.js';
import { decodeHistogram } from '../../src/results/histogram.js';
import { splitMix32 } from '../../src/stats/random.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

const result = syntheticResult({
  endpoints: [
    { name: 'fast', rps: 60, medianMs: 5, errorRate: 0.05 },
    { name: 'slow', rps: 20, medianMs: 40, sigma: 0.6 },
  ],
  seconds: 12,
  seed: 11,
  slowdown: { from: 6, to: 12, factor: 1.5 },
});
const series = buildSeries(result);

describe('buildSeries', () => {
  it('has total and every endpoint, with per-second counts matching the intervals', () => {
    expect([...series.keys()].sort()).toEqual(['fast', 'slow', 'total']);
    const total = series.get('total')!;
    expect([...total.completed]).toEqual(result.intervals.map((iv) => iv.endpoints.fast.completed + iv.endpoints.slow.completed));
    expect([...series.get('fast')!.failures]).toEqual(result.intervals.map((iv) => iv.endpoints.fast.errors.http5xx ?? 0));
    expect(total.latency.map((b) => b.total)).toEqual([...total.completed]);
  });

  it.each([50, 90, 99, 99.9])('per-second p%s from buckets equals HdrHistogram getValueAtPercentile', (p) => {
    const fast = series.get('fast')!;
    result.intervals.forEach((iv, t) => {
      const h = decodeHistogram(iv.endpoints.fast.latency);
      expect(percentileOfBins(fast.latency[t], fast.binHighUs, p)).toBe(h.getValueAtPercentile(p));
      h.destroy();
    });
  });

  it.each([
    ['total', 'p99', 99],
    ['total', 'p50', 50],
    ['slow', 'p999', 99.9],
  ] as const)('all seconds merged give the summary %s %s', (scope, key, p) => {
    const s = series.get(scope)!;
    const all = Int32Array.from(s.latency.keys());
    expect(Math.round(percentileResampler(s, p)(all) * 1000) / 1000).toBe(s.summary.latencyMs[key]);
  });

  it('the windowed resampler equals the full merge of the drawn seconds (random resamples)', () => {
    const s = series.get('total')!;
    const rnd = splitMix32(5);
    for (const p of [50, 95, 99, 99.9]) {
      const f = percentileResampler(s, p);
      for (let r = 0; r < 200; r++) {
        const idx = Int32Array.from({ length: s.latency.length }, () => Math.floor(rnd() * s.latency.length));
        const dense = new Float64Array(s.binHighUs.length);
        let total = 0;
        for (const t of idx) {
          const b = s.latency[t];
          b.ids.forEach((id, k) => (dense[id] += b.counts[k]));
          total += b.total;
        }
        expect(f(idx)).toBe(percentileOfDense(dense, total, s.binHighUs, p) / 1000);
      }
    }
  });

  it('mean resampler over all seconds is close to the summary mean', () => {
    const s = series.get('fast')!;
    const m = meanResampler(s)(Int32Array.from(s.latency.keys()));
    expect(Math.abs(m - s.summary.latencyMs.mean) / s.summary.latencyMs.mean).toBeLessThan(0.002);
  });

  it('an empty result gives empty series', () => {
    const empty = syntheticResult({ endpoints: [{ name: 'x', rps: 0, medianMs: 1 }], seconds: 2 });
    const s = buildSeries(empty).get('total')!;
    expect(s.latency.every((b) => b.total === 0)).toBe(true);
    expect(Number.isNaN(percentileResampler(s, 99)(Int32Array.from([0, 1])))).toBe(true);
  });
});

describe('wholeSeconds', () => {
  const at = (offsetMs: number, seconds: number, durationMs: number) => {
    const r = syntheticResult({ endpoints: [{ name: 'a', rps: 5, medianMs: 5 }], seconds, seed: 1, startEpochMs: Date.UTC(2026, 0, 1) + offsetMs });
    r.run.durationMs = durationMs;
    return [...wholeSeconds(r)];
  };
  it.each([
    ['aligned start and end: every second', 0, 5, 5000, [0, 1, 2, 3, 4]],
    ['started mid-second (10 s run, 11 intervals): first and last left out', 700, 11, 10_000, [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['within 1 ms of the second counts as whole', 0.5, 4, 4000.4, [0, 1, 2, 3]],
    ['ended early: the last interval is partial', 0, 5, 4500, [0, 1, 2, 3]],
    ['fewer than 3 whole seconds: every interval', 300, 3, 2000, [0, 1, 2]],
  ] as const)('%s', (_name, offset, seconds, duration, expected) => {
    expect(at(offset, seconds, duration)).toEqual(expected);
  });
});
