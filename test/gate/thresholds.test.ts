import { describe, expect, it } from 'vitest';
import chalk from 'chalk';
import { checkThresholds } from '../../src/gate/thresholds.js';
import { renderConsoleSummary } from '../../src/report/console.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildReportModel } from '../../src/report/model.js';
import { summarisePhase } from '../../src/results/phase-summary.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

const PHASES = [
  { name: 'warmup', startSec: 0, endSec: 5 },
  { name: 'steady', startSec: 5, endSec: 15 },
  { name: 'cooldown', startSec: 15, endSec: 20 },
];

const row = (c: ReturnType<typeof checkThresholds>[number]) => [c.scope, c.expr, c.pass];

describe('checkThresholds: SCOPE@PHASE keys evaluate only that phase', () => {
  it('a slow warm-up fails the whole run\'s p99 while the steady state passes', () => {
    // 20 s × 100 req/s; the first 5 s are 40× slower (median 400 ms instead of 10 ms).
    const r = syntheticResult({
      endpoints: [{ name: 'api', rps: 100, medianMs: 10 }],
      seconds: 20,
      phases: PHASES,
      slowdown: { from: 0, to: 5, factor: 40 },
      thresholds: { total: ['p99<100ms', 'count==2000'], 'total@steady': ['p99<100ms', 'count==1000', 'rps==100'], 'api@steady': ['p99<100ms'] },
    });
    const checks = checkThresholds(r);
    expect(checks.map(row)).toEqual([
      ['total', 'p99<100ms', false],
      ['total', 'count==2000', true],
      ['total@steady', 'p99<100ms', true],
      ['total@steady', 'count==1000', true],
      ['total@steady', 'rps==100', true],
      ['api@steady', 'p99<100ms', true],
    ]);
    // The measured values are the phase's own: 1000 requests in 10 s, p99 of the steady latencies only.
    expect(checks[0].actual).toBeGreaterThan(400);
    expect(checks[2].actual).toBe(summarisePhase(r, 'steady')!.total.latencyMs.p99);
    expect(checks[2].actual).toBeLessThan(40);
    expect(checks[5].actual).toBe(checks[2].actual);
  });

  it('and vice versa: a stall inside a short, quiet steady phase passes over the whole run but fails there', () => {
    // 20 s × 100 req/s, except 5 req/s in [10, 12): 1810 requests, of which the 10 in the
    // steady phase are 50× slower: 0.55% of the run (under its 1% tail), all of the phase.
    const r = syntheticResult({
      endpoints: [{ name: 'api', rps: 100, medianMs: 10 }],
      seconds: 20,
      phases: [
        { name: 'before', startSec: 0, endSec: 10 },
        { name: 'steady', startSec: 10, endSec: 12 },
        { name: 'after', startSec: 12, endSec: 20 },
      ],
      rateFactor: (t) => (t >= 10 && t < 12 ? 0.05 : 1),
      slowdown: { from: 10, to: 12, factor: 50 },
      thresholds: { total: ['p99<100ms', 'count==1810'], 'total@steady': ['p99<100ms', 'count==10', 'rps==5'] },
    });
    const checks = checkThresholds(r);
    expect(checks.map(row)).toEqual([
      ['total', 'p99<100ms', true],
      ['total', 'count==1810', true],
      ['total@steady', 'p99<100ms', false],
      ['total@steady', 'count==10', true],
      ['total@steady', 'rps==5', true],
    ]);
    expect(checks[0].actual).toBeLessThan(40);
    expect(checks[2].actual).toBeGreaterThan(100);
  });

  it('an unknown phase, an unknown endpoint and a phase without data fail, saying why', () => {
    const r = syntheticResult({
      endpoints: [{ name: 'api', rps: 10, medianMs: 10 }],
      seconds: 20,
      phases: [...PHASES, { name: 'never', startSec: 30, endSec: 40 }],
      thresholds: { 'total@stedy': ['p99<1s'], 'ghost@steady': ['p99<1s'], 'total@never': ['p99<1s'], 'api@steady': ['p99 under 1s'] },
    });
    const checks = checkThresholds(r);
    expect(checks.map((c) => [c.scope, c.pass, Number.isNaN(c.actual)])).toEqual([
      ['total@stedy', false, true],
      ['ghost@steady', false, true],
      ['total@never', false, true],
      ['api@steady', false, true],
    ]);
    expect(checks[0].problem).toBe('no phase named "stedy" (did you mean "steady"?); the run\'s phases are warmup, steady, cooldown, never');
    expect(checks[1].problem).toBe('no endpoint named "ghost" completed any request');
    expect(checks[2].problem).toBe('phase "never" (30–40 s) has no data in this run (it lasted 20 s)');
    expect(checks[3].problem).toMatch(/not an SLO expression/);
  });
});

describe('the scope as written is what every reader shows', () => {
  it('console summary, report model and Markdown name total@steady', () => {
    chalk.level = 0;
    const r = syntheticResult({ endpoints: [{ name: 'api', rps: 10, medianMs: 10 }], seconds: 20, phases: PHASES, thresholds: { 'total@steady': ['count==100'] } });
    expect(renderConsoleSummary(r)).toMatch(/│ ✅ +│ total@steady +│ count==100 +│ 100 +│/);
    const model = buildReportModel(r);
    expect(model.thresholds).toEqual([{ scope: 'total@steady', slo: 'count==100', metric: 'count', limit: { op: '==', value: 100 }, actual: 100, unit: 'count', pass: true }]);
    // Markdown puts a zero-width space after @ (no @-mentions on GitHub).
    expect(renderMarkdown(model)).toContain('| ✅ | total@\u200bsteady | count==100 | 100 |');
  });
});
