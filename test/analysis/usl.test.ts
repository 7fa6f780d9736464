import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseCsvTable, numericColumn } from '../../src/input/csv-table.js';
import { fitUsl, linearisedStart, uslThroughput, type UslPoint } from '../../src/analysis/usl.js';
import { CapplanError } from '../../src/errors.js';

function dataset(file: string, nCol: string): UslPoint[] {
  const table = parseCsvTable(readFileSync(file, 'utf8'), file);
  const n = numericColumn(table, nCol);
  const x = numericColumn(table, 'throughput');
  return n.map((ni, i) => ({ n: ni, x: x[i] }));
}

const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('fitUsl on published datasets', () => {
  // SPEC SDM91 (Sun SPARCcenter 2000), shipped by the R package "usl" (smoeding/usl) as specsdm91.
  // Published: tests/summary.Rout.save — alpha 2.773e-02 (SE 9.122e-03), beta 1.044e-04 (SE 1.988e-05),
  // gamma 9.000e+01 (SE 1.421e+01), residual standard error 82.85 on 4 df, R² 0.9896;
  // tests/peak-scalability.Rout.save — peak 97 (2 significant digits).
  const spec = fitUsl(dataset('profiles/usl-specsdm91.csv', 'load'));

  it.each([
    ['σ', spec.sigma.value, 2.773e-2],
    ['κ', spec.kappa.value, 1.044e-4],
    ['λ', spec.lambda.value, 90.0],
  ])('specsdm91 %s within 1%% of the published value', (_name, actual, expected) => {
    expect(rel(actual, expected)).toBeLessThan(0.01);
  });

  it.each([
    ['SE σ', spec.sigma.stdError!, 9.122e-3],
    ['SE κ', spec.kappa.stdError!, 1.988e-5],
    ['SE λ', spec.lambda.stdError!, 14.21],
    ['residual standard error', spec.residualStdError!, 82.85],
    ['R²', spec.rSquared, 0.9896],
  ])('specsdm91 %s matches the published value to 4 digits', (_name, actual, expected) => {
    expect(rel(actual, expected)).toBeLessThan(5e-4);
  });

  it('specsdm91 peak is at N ≈ 97 with X(N*) from the model, limited by a significant κ', () => {
    expect(spec.kappaSignificant).toBe(true);
    expect(Number(spec.peak!.concurrency.toPrecision(2))).toBe(97);
    expect(spec.peak!.throughput).toBeCloseTo(uslThroughput({ sigma: spec.sigma.value, kappa: spec.kappa.value, lambda: spec.lambda.value }, spec.peak!.concurrency), 9);
    expect(spec.dof).toBe(4);
    expect(spec.warnings).toEqual([]);
  });

  it("specsdm91 linearised start reproduces Gunther's transform as published by usl 1.x (README: sigma 1.705e-02, kappa 7.892e-05)", () => {
    const start = linearisedStart(dataset('profiles/usl-specsdm91.csv', 'load'));
    expect(rel(start.sigma, 1.705e-2)).toBeLessThan(1e-3);
    expect(rel(start.kappa, 7.892e-5)).toBeLessThan(1e-3);
    expect(start.lambda).toBe(64.9);
  });

  // Ray tracer benchmark (Gunther, Guerrilla Capacity Planning ch. 5), usl dataset raytracer.
  // Published: tests/confint.Rout.save — alpha 0.0578, beta 0.0000, gamma 21.8488.
  const ray = fitUsl(dataset('profiles/usl-raytracer.csv', 'processors'));

  it('raytracer: σ, λ within 1% and κ = 0, so no finite peak and the Amdahl ceiling λ/σ', () => {
    expect(rel(ray.sigma.value, 0.0578)).toBeLessThan(0.01);
    expect(rel(ray.lambda.value, 21.8488)).toBeLessThan(0.01);
    expect(ray.kappa.value).toBeLessThan(1e-9);
    expect(ray.kappaSignificant).toBe(false);
    expect(ray.peak).toBeNull();
    expect(ray.asymptoticThroughput).toBeCloseTo(ray.lambda.value / ray.sigma.value, 9);
    expect(ray.limitingTerm).toBe('contention');
    // the published interval for alpha is 0.0337..0.0819; ours (Jacobian with κ at its bound) must cover the estimate and be of that size
    expect(ray.sigma.ci![0]).toBeGreaterThan(0.02);
    expect(ray.sigma.ci![1]).toBeLessThan(0.095);
  });
});

describe('fitUsl properties', () => {
  const levels = [[1, 2, 4, 8, 16, 32, 64, 128], [2, 5, 10, 20, 40, 80], [1, 3, 9, 27, 81, 243, 729]];

  it('recovers the generating σ, κ, λ from noise-free data', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 2e-3, noNaN: true }),
        fc.double({ min: 0.5, max: 5000, noNaN: true }),
        fc.constantFrom(...levels),
        (sigma, kappa, lambda, ns) => {
          const pts = ns.map((n) => ({ n, x: uslThroughput({ sigma, kappa, lambda }, n) }));
          const f = fitUsl(pts);
          expect(Math.abs(f.sigma.value - sigma)).toBeLessThan(1e-6);
          expect(Math.abs(f.kappa.value - kappa)).toBeLessThan(1e-8);
          expect(rel(f.lambda.value, lambda)).toBeLessThan(1e-6);
          expect(f.rSquared).toBeGreaterThan(0.999999);
        },
      ),
      { numRuns: 60, seed: 4242 },
    );
  });

  it('finds the least-squares optimum: no (σ, κ) on a dense grid (λ solved exactly) beats it on noisy data', () => {
    // For fixed σ, κ the model is linear in λ: λ = Σ x·g / Σ g², g = N / (1 + σ(N−1) + κN(N−1)).
    const profileSse = (pts: UslPoint[], s: number, k: number) => {
      const g = pts.map((p) => p.n / (1 + s * (p.n - 1) + k * p.n * (p.n - 1)));
      const l = pts.reduce((a, p, i) => a + p.x * g[i], 0) / g.reduce((a, v) => a + v * v, 0);
      return pts.reduce((a, p, i) => a + (p.x - l * g[i]) ** 2, 0);
    };
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 1e-3, noNaN: true }),
        fc.array(fc.double({ min: -0.15, max: 0.15, noNaN: true }), { minLength: 8, maxLength: 8 }),
        (sigma, kappa, noise) => {
          const pts = [1, 2, 4, 8, 16, 32, 64, 128].map((n, i) => ({ n, x: uslThroughput({ sigma, kappa, lambda: 100 }, n) * (1 + noise[i]) }));
          let best = Infinity;
          for (let i = 0; i <= 100; i++) for (let j = 0; j <= 100; j++) best = Math.min(best, profileSse(pts, (i / 100) * 0.5, (j / 100) ** 2 * 5e-3));
          expect(fitUsl(pts).sse).toBeLessThanOrEqual(best * (1 + 1e-9));
        },
      ),
      { numRuns: 15, seed: 99 },
    );
  });

  it('is deterministic and independent of the input order', () => {
    const pts = dataset('profiles/usl-specsdm91.csv', 'load');
    expect(fitUsl([...pts].reverse())).toEqual(fitUsl(pts));
  });

  it('linear data (σ = κ = 0): no peak, no asymptote, nothing limits', () => {
    const f = fitUsl([1, 2, 4, 8, 16, 32].map((n) => ({ n, x: 50 * n })));
    expect(f.sigma.value).toBeLessThan(1e-9);
    expect(f.kappa.value).toBeLessThan(1e-12);
    expect(f.peak).toBeNull();
    expect(f.asymptoticThroughput).toBeNull();
    expect(f.limitingTerm).toBe('none');
  });

  it('never reports NaN or a huge N* when κ is not significant', () => {
    // Amdahl data with noise: κ may come out slightly > 0 but not significantly.
    const noise = [1.01, 0.98, 1.02, 0.99, 1.01, 0.98, 1.02, 0.99];
    const f = fitUsl([1, 2, 4, 8, 16, 32, 48, 64].map((n, i) => ({ n, x: uslThroughput({ sigma: 0.05, kappa: 0, lambda: 100 }, n) * noise[i] })));
    expect(f.peak).toBeNull();
    expect(Number.isFinite(f.asymptoticThroughput)).toBe(true);
    expect(JSON.stringify(f)).not.toContain('NaN');
  });
});

describe('fitUsl warnings and bad input', () => {
  it.each<[string, UslPoint[], RegExp]>([
    ['fewer than 6 points', [1, 2, 4, 8].map((n) => ({ n, x: uslThroughput({ sigma: 0.1, kappa: 0.01, lambda: 10 }, n) })), /only 4 points/],
    ['3 points: no standard errors', [1, 2, 4].map((n) => ({ n, x: 10 * n })), /no residual degrees of freedom/],
    ['a weak fit', [1, 2, 3, 4, 5, 6, 7, 8].map((n, i) => ({ n, x: i % 2 ? 100 : 10 })), /weak fit: R²/],
  ])('warns about %s', (_name, pts, re) => {
    expect(fitUsl(pts).warnings.join('\n')).toMatch(re);
  });

  it.each<[string, Array<{ n: number; x: number }>, RegExp]>([
    ['one point', [{ n: 1, x: 10 }], /at least 3 points.*got 1/],
    ['two points', [{ n: 1, x: 10 }, { n: 2, x: 19 }], /at least 3 points/],
    ['repeated concurrency', [{ n: 1, x: 10 }, { n: 1, x: 11 }, { n: 2, x: 19 }, { n: 2, x: 18 }], /3 distinct concurrency levels; got 2/],
    ['zero throughput', [{ n: 1, x: 10 }, { n: 2, x: 0 }, { n: 4, x: 30 }], /point 2: throughput must be a number > 0/],
    ['negative concurrency', [{ n: -1, x: 10 }, { n: 2, x: 20 }, { n: 4, x: 30 }], /point 1: concurrency must be a number > 0/],
    ['NaN', [{ n: 1, x: NaN }, { n: 2, x: 20 }, { n: 4, x: 30 }], /point 1: throughput/],
  ])('refuses %s with an exit-2 error', (_name, pts, re) => {
    let err: unknown;
    try {
      fitUsl(pts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CapplanError);
    expect((err as CapplanError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(re);
  });
});
