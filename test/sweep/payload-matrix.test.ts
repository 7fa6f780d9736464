import { describe, expect, it } from 'vitest';
import { renderDoc } from '../../src/render/document.js';
import { analyseSweep } from '../../src/sweep/analyse.js';
import { nameBottleneck, type StepResources } from '../../src/sweep/bottleneck.js';
import { connectionsVerdict } from '../../src/sweep/connections.js';
import type { LoadLevelStep } from '../../src/sweep/load-levels.js';
import { connectionsCell, payloadMatrixDoc, type PayloadOutcome } from '../../src/sweep/payload-matrix.js';
import type { SweepStep } from '../../src/sweep/types.js';
import { expectGolden } from '../helpers/golden.js';
import { fixtureStep } from './fixtures.js';

const measured = (s: SweepStep, r: Partial<StepResources>): SweepStep => {
  const resources: StepResources = { generatorBusyMax: 0.2, generatorSaturatedShare: 0, processCores: 0.5, cores: 2, targetWorkersBusy: 0.5, targetLoopBusy: 0.1, loadAverage: 1, ...r };
  return { ...s, resources, bottleneck: nameBottleneck(resources) };
};

const level = (fraction: number, max: number, p99Ms: number, r: Partial<StepResources>): LoadLevelStep => {
  const resources: StepResources = { generatorBusyMax: 0.2, generatorSaturatedShare: 0, processCores: 0.5, cores: 2, targetWorkersBusy: fraction, targetLoopBusy: 0.1, loadAverage: 1, ...r };
  return { fraction, ratePerSec: fraction * max, warmupMs: 1000, measureMs: 3000, throughput: fraction * max, p50Ms: p99Ms / 3, p99Ms, errors: 0, dropped: 0, late: 0, resources, bottleneck: nameBottleneck(resources) };
};

/** 1 KB: the target (400 req/s) is the limit; 100 KB: the generator's CPU gives out first at 300 req/s. */
function outcomes(): PayloadOutcome[] {
  const small = [measured(fixtureStep(1, 100, 10, 12), { targetWorkersBusy: 0.25 }), measured(fixtureStep(2, 200, 10, 14), {}), measured(fixtureStep(4, 396, 10, 20), { targetWorkersBusy: 0.99 }), measured(fixtureStep(8, 398, 20, 45), { targetWorkersBusy: 1 })];
  const large = [measured(fixtureStep(1, 90, 11, 15), { targetWorkersBusy: 0.22 }), measured(fixtureStep(2, 170, 11, 18), { targetWorkersBusy: 0.43 }), measured(fixtureStep(4, 300, 13, 60), { targetWorkersBusy: 0.75, generatorBusyMax: 0.97, generatorSaturatedShare: 1 })];
  return [
    { bytes: 1024, steps: small, analysis: analyseSweep(small), loadLevels: [level(0.5, 398, 14, {}), level(0.8, 398, 19, {}), level(0.95, 398, 41, { targetWorkersBusy: 0.95 })], connections: connectionsVerdict(small, 2) },
    { bytes: 102400, steps: large, analysis: analyseSweep(large), loadLevels: [level(0.5, 300, 16, {}), level(0.8, 300, 24, {}), level(0.95, 300, 70, { targetWorkersBusy: 0.7, generatorBusyMax: 0.99, generatorSaturatedShare: 0.75 })], connections: connectionsVerdict(large, 2) },
  ];
}

describe('payload capacity matrix (golden)', () => {
  const doc = payloadMatrixDoc(outcomes(), { target: 'built-in target (http://127.0.0.1:8080)' });
  it('renders payload × load × connections with the bottleneck per cell as Markdown', () => expectGolden('sweep/payload-matrix.md', renderDoc(doc, 'md')));
  it('writes every cell as CSV', () => expectGolden('sweep/payload-matrix.csv', renderDoc(doc, 'csv')));
  it('says which cells the generator limited', () => {
    expect(doc.warnings).toEqual([expect.stringMatching(/^2 cell\(s\) were limited by the load generator or the machine's CPU, not the target: 100 KB maximum \(GENERATOR \(its own CPU\)\), 100 KB at 95% \(GENERATOR/)]);
  });
});

describe('connectionsCell', () => {
  const steps = [fixtureStep(1, 100, 5, 10), fixtureStep(2, 200, 5, 12), fixtureStep(4, 390, 10, 30)];
  it.each([
    ['degrades at 4: 2 before it', steps, '2'],
    ['none degraded up to 2', steps.slice(0, 2), '≥ 2'],
  ])('%s', (_n, s, text) => {
    expect(connectionsCell(connectionsVerdict(s, 2), s[s.length - 1].concurrency)).toBe(text);
  });
  it('not run: null', () => expect(connectionsCell(null, 8)).toBeNull());
});
