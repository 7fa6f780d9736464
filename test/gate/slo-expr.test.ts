import { describe, expect, it } from 'vitest';
import { evaluateSlo, NO_DATA, parseSlo, type SloExpr } from '../../src/gate/slo-expr.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

const slo = (s: string) => parseSlo(s) as SloExpr;

describe('evaluateSlo: a scope with no completed request', () => {
  // A run whose endpoint never completed anything: the summary holds zeros, which are not measurements.
  const empty = syntheticResult({ endpoints: [{ name: 'api', rps: 0, medianMs: 10 }], seconds: 3 }).summary.total;
  const busy = syntheticResult({ endpoints: [{ name: 'api', rps: 50, medianMs: 10 }], seconds: 3 }).summary.total;

  it.each([
    ['p99<100ms', false, NO_DATA],
    ['p50<=1s', false, NO_DATA],
    ['max<1s', false, NO_DATA],
    ['mean<100ms', false, NO_DATA],
    ['error_rate<1%', false, NO_DATA],
    ['count==0', true, undefined],
    ['rps<1000', true, undefined],
    ['dropped==0', true, undefined],
  ])('%s → pass %s', (expr, pass, problem) => {
    expect(empty.count).toBe(0);
    const r = evaluateSlo(slo(expr), empty);
    expect(r.pass).toBe(pass);
    expect(r.problem).toBe(problem);
    if (problem) expect(r.actual).toBeNaN();
  });

  it.each(['p99<100ms', 'error_rate<1%'])('%s is judged on its value when requests completed', (expr) => {
    expect(busy.count).toBeGreaterThan(0);
    expect(evaluateSlo(slo(expr), busy)).toEqual({ pass: true, actual: expect.any(Number) });
  });
});
