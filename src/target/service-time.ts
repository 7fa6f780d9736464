import type { ServiceDistribution, ServiceTimeSpec } from './types.js';

/** Log-normal spread used by the `lognormal` distribution (σ of ln X). */
export const LOGNORMAL_SIGMA = 0.5;

/**
 * A sampler of service times in ms with the given mean.
 * - constant:    s = mean
 * - exponential: s = −mean · ln(1 − u),                 u ~ U[0,1)
 * - lognormal:   s = exp(μ + σ·z), μ = ln(mean) − σ²/2   (so E[s] = mean), z ~ N(0,1) by Box–Muller
 */
export function serviceSampler(distribution: ServiceDistribution, rnd: () => number): (meanMs: number) => number {
  switch (distribution) {
    case 'constant':
      return (mean) => mean;
    case 'exponential':
      return (mean) => -mean * Math.log(1 - rnd());
    case 'lognormal':
      return (mean) => {
        const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
        return Math.exp(Math.log(mean) - (LOGNORMAL_SIGMA * LOGNORMAL_SIGMA) / 2 + LOGNORMAL_SIGMA * z);
      };
  }
}

/** Default mean service time (ms) when a per-endpoint map has no `'*'` entry. */
export const DEFAULT_SERVICE_TIME_MS = 5;

/**
 * Resolve the mean service time (ms) of an endpoint key like `"GET /item"`:
 * a number applies to all; a map is looked up by key, then `'*'`, then 5 ms.
 */
export function meanServiceTimeMs(spec: ServiceTimeSpec, key: string): number {
  if (typeof spec === 'number') return spec;
  return spec[key] ?? spec['*'] ?? DEFAULT_SERVICE_TIME_MS;
}

/** The default (`'*'`) mean service time in ms of a spec. */
export function defaultServiceTimeMs(spec: ServiceTimeSpec): number {
  return typeof spec === 'number' ? spec : (spec['*'] ?? DEFAULT_SERVICE_TIME_MS);
}

/**
 * Nominal capacity in req/s: workers ÷ mean service time.
 * capacity = workers × 1000 / serviceTimeMs   (e.g. 64 × 1000 / 5 = 12 800 req/s)
 */
export function nominalCapacityPerSec(workers: number, serviceTimeMs: number): number {
  return (workers * 1000) / serviceTimeMs;
}
