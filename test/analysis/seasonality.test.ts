import { describe, expect, it } from 'vitest';
import { candidateTerms, fitSeasonalModel, testSeasonalTerm, termFor } from '../../src/analysis/seasonality.js';
import { fitLine, fitOls } from '../../src/analysis/regression.js';
import { forecastMetric } from '../../src/analysis/forecast.js';
import { seeded } from '../helpers/synthetic-result.js';

const DAY = 86_400;
const JAN1 = Date.UTC(2024, 0, 1) / 1000; // a Monday

function gauss(seed: number): () => number {
  const r = seeded(seed);
  return () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** Daily series: 20 + 0.3·x, +10 every Monday (a sharp weekly peak), noise σ = 0.5. */
function mondayPeaks(nDays: number, seed: number): number[] {
  const z = gauss(seed);
  return Array.from({ length: nDays }, (_, x) => 20 + 0.3 * x + (x % 7 === 0 ? 10 : 0) + 0.5 * z());
}

describe('candidate cycles', () => {
  it.each([
    ['hourly, 14 days', 1 / 24, 14 * 24, [['daily', 3]]],
    ['hourly, 28 days', 1 / 24, 28 * 24, [['daily', 3], ['weekly', 3]]],
    ['daily, 90 days', 1, 90, [['weekly', 3]]],
    ['daily, 14 days (fewer than 3 weeks)', 1, 14, []],
    ['every 8 hours, 10 days (3 per day: K = 1)', 1 / 3, 30, [['daily', 1]]],
    ['weekly data', 7, 52, []],
  ])('%s', (_name, stepDays, n, want) => {
    const x = Array.from({ length: n as number }, (_, i) => i * (stepDays as number));
    expect(candidateTerms(x).map((t) => [t.period, t.harmonics])).toEqual(want);
  });

  it('needs 3 samples per cycle', () => {
    expect(termFor('daily', 0.5)).toBeUndefined();
    expect(termFor('weekly', 1)).toEqual({ period: 'weekly', periodDays: 7, harmonics: 3 });
  });
});

describe('weekly harmonics (K = 3 on daily data) equal six day-of-week dummies', () => {
  it('gives the same SSE as trend + dummies fitted independently', () => {
    const y = mondayPeaks(70, 3);
    const x = y.map((_, i) => i);
    const harmonic = fitSeasonalModel(x, y, [termFor('weekly', 1)!]);
    const dummies = fitOls(
      x.map((xi) => [1, xi, ...[1, 2, 3, 4, 5, 6].map((d) => (xi % 7 === d ? 1 : 0))]),
      y,
    );
    expect(harmonic.fit.sse).toBeCloseTo(dummies.sse, 8);
    expect(harmonic.fit.df).toBe(dummies.df);
    expect(harmonic.slopePerDay).toBeCloseTo(dummies.beta[1], 10);
  });
});

describe('F-test', () => {
  it.each([
    ['sharp weekly peaks', mondayPeaks(84, 5), true],
    ['pure noise', Array.from({ length: 84 }, gauss(9)), false],
  ])('%s', (_n, y, want) => {
    const x = y.map((_, i) => i);
    const trend = fitLine(x, y);
    const t = testSeasonalTerm(x, y, termFor('weekly', 1)!, [], trend.sse, 0.05);
    // F = ((SSE_without − SSE_with)/6)/(SSE_with/(84 − 8))
    expect(t.df1).toBe(6);
    expect(t.df2).toBe(76);
    expect(t.sseWithout).toBe(trend.sse);
    expect(t.f).toBeCloseTo((t.sseWithout - t.sseWith) / 6 / (t.sseWith / 76), 9);
    expect(t.significant).toBe(want);
  });

  it('detects a daily cycle in hourly data', () => {
    const z = gauss(21);
    const times = Array.from({ length: 14 * 24 }, (_, h) => JAN1 + h * 3600);
    const values = times.map((_, h) => 50 + 0.02 * h + 8 * Math.sin((2 * Math.PI * h) / 24) + z());
    const f = forecastMetric({ metric: 'cpu', timesSec: times, values, threshold: 70, horizonDays: 30 });
    expect(f.seasonalityTests.map((t) => [t.period, t.significant])).toEqual([['daily', true]]);
    expect(f.model.kind).toBe('trend+seasonal');
    expect(f.model.peakAmplitude).toBeGreaterThan(7);
    expect(f.model.peakAmplitude).toBeLessThan(9);
  });
});

describe('cycles are tested one at a time, each against the model so far', () => {
  // 4 weeks hourly: a strong daily cycle (±1200) and a 10 % weekend dip, noise σ = 100.
  const z = gauss(31);
  const times = Array.from({ length: 28 * 24 }, (_, h) => JAN1 + h * 3600);
  const values = times.map((t, h) => {
    const dow = new Date(t * 1000).getUTCDay();
    return (2500 + (15 * h) / 24 + 1200 * Math.cos((2 * Math.PI * (h % 24 - 14)) / 24)) * (dow === 0 || dow === 6 ? 0.9 : 1) + 100 * z();
  });
  const f = forecastMetric({ metric: 'rps', timesSec: times, values, horizonDays: 30 });

  it('tests weekly after daily, against trend + daily, and keeps both', () => {
    expect(f.seasonalityTests.map((t) => [t.period, t.base, t.significant])).toEqual([
      ['daily', [], true],
      ['weekly', ['daily'], true],
    ]);
    expect(f.seasonalityTests[1].sseWithout).toBe(f.seasonalityTests[0].sseWith);
  });

  it('the weekly F is far larger against trend + daily than against the plain trend, where the daily cycle swamps it', () => {
    const x = times.map((t) => (t - JAN1) / DAY);
    const alone = testSeasonalTerm(x, values, termFor('weekly', 1 / 24)!, [], fitLine(x, values).sse, 0.05);
    expect(f.seasonalityTests[1].f).toBeGreaterThan(10 * alone.f);
  });

  it('the highest forecast over the horizon sits at a daily peak; the upper bound is above it', () => {
    const { forecast, upper } = f.horizonPeak;
    const hourOfDay = ((forecast.epochSec / 3600) % 24 + 24) % 24;
    expect(Math.abs(hourOfDay - 14)).toBeLessThan(1);
    expect(upper.value).toBeGreaterThan(forecast.value);
  });
});

describe('forecasting a weekly-seasonal series', () => {
  const history = mondayPeaks(84, 5); // 12 weeks of history
  const future = mondayPeaks(84 + 56, 5).slice(84); // same process, next 8 weeks (same seed → same first 84 draws)
  const times = Array.from({ length: 84 }, (_, i) => JAN1 + i * DAY);
  const f = forecastMetric({ metric: 'load', timesSec: times, values: history, threshold: 60, horizonDays: 90 });
  const plain = forecastMetric({ metric: 'load', timesSec: times, values: history, threshold: 60, horizonDays: 90, seasonality: 'none' });
  const seasonalModel = fitSeasonalModel(times.map((_, i) => i), history, f.model.terms);
  const plainModel = fitSeasonalModel(times.map((_, i) => i), history, []);
  const mondays = future.map((v, j) => ({ x: 84 + j, v })).filter(({ x }) => x % 7 === 0);

  it('uses trend + weekly terms, with a smaller residual s than the plain trend', () => {
    expect(f.model.kind).toBe('trend+seasonal');
    expect(f.model.s).toBeLessThan(plain.model.s / 3);
  });

  it("the plain trend's 95% interval is too narrow for the peaks: every future Monday lies above it", () => {
    const inside = (m: typeof plainModel, x: number, v: number) => Math.abs(v - m.meanAt(x)) <= m.halfWidthAt(x, 0.95);
    expect(mondays.length).toBe(8);
    for (const { x, v } of mondays) expect(v).toBeGreaterThan(plainModel.meanAt(x) + plainModel.halfWidthAt(x, 0.95));
    // The seasonal model's band holds most future points, Mondays included (nominal 95%).
    const all = future.map((v, j) => ({ x: 84 + j, v }));
    expect(all.filter(({ x, v }) => inside(seasonalModel, x, v)).length / all.length).toBeGreaterThan(0.85);
    expect(mondays.filter(({ x, v }) => inside(seasonalModel, x, v)).length).toBeGreaterThanOrEqual(6);
  });

  it('the seasonal peaks cross before the trend level, and earlier than the plain band claims', () => {
    const c = f.crossing!;
    expect(c.peak!.daysFromLast!).toBeLessThan(c.trend.daysFromLast!);
    expect(c.earliest.daysFromLast!).toBeLessThan(c.plainTrendEarliest!.daysFromLast!);
    // the seasonal peak lands on a Monday (x ≡ 0 mod 7) or just before it
    const peakX = 83 + c.peak!.daysFromLast!;
    expect(Math.abs(peakX - 7 * Math.round(peakX / 7))).toBeLessThan(0.5);
    expect(f.summary).toMatch(/^seasonal peaks reach 60 in/);
  });
});
