/** gate and compare on the console fit 100 and 80 columns; long verdict text goes below the table. */
import chalk from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate/gate.js';
import { gateDoc } from '../../src/gate/gate-doc.js';
import { runCompare } from '../../src/gate/compare.js';
import { compareDoc } from '../../src/gate/compare-doc.js';
import { renderDoc } from '../../src/render/document.js';
import { displayWidth } from '../../src/render/width.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

beforeAll(() => {
  chalk.level = 0;
});

const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));
const ep = [{ name: 'api', rps: 10, medianMs: 20 }];
// 6 s at 10 req/s, +20% on the median against a +10% limit: inconclusive.
const base = { name: 'perf/baseline.json', result: syntheticResult({ endpoints: ep, seconds: 6, seed: 45 }) };
const cur = { name: 'current.json', result: syntheticResult({ endpoints: ep, seconds: 6, seed: 46, slowdown: { from: 0, to: 6, factor: 1.2 } }) };

describe('console fit', () => {
  const gate = gateDoc(runGate({ current: cur, baseline: base, regressions: ['p50:+10%', 'p99:+10%', 'error_rate:+0.5pp'], slos: ['rps>=80'] }));
  const compare = compareDoc(runCompare(base, cur));

  it.each([100, 80])('gate with an inconclusive check fits %i columns; the explanation is below the table', (width) => {
    const text = renderDoc(gate, 'console', width);
    expect(widest(text)).toBeLessThanOrEqual(width);
    expect(text).toContain('⚠️ inconclusive');
    const tableEnd = text.lastIndexOf('┘');
    expect(text.slice(tableEnd)).toMatch(/⚠️ inconclusive p50 \(\w+\): \S/);
  });

  it.each([100, 80])('compare fits %i columns', (width) => {
    expect(widest(renderDoc(compare, 'console', width))).toBeLessThanOrEqual(width);
  });
});
