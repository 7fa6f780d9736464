import { describe, expect, it } from 'vitest';
import { demoTimeline, sparkline } from '../../src/target/demo-timeline.js';

describe('sparkline', () => {
  it.each([
    [[0, 1, 2, 4, 8], 80, false, '▁▁▂▄█', 8],
    [[0, 0, 5, 0], 80, true, '··█·', 5],
    [[null, 2, null, 1], 80, false, ' █ ▄', 2],
    [[1, 8, 2, 2, 8, 1], 3, false, '█▂█', 8], // buckets of 2, each shows its max
    [[1, 2, 3, 4, 5, 6, 7, 8], 4, false, '▂▄▆█', 8],
    [[], 80, false, '', 0],
  ])('%j (width %i, zero dot %s) → %s', (values, width, zeroDot, line, max) => {
    expect(sparkline(values, width, zeroDot)).toEqual({ line, max });
  });
});

describe('demoTimeline', () => {
  it('labels each series with its peak', () => {
    const lines = demoTimeline({ activeUsers: [10, 50, 50, 0], achieved: [9, 30, 30, 2], backpressure: [0, 12, 3, 0], p99: [20, 400, 380.25, null] });
    expect(lines).toEqual([
      'timeline: 1 character = 1 second, 4 s in all',
      '  users  ▂██▁  peak 50',
      '  req/s  ▃██▁  peak 30',
      '  429/s  ·█▂·  peak 12',
      '  p99    ▁██   peak 400 ms',
    ]);
  });
});

describe('sparkline on a long run', () => {
  it('200 000 seconds in one bucket do not overflow the stack (no Math.max(...slice))', () => {
    const values = Array.from({ length: 200_000 }, (_, i) => (i === 123_456 ? 999 : i % 10));
    expect(sparkline(values, 1)).toEqual({ line: '█', max: 999 });
  });
});
