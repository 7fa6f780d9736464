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
/** Three replicate runs per side (run-level factors 0.97, 1, 1.03 around the side's level). */
const three = (prefix: string, seed: number, factor: number) =>
  [0.97, 1, 1.03].map((f, i) => ({ name: `${prefix}-${i + 1}.json`, result: syntheticResult({ endpoints: EPS, seconds: 30, seed: seed + i, thresholds, slowdown: { from: 0, to: 30, factor: factor * f } }) }));
const baselines = three('perf/baseline', 31, 1);

describe('golden Markdown', () => {
  it('gate: a 20% slowdown fails (PR comment)', () => {
    const report = runGate({ current: three('current', 41, 1.2), baseline: baselines, regressions: ['p99:+10%', 'p50:+10%', 'error_rate:+0.5pp'], slos: ['rps>=80'] });
    expectGolden('gate/regression.md', renderDoc(gateDoc(report), 'md'));
  });

  it('gate: a rerun passes the default limits', () => {
    const report = runGate({ current: three('current', 51, 1), baseline: baselines });
    expectGolden('gate/rerun.md', renderDoc(gateDoc(report), 'md'));
  });

  it('compare: one run per side (no test, the default noise band)', () => {
    expectGolden('compare/slowdown.md', renderDoc(compareDoc(runCompare(baseline, slower)), 'md'));
  });

  it('compare: three runs per side (the run-level t-test)', () => {
    expectGolden('compare/replicated.md', renderDoc(compareDoc(runCompare(baselines, three('current', 41, 1.2))), 'md'));
  });
});
