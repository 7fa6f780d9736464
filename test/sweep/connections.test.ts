import { describe, expect, it } from 'vitest';
import { connectionLevels, connectionsVerdict } from '../../src/sweep/connections.js';
import type { SweepStep } from '../../src/sweep/types.js';

const step = (concurrency: number, p99Ms: number, errorRate = 0, throughput = concurrency * 100): SweepStep =>
  ({ concurrency, measuredSec: 1, total: { name: 'total', throughput, p50Ms: p99Ms / 2, p99Ms, errors: 0, errorRate, completed: 0 }, endpoints: [], summary: {} }) as unknown as SweepStep;

describe('sweep --connections-sweep', () => {
  it.each([
    [1, [1]],
    [8, [1, 2, 4, 8]],
    [12, [1, 2, 4, 8, 12]],
  ])('levels up to %i: %j', (max, levels) => {
    expect(connectionLevels(max)).toEqual(levels);
  });

  it('the last level before p99 exceeds factor × the first level', () => {
    const v = connectionsVerdict([step(1, 10), step(2, 11), step(4, 19), step(8, 21)], 2);
    expect(v.lastGood).toEqual({ connections: 4, throughput: 400, p99Ms: 19 });
    expect(v.firstDegraded).toMatchObject({ connections: 8, reason: 'p99 21 ms > 2 × 10 ms' });
  });

  it('errors above 1 % degrade a level too; none degraded means no answer beyond the largest level', () => {
    expect(connectionsVerdict([step(1, 10), step(2, 10, 0.05)], 2).firstDegraded).toMatchObject({ connections: 2, reason: 'error rate 5% > 1%' });
    expect(connectionsVerdict([step(1, 10, 0.5)], 2)).toMatchObject({ lastGood: null, firstDegraded: { connections: 1 } });
    expect(connectionsVerdict([step(1, 10), step(2, 12)], 2)).toMatchObject({ lastGood: { connections: 2 }, firstDegraded: null });
  });
});
