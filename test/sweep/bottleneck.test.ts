import { describe, expect, it } from 'vitest';
import { machineOverloaded, nameBottleneck, overloadWarning, type BottleneckName, type StepResources } from '../../src/sweep/bottleneck.js';

const base: StepResources = { generatorBusyMax: 0.2, generatorSaturatedShare: 0, processCores: 0.4, cores: 2, targetWorkersBusy: 0.5, targetLoopBusy: 0.1, loadAverage: 1 };

describe('nameBottleneck', () => {
  it.each<[string, Partial<StepResources>, BottleneckName]>([
    ['the target’s workers ≥ 90% busy', { targetWorkersBusy: 0.9 }, 'target'],
    ['the target’s event loop ≥ 90% busy', { targetLoopBusy: 0.95 }, 'target'],
    ['a saturated target wins over a busy generator', { targetWorkersBusy: 0.99, generatorSaturatedShare: 1 }, 'target'],
    ['the generator saturated in half the seconds, the target had room', { generatorBusyMax: 0.97, generatorSaturatedShare: 0.5 }, 'generator'],
    ['the generator saturated in fewer than half', { generatorBusyMax: 0.97, generatorSaturatedShare: 0.4 }, 'none'],
    ['the process used ≥ 90% of the cores', { processCores: 1.8 }, 'cpu'],
    ['just under 90% of the cores', { processCores: 1.79 }, 'none'],
    ['neither near its limit', {}, 'none'],
    ['own service, generator with room: not measured', { targetWorkersBusy: null, targetLoopBusy: null }, 'unmeasured'],
    ['own service, generator saturated', { targetWorkersBusy: null, targetLoopBusy: null, generatorSaturatedShare: 0.8 }, 'generator'],
    ['no self-check and no cpu figure', { targetWorkersBusy: null, targetLoopBusy: null, generatorBusyMax: null, generatorSaturatedShare: null, processCores: null }, 'unmeasured'],
  ])('%s → %s', (_name, patch, expected) => {
    expect(nameBottleneck({ ...base, ...patch })).toBe(expected);
  });
});

describe('an overloaded machine (load average above the cores)', () => {
  it.each([
    [1.9, false],
    [2, false],
    [2.1, true],
    [14.5, true],
  ])('load average %d on 2 cores → overloaded %s', (loadAverage, expected) => {
    expect(machineOverloaded({ ...base, loadAverage })).toBe(expected);
  });

  it('warns once, naming how many steps and the worst load average; none on a quiet machine', () => {
    expect(overloadWarning([{ ...base, loadAverage: 14.53 }, undefined, { ...base, loadAverage: 3 }, base])).toEqual([
      expect.stringMatching(/^2 of 3 steps ran while the machine's load average \(up to 14\.5\) exceeded its 2 cores: other processes competed for the CPU/),
    ]);
    expect(overloadWarning([base, undefined])).toEqual([]);
  });
});
