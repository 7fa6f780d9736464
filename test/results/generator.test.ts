import { describe, expect, it } from 'vitest';
import { addGeneratorSecond, bottleneckWarnings, emptyGeneratorSecond, findBottleneck, fellShort } from '../../src/results/generator.js';
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
    // Issue 14 trial: 4 late in 1 000 (0.4%) drew a five-line "add --workers" warning; 1% is the line.
    [total(0, 4, 1000), false],
    [total(0, 10, 1000), false],
    [total(0, 11, 1000), true],
  ])('%o → %s', (t, want) => expect(fellShort(t)).toBe(want));
});

describe('bottleneckWarnings', () => {
  const total = { scheduled: 10_000, sent: 10_000, dropped: 0, late: 400, serviceMs: { p99: 3 } } as unknown as EndpointSummary;
  const summary = (busyMax: number) => ({ latenessMs: { p50: 0, p99: 0, max: 0, mean: 0 }, busyMax, lagP99MsMax: 113.27, queued: 0, connectionLimit: 64, bottleneck: 'generator' as const });

  it('a saturated worker thread: add workers or shards', () => {
    const [w] = bottleneckWarnings(summary(0.97), total);
    expect(w).toMatch(/^The GENERATOR fell short of the plan: 9\u202f600 of 10\u202f000 planned requests \(96%\) left on time, 0 were dropped and 400 left late; its busiest worker thread was up to 97% busy, with event-loop delays \(p99\) up to 113\.3 ms\./);
    expect(w).toMatch(/Add worker threads \(--workers/);
  });

  it('no saturated thread (12% busy): more workers would not help; the machine is named', () => {
    const [w] = bottleneckWarnings(summary(0.12), total);
    expect(w).toMatch(/up to 12% busy/);
    expect(w).toMatch(/No worker thread was saturated \(90% busy or more\), so more of them would not help: .*other processes competing for this machine's CPUs/);
    expect(w).not.toMatch(/--workers/);
  });
});
