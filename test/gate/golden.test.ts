import { describe, it } from 'vitest';
import { runGate } from '../../src/gate/gate.js';
import { gateDoc } from '../../src/gate/gate-doc.js';
import { runCompare } from '../../src/gate/compare.js';
import { compareDoc } from '../../src/gate/compare-doc.js';
import { renderDoc } from '../../src/render/document.js';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { expectGolden } from '../helpers/golden.js';

const EPS = [
  { name: 'home', rps: 60, medianMs: 10, errorRate: 0.002 },
  { name: 'search', rps: 25, medianMs: 40, errorRate: 0.01 },
];
const thresholds = { total: ['p99<250ms', 'error_rate<1%'], search: ['p95<90ms'] };
const baseline = { name: 'perf/baseline.json', result: syntheticResult({ endpoints: EPS, seconds: 30, seed: 21, thresholds }) };
const slower = { name: 'current.json', result: syntheticResult({ endpoints: EPS, seconds: 30, seed: 22, thresholds, slowdown: { from: 0, to: 30, factor: 1.2 } }) };
const rerun = { name: 'current.json', result: syntheticResult({ endpoints: EPS, seconds: 30, seed: 23, thresholds }) };

describe('golden Markdown', () => {
  it('gate: a 20% slowdown fails (PR comment)', () => {
    const report = runGate({ current: slower, baseline, regressions: ['p99:+10%', 'p50:+10%', 'error_rate:+0.5pp'], slos: ['rps>=80'], resamples: 1000 });
    expectGolden('gate/regression.md', renderDoc(gateDoc(report), 'md'));
  });

  it('gate: a rerun passes the default limits', () => {
    const report = runGate({ current: rerun, baseline, resamples: 1000 });
    expectGolden('gate/rerun.md', renderDoc(gateDoc(report), 'md'));
  });

  it('compare: default metrics', () => {
    expectGolden('compare/slowdown.md', renderDoc(compareDoc(runCompare(baseline, slower, { resamples: 1000 })), 'md'));
  });
});
