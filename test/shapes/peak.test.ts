import { describe, expect, it } from 'vitest';
import { peakLevel } from '../../src/shapes/peak.js';
import { diurnalShape } from '../../src/shapes/diurnal.js';
import { stagesShape } from '../../src/shapes/stages.js';

const HOUR_MS = 3_600_000;

describe('issue 9 case 3: start-up work does not grow with the planned duration (peakLevel)', () => {
  it.each([
    ['876000h steady stages: exact, from the segments', () => stagesShape([{ durationMs: 876_000 * HOUR_MS, from: 5, to: 5, name: 'hold' }]), 5],
    ['a ramp 0 → 200 then down: exact', () => stagesShape([{ durationMs: 60_000, from: 0, to: 200, name: 'up' }, { durationMs: 60_000, from: 200, to: 10, name: 'down' }]), 200],
    ['876000h diurnal 1..5 per day: the peak, sampled a bounded number of times', () => diurnalShape({ min: 1, max: 5, periodMs: 24 * HOUR_MS, durationMs: 876_000 * HOUR_MS, phaseMs: 0 }), 5],
    ['one day diurnal 1..5: the peak at a phase boundary', () => diurnalShape({ min: 1, max: 5, periodMs: 24 * HOUR_MS, durationMs: 24 * HOUR_MS, phaseMs: 0 }), 5],
  ])('%s', (_name, make, expected) => {
    const started = performance.now();
    const peak = peakLevel(make());
    expect(performance.now() - started).toBeLessThan(2000); // was ~3·10¹⁰ samples for 876000h: a hang
    expect(peak).toBeGreaterThan(expected * 0.99);
    expect(peak).toBeLessThanOrEqual(expected + 1e-9);
  });
});
