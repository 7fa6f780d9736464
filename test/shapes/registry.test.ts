import { describe, expect, it } from 'vitest';
import { buildShape, expandStages } from '../../src/shapes/registry.js';
import { SPECS, stage } from './fixtures.js';

/** Composite Simpson's rule of f over [a, b] with n (even) panels. */
function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += f(a + i * h) * (i % 2 === 1 ? 4 : 2);
  return (s * h) / 3;
}

describe('buildShape', () => {
  it.each(SPECS)('%s: numerical derivative of cumulative ≈ rate', (_name, spec) => {
    const shape = buildShape(spec);
    const h = 1e-4;
    for (let i = 1; i < 200; i++) {
      const t = (shape.durationSec * i) / 200 + 1e-3; // off the stage boundaries
      if (t + h >= shape.durationSec) continue;
      const d = (shape.cumulative(t + h) - shape.cumulative(t - h)) / (2 * h);
      expect(d).toBeCloseTo(shape.rate(t), 2);
    }
  });

  it.each(SPECS)('%s: cumulative equals the numerical integral of rate', (_name, spec) => {
    const shape = buildShape(spec);
    // Integrate stage by stage so kinks/jumps fall on panel edges; diurnal is smooth.
    const cuts = [0, ...shape.phases.map((p) => p.endSec)];
    for (let i = 1; i < cuts.length; i++) {
      const expected = simpson((x) => shape.rate(Math.min(x, cuts[i] - 1e-12)), cuts[i - 1], cuts[i], 400);
      const got = shape.cumulative(cuts[i]) - shape.cumulative(cuts[i - 1]);
      expect(got).toBeCloseTo(expected, 6);
    }
  });

  it('is zero outside [0, duration] and monotone', () => {
    for (const [, spec] of SPECS) {
      const s = buildShape(spec);
      expect(s.rate(-1)).toBe(0);
      expect(s.rate(s.durationSec + 1)).toBe(0);
      expect(s.cumulative(-1)).toBe(0);
      expect(s.cumulative(s.durationSec + 5)).toBe(s.cumulative(s.durationSec));
      let prev = 0;
      for (let t = 0; t <= s.durationSec; t += s.durationSec / 97) {
        const c = s.cumulative(t);
        expect(c).toBeGreaterThanOrEqual(prev);
        prev = c;
      }
    }
  });

  it.each([
    ['steady', { kind: 'steady', level: 200, durationMs: 60_000 }, 60, 12_000],
    ['ramp', { kind: 'ramp', from: 0, to: 500, durationMs: 120_000 }, 120, 30_000],
    ['step', { kind: 'step', from: 100, to: 500, steps: 5, stepDurationMs: 30_000 }, 150, 30 * (100 + 200 + 300 + 400 + 500)],
    ['spike', { kind: 'spike', base: 100, peak: 500, beforeMs: 30_000, riseMs: 10_000, holdMs: 60_000, fallMs: 10_000, afterMs: 30_000 }, 140, 3000 + 3000 + 30_000 + 3000 + 3000],
    ['diurnal whole periods', { kind: 'diurnal', min: 50, max: 500, periodMs: 600_000, durationMs: 1_200_000, phaseMs: 123_000 }, 1200, 1200 * 275],
  ] as const)('%s: duration and total match the closed form', (_n, spec, dur, total) => {
    const s = buildShape(spec);
    expect(s.durationSec).toBe(dur);
    expect(s.cumulative(dur)).toBeCloseTo(total, 6);
  });

  it('names phases: explicit names win, adjacent same names merge', () => {
    const s = buildShape({
      kind: 'stages',
      stages: [stage(1000, 0, 10, 'ramp-up'), stage(1000, 10, 10, 'hold'), stage(1000, 10, 10, 'hold'), stage(500, 10, 0, 'cool')],
    });
    expect(s.phases).toEqual([
      { name: 'ramp-up', startSec: 0, endSec: 1 },
      { name: 'hold', startSec: 1, endSec: 3 },
      { name: 'cool', startSec: 3, endSec: 3.5 },
    ]);
  });

  it('spike and step phases', () => {
    const spike = buildShape({ kind: 'spike', base: 1, peak: 5, beforeMs: 1000, riseMs: 0, holdMs: 2000, fallMs: 1000, afterMs: 1000 });
    expect(spike.phases.map((p) => p.name)).toEqual(['baseline', 'spike', 'spike-fall', 'recovery']);
    expect(spike.rate(1)).toBe(5); // zero-length rise: a jump; the later stage applies at the boundary
    expect(expandStages({ kind: 'step', from: 100, to: 500, steps: 5, stepDurationMs: 1 })!.map((s) => s.to)).toEqual([100, 200, 300, 400, 500]);
    expect(expandStages({ kind: 'step', from: 7, to: 9, steps: 1, stepDurationMs: 1 })!.map((s) => s.to)).toEqual([7]);
  });

  it('diurnal: closed form values and rising/falling phases', () => {
    const s = buildShape({ kind: 'diurnal', min: 50, max: 500, periodMs: 86_400_000, durationMs: 86_400_000, phaseMs: 0 });
    expect(s.rate(0)).toBeCloseTo(50, 9);
    expect(s.rate(43_200)).toBeCloseTo(500, 9);
    expect(s.rate(21_600)).toBeCloseTo(275, 9);
    // ∫₀^{P/2}: min·P/2 + (max−min)/2 · P/2 (the sine terms vanish).
    expect(s.cumulative(43_200)).toBeCloseTo(50 * 43_200 + 225 * 43_200, 4);
    expect(s.phases).toEqual([
      { name: 'rising', startSec: 0, endSec: 43_200 },
      { name: 'falling', startSec: 43_200, endSec: 86_400 },
    ]);
    const shifted = buildShape({ kind: 'diurnal', min: 0, max: 1, periodMs: 10_000, durationMs: 10_000, phaseMs: 7_000 });
    expect(shifted.phases.map((p) => [p.name, p.startSec, p.endSec])).toEqual([
      ['falling', 0, 3],
      ['rising', 3, 8],
      ['falling', 8, 10],
    ]);
  });

  it('an empty stage list is a zero-length shape', () => {
    const s = buildShape({ kind: 'stages', stages: [] });
    expect(s.durationSec).toBe(0);
    expect(s.cumulative(1)).toBe(0);
    expect(s.rate(0)).toBe(0);
  });
});
