import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitUsl } from '../../src/analysis/usl.js';
import { assessUslFit } from '../../src/sweep/usl-trust.js';

/** (n, x) points of a shipped CSV (header row, `#` comments). */
function csvPoints(name: string): Array<{ n: number; x: number }> {
  return readFileSync(join(import.meta.dirname, '../../profiles', name), 'utf8')
    .split('\n')
    .filter((l) => /^\d/.test(l))
    .map((l) => l.split(',').map(Number))
    .map(([n, x]) => ({ n, x }));
}

/** The README sweep: 4 workers × 10 ms = a hard cap at 400 req/s. */
const hardCap = [[1, 98], [2, 196], [4, 392], [8, 400], [16, 400], [32, 400]].map(([n, x]) => ({ n, x }));
/** Points on the USL with λ = 100, σ = 0.05, κ = 0.002 (a real retrograde peak at N* ≈ 21.8). */
const onUsl = [1, 2, 4, 8, 16, 32].map((n) => ({ n, x: Math.round((1000 * n) / (1 + 0.05 * (n - 1) + 0.002 * n * (n - 1))) / 10 }));

describe('assessUslFit', () => {
  it.each([
    // name, points, trusted, reasons, measured max (n, x), knee n
    ['hard cap at 400 req/s', hardCap, false, [/^flat top: concurrency 8, 16, 32 all within 3% of the maximum/, /^its ceiling 68\d\.\d\/s is 7\d% above the measured maximum 400\/s$/], [8, 400], 4],
    ['SPEC SDM91 (retrograde, good fit)', csvPoints('usl-specsdm91.csv'), true, [], [72, 1853.2], 72],
    ['ray tracer (still rising: λ/σ ≈ 378 vs 310 measured)', csvPoints('usl-raytracer.csv'), false, [/^its ceiling 378\.2\/s is 22% above the measured maximum 310\/s$/], [64, 310], 48],
    ['exact USL points with a peak', onUsl, true, [], [16, onUsl[4].x], 16],
  ] as const)('%s', (_name, points, trusted, reasons, [maxN, maxX], kneeN) => {
    const t = assessUslFit(fitUsl([...points]));
    expect(t.trusted).toBe(trusted);
    expect(t.reasons).toHaveLength(reasons.length);
    reasons.forEach((r, i) => expect(t.reasons[i]).toMatch(r));
    expect(t.measuredMax).toEqual({ concurrency: maxN, throughput: maxX });
    expect(t.knee.concurrency).toBe(kneeN);
  });

  it('distrusts a weak fit (R² < 0.9)', () => {
    const noisy = [[1, 100], [2, 40], [4, 160], [8, 60], [16, 150], [32, 90]].map(([n, x]) => ({ n, x }));
    const fit = fitUsl(noisy);
    expect(fit.rSquared).toBeLessThan(0.9);
    const t = assessUslFit(fit);
    expect(t.trusted).toBe(false);
    expect(t.reasons[0]).toMatch(/^R² = -?\d\.\d{1,4} < 0\.9$/);
  });
});
