import { describe, expect, it } from 'vitest';
import { parseRegression } from '../../src/gate/regression-expr.js';
import { parseScopedSlo } from '../../src/gate/slo-expr.js';

describe('parseRegression', () => {
  it.each([
    ['p99:+10%', { metric: 'p99', kind: 'relative', amount: 0.1 }],
    ['p99:10%', { metric: 'p99', kind: 'relative', amount: 0.1 }],
    ['p95:+20ms', { metric: 'p95', kind: 'absolute', amount: 20 }],
    ['p95:+0.5s', { metric: 'p95', kind: 'absolute', amount: 500 }],
    ['p99.9:+250us', { metric: 'p999', kind: 'absolute', amount: 0.25 }],
    ['rps:-5%', { metric: 'rps', kind: 'relative', amount: 0.05 }],
    ['throughput:-50', { metric: 'rps', kind: 'absolute', amount: 50 }],
    ['error_rate:+0.5pp', { metric: 'error_rate', kind: 'absolute', amount: 0.005 }],
    ['popular:p99:+15%', { scope: 'popular', metric: 'p99', kind: 'relative', amount: 0.15 }],
    ['GET /a:b:p50:+1%', { scope: 'GET /a:b', metric: 'p50', kind: 'relative', amount: 0.01 }],
  ])('%s', (src, want) => {
    const r = parseRegression(src);
    expect(r).toMatchObject(want);
    if (!('error' in r)) expect(r.amount).toBeCloseTo(want.amount, 12);
    if (!('scope' in want)) expect(r).not.toHaveProperty('scope');
  });

  it.each([
    ['p99<10%', /expected \[ENDPOINT:\]METRIC:±AMOUNT/],
    ['p98:+10%', /unknown metric "p98"/],
    ['p99:-10%', /regression of p99 is an increase; write p99:\+10%/],
    ['rps:+5%', /regression of rps is a decrease; write rps:-5%/],
    ['p99:+10', /relative \(\+10%\) or absolute \(\+20ms\)/],
    ['error_rate:+1%', /percentage points/],
    ['rps:-5ms', /rps takes/],
  ])('refuses %s', (src, message) => {
    const r = parseRegression(src);
    expect('error' in r && r.error).toMatch(message);
  });
});

describe('parseScopedSlo', () => {
  it.each([
    ['p99<200ms', undefined, 'p99', 200],
    ['popular:p95<=150ms', 'popular', 'p95', 150],
    ['total:error_rate<1%', 'total', 'error_rate', 0.01],
  ])('%s', (src, scope, metric, value) => {
    const r = parseScopedSlo(src);
    expect(r).toMatchObject({ metric, value });
    expect((r as { scope?: string }).scope).toBe(scope);
  });

  it.each([
    [':p99<1ms', /empty endpoint/],
    ['a:p99 200ms', /not an SLO expression/],
  ])('refuses %s', (src, message) => {
    const r = parseScopedSlo(src);
    expect('error' in r && r.error).toMatch(message);
  });
});
