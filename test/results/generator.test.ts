import { describe, expect, it } from 'vitest';
import { addGeneratorSecond, emptyGeneratorSecond, findBottleneck, fellShort } from '../../src/results/generator.js';
import { emptyCounters, type GeneratorSecond, type IntervalRecord } from '../../src/results/types.js';
import type { EndpointSummary } from '../../src/results/types.js';

function second(t: number, dropped: number, g: Partial<GeneratorSecond>): IntervalRecord {
  return {
    epochSec: 1000 + t, t, targetLevel: 100, activeUsers: 0,
    endpoints: { e: { ...emptyCounters(), scheduled: 100, sent: 100 - dropped, dropped, latency: '', service: '' } },
    generator: { ...emptyGeneratorSecond(), ...g },
  };
}

describe('addGeneratorSecond', () => {
  it('takes the maximum of busy and delay, and adds the counts', () => {
    const a = addGeneratorSecond(emptyGeneratorSecond(), { busy: 0.5, lagP99Ms: 3, lagMaxMs: 9, queued: 2, inflightMax: 4, connectionLimit: 8 });
    addGeneratorSecond(a, { busy: 0.7, lagP99Ms: 1, lagMaxMs: 20, queued: 3, inflightMax: 1, connectionLimit: 8 });
    expect(a).toEqual({ busy: 0.7, lagP99Ms: 3, lagMaxMs: 20, queued: 5, inflightMax: 5, connectionLimit: 16, lateness: '' });
  });
});

describe('findBottleneck', () => {
  const cases: Array<{ name: string; intervals: IntervalRecord[]; want: string | undefined }> = [
    { name: 'nothing dropped: no bottleneck', intervals: [second(0, 0, { busy: 1 }), second(1, 0, { queued: 9 })], want: undefined },
    { name: 'drops in busy seconds: the generator', intervals: [second(0, 10, { busy: 0.97, queued: 5 }), second(1, 10, { busy: 0.95 })], want: 'generator' },
    { name: 'drops while idle and waiting for connections: the target', intervals: [second(0, 10, { busy: 0.05, queued: 40 }), second(1, 10, { busy: 0.04, queued: 50 })], want: 'target' },
    { name: 'a busy start-up second is outvoted by idle waiting ones', intervals: [second(0, 5, { busy: 0.95 }), second(1, 10, { busy: 0.1, queued: 9 }), second(2, 10, { busy: 0.1, queued: 9 })], want: 'target' },
    { name: 'late or dropped while connections were free: the generator ran late', intervals: [second(0, 10, { busy: 0.4, lagP99Ms: 80, queued: 2 })], want: 'generator' },
    { name: 'no self-check in the file: unknown', intervals: [{ ...second(0, 10, {}), generator: undefined }], want: undefined },
  ];
  for (const c of cases) it(c.name, () => expect(findBottleneck(c.intervals)).toBe(c.want));
});

describe('fellShort', () => {
  const total = (dropped: number, late: number, sent: number) => ({ dropped, late, sent }) as EndpointSummary;
  it.each([
    [total(0, 0, 1000), false],
    [total(1, 0, 1000), true],
    [total(0, 1, 1000), false],
    [total(0, 2, 1000), true],
  ])('%o → %s', (t, want) => expect(fellShort(t)).toBe(want));
});
