import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linearRegression } from 'simple-statistics';
import { parseCsvTable } from '../../src/input/csv-table.js';
import { metricsFromTable } from '../../src/analysis/forecast-input.js';
import { firstCrossing, forecastMetric, formatEpoch, reachesWithin, type ForecastInput } from '../../src/analysis/forecast.js';
import { seeded } from '../helpers/synthetic-result.js';

const DAY = 86_400;
const JAN1 = Date.UTC(2024, 0, 1) / 1000;

/** Daily times from 2024-01-01. */
function days(n: number): number[] {
  return Array.from({ length: n }, (_, i) => JAN1 + i * DAY);
}

function gauss(seed: number): () => number {
  const r = seeded(seed);
  return () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function run(values: number[], threshold: number | undefined, extra: Partial<ForecastInput> = {}) {
  return forecastMetric({ metric: 'm', timesSec: days(values.length), values, threshold, horizonDays: 90, ...extra });
}

describe('exact linear data', () => {
  // y = 10 + 2x for x = 0..29 days; T = 100 → x* = (100 − 10)/2 = 45 → 2024-02-15, 16 days after day 29.
  const f = run(Array.from({ length: 30 }, (_, x) => 10 + 2 * x), 100);

  it('crosses on the exact date, with a zero-width band', () => {
    expect(f.trend.slope).toBeCloseTo(2, 12);
    expect(f.trend.r2).toBeCloseTo(1, 12);
    expect(f.model.kind).toBe('trend');
    expect(f.verdict).toBe('within-horizon');
    expect(f.crossing!.trend).toEqual({ status: 'within-horizon', daysFromLast: expect.closeTo(16, 9), epochSec: expect.closeTo(JAN1 + 45 * DAY, 3) });
    expect(formatEpoch(f.crossing!.trend.epochSec!, f.stepDays)).toBe('2024-02-15');
    expect(f.crossing!.earliest.daysFromLast).toBeCloseTo(16, 6);
    expect(f.crossing!.latest.daysFromLast).toBeCloseTo(16, 6);
    expect(f.seasonalityTests.map((t) => [t.period, t.significant])).toEqual([['weekly', false]]);
  });

  it('the highest forecast within the horizon is its end: 10 + 2·(29 + 90) = 248', () => {
    expect(f.horizonPeak.forecast.value).toBeCloseTo(248, 9);
    expect(f.horizonPeak.forecast.daysFromLast).toBeCloseTo(90, 9);
    expect(f.horizonPeak.upper.value).toBeCloseTo(248, 6);
  });

  it('hourly data: the crossing carries the time of day', () => {
    // y = 5 + 0.5 per hour → 12 per day; T = 200 → x* = 195/12 = 16.25 days = 2024-01-17 06:00 UTC.
    const times = Array.from({ length: 48 }, (_, h) => JAN1 + h * 3600);
    const g = forecastMetric({ metric: 'h', timesSec: times, values: times.map((_, h) => 5 + 0.5 * h), threshold: 200, horizonDays: 30 });
    expect(g.crossing!.trend.epochSec).toBeCloseTo(JAN1 + 16.25 * DAY, 3);
    expect(formatEpoch(g.crossing!.trend.epochSec!, g.stepDays)).toBe('2024-01-17 06:00 UTC');
  });
});

describe('verdicts', () => {
  const noise = gauss(7);
  const flatNoisy = Array.from({ length: 60 }, () => 40 + 5 * noise());
  it.each([
    ['falling', Array.from({ length: 30 }, (_, x) => 50 - 0.5 * x), 80, 'falling', 'never'],
    ['flat', Array.from({ length: 30 }, () => 50), 80, 'falling', 'never'],
    ['rising, crosses inside the horizon', Array.from({ length: 30 }, (_, x) => 50 + x), 80, 'within-horizon', 'within-horizon'],
    ['rising, crosses after the horizon', Array.from({ length: 30 }, (_, x) => 10 + 0.1 * x), 80, 'beyond-horizon', 'beyond-horizon'],
    ['already above', Array.from({ length: 30 }, (_, x) => 70 + x), 80, 'already-above', 'already'],
    ['no limit', Array.from({ length: 30 }, (_, x) => x), undefined, 'no-limit', undefined],
  ])('%s', (_name, values, T, verdict, trendStatus) => {
    const f = run(values, T);
    expect(f.verdict).toBe(verdict);
    expect(f.crossing?.trend.status).toBe(trendStatus);
  });

  it.each([
    // 50 + x crosses 80 at x = 30, 1 day after day 29
    ['crosses in 1 day', Array.from({ length: 30 }, (_, x) => 50 + x), 1, true],
    ['crosses in 1 day, window 0.5 days', Array.from({ length: 30 }, (_, x) => 50 + x), 0.5, false],
    ['already above', Array.from({ length: 30 }, (_, x) => 70 + x), 0, true],
    ['falling', Array.from({ length: 30 }, (_, x) => 79 - x), 1000, false],
    // 10 + 0.1x crosses at x = 700: 671 days after day 29, beyond the 90-day horizon
    ['beyond the horizon but inside the window', Array.from({ length: 30 }, (_, x) => 10 + 0.1 * x), 700, true],
  ])('reachesWithin: %s', (_n, values, days, want) => {
    expect(reachesWithin(run(values, 80), days)).toBe(want);
  });

  it('a slope that is positive but not significant says so', () => {
    // Guide-like CPU: normal(40, 5) with the fitted slope tilted to exactly +0.01/day:
    // se(b) = s/√Sxx ≈ 5/√17995 ≈ 0.037, so t ≈ 0.27 — far from significant.
    const b0 = run(flatNoisy, 80, { seasonality: 'none' }).trend.slope;
    const values = flatNoisy.map((v, i) => v + (0.01 - b0) * i);
    const f = run(values, 80, { seasonality: 'none' });
    expect(f.model.slopePerDay).toBeCloseTo(0.01, 9);
    expect(f.model.slopePUpward).toBeGreaterThan(0.3);
    expect(f.verdict).toBe('not-significant');
    expect(f.summary).toMatch(/no significant upward trend/);
  });

  it('a strong trend is significant: t > 10, p < 1e-10', () => {
    const f = run(flatNoisy.map((v, i) => v + 0.5 * i), 80);
    expect(f.model.slopeT).toBeGreaterThan(10);
    expect(f.model.slopePUpward).toBeLessThan(1e-10);
  });

  it.each([
    [5, /only 5 points/],
    [60, /weak fit/],
  ])('warns with %d points of noise', (n, warning) => {
    const f = run(flatNoisy.slice(0, n), 80);
    expect(f.warnings.join('\n')).toMatch(warning);
  });

  it('rejects fewer than 3 points and unsorted times', () => {
    expect(() => run([1, 2], 5)).toThrow(/at least 3/);
    expect(() => forecastMetric({ metric: 'm', timesSec: [3, 2, 1], values: [1, 2, 3], horizonDays: 1 })).toThrow(/increasing/);
  });
});

describe('prediction-band crossings match the closed form', () => {
  // Upper/lower band = a + b·x ± k·√(c + (x − x̄)²/Sxx), k = t·s, c = 1 + 1/n.
  // With u = x − x̄ and D = T − a − b·x̄: (b² − k²/Sxx)·u² − 2·D·b·u + D² − k²·c = 0.
  const noise = gauss(11);
  const values = Array.from({ length: 40 }, (_, x) => 30 + 0.6 * x + 3 * noise());
  const f = run(values, 100, { seasonality: 'none' });
  const { intercept: a, slope: b, xMean, sxx, n } = f.trend;
  const k = f.model.tCrit * f.model.s;
  const D = 100 - a - b * xMean;
  const A = b * b - (k * k) / sxx;
  const B = -2 * D * b;
  const C = D * D - k * k * (1 + 1 / n);
  const roots = [(-B - Math.sqrt(B * B - 4 * A * C)) / (2 * A), (-B + Math.sqrt(B * B - 4 * A * C)) / (2 * A)].map((u) => u + xMean);
  const upper = (x: number) => a + b * x + k * Math.sqrt(1 + 1 / n + (x - xMean) ** 2 / sxx);
  const xLast = 39;

  it('earliest = the root where the upper band meets T; latest = where the lower band does', () => {
    const upperRoot = roots.find((x) => Math.abs(upper(x) - 100) < 1e-6)!;
    const lowerRoot = roots.find((x) => x !== upperRoot)!;
    expect(f.crossing!.earliest.daysFromLast).toBeCloseTo(upperRoot - xLast, 6);
    expect(f.crossing!.latest.daysFromLast).toBeCloseTo(lowerRoot - xLast, 6);
    expect(upperRoot).toBeLessThan((100 - a) / b);
    expect(lowerRoot).toBeGreaterThan((100 - a) / b);
  });
});

describe('firstCrossing', () => {
  it.each([
    ['linear', (x: number) => x - 3.3, 0, 10, 0.5, 3.3],
    ['already', (x: number) => x + 1, 0, 10, 0.5, 0],
    ['never', (x: number) => -1 - x, 0, 10, 0.5, undefined],
    ['peak between grid points is missed only if narrower than the step', (x: number) => 1 - Math.abs(x - 5.1) * 10, 0, 10, 0.05, 5.0],
  ])('%s', (_n, g, from, to, step, want) => {
    const got = firstCrossing(g, from, to, step);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 8);
  });
});

describe("the guide's §17.5.1 model on profiles/metrics-daily.csv", () => {
  // The guide: slope, intercept = linregress(range(len(df)), df[metric]); days = (T − intercept)/slope − len(df).
  // Its x is the row index (= days since the first row for daily data) and it counts from one day past
  // the last row, so our "days after the last point" is the guide's days + 1.
  const table = parseCsvTable(readFileSync('profiles/metrics-daily.csv', 'utf8'), 'metrics-daily.csv');
  const series = metricsFromTable(table, undefined, [{ metric: 'cpu_avg', threshold: 80 }, { metric: 'memory_gb', threshold: 32 }]);

  it.each([
    ['cpu_avg', 80],
    ['memory_gb', 32],
  ])('%s: same line and the same crossing (or "never" for a falling trend)', (metric, T) => {
    const values = series.metrics.find((m) => m.metric === metric)!.values;
    const { m: slope, b: intercept } = linearRegression(values.map((v, i) => [i, v]));
    const f = forecastMetric({ metric, timesSec: series.timesSec, values, threshold: T, horizonDays: 90, seasonality: 'none' });
    expect(f.trend.slope).toBeCloseTo(slope, 12);
    expect(f.trend.intercept).toBeCloseTo(intercept, 9);
    if (slope <= 0) {
      expect(f.verdict).toBe('falling');
    } else {
      const guideDays = (T - intercept) / slope - values.length;
      expect(f.crossing!.trend.daysFromLast).toBeCloseTo(guideDays + 1, 9);
    }
  });

  it('CPU: 90 rows, rising significantly, crossing 80 % inside 90 days; memory: never reaches 32 GB', () => {
    const [cpu, mem] = series.metrics.map((m) => forecastMetric({ metric: m.metric, timesSec: series.timesSec, values: m.values, threshold: m.threshold, horizonDays: 90 }));
    expect(series.timesSec).toHaveLength(90);
    expect(cpu.verdict).toBe('within-horizon');
    expect(cpu.model.kind).toBe('trend+seasonal');
    expect(mem.crossing!.trend.status).toBe('never');
    expect(['falling', 'not-significant']).toContain(mem.verdict);
  });
});
