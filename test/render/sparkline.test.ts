import { describe, expect, it } from 'vitest';
import { bucketMax, bucketMean, sparkline } from '../../src/render/sparkline.js';

describe('sparkline', () => {
  it.each<[string, Array<number | null>, number, (xs: number[]) => number, string, number]>([
    ['one bar per value, max is █, zero is ▁', [0, 1, 2, 7], 10, bucketMean, '▁▂▃█', 1],
    ['null seconds are blanks', [7, null, 7], 10, bucketMax, '█ █', 1],
    ['buckets of ⌈n / width⌉ values, mean', [0, 0, 4, 10, 14, 14], 3, bucketMean, '▁▅█', 2],
    ['buckets, max', [0, 14, 0, 7, 0, 0], 3, bucketMax, '█▅▁', 2],
    ['all zero', [0, 0, 0], 10, bucketMean, '▁▁▁', 1],
  ])('%s', (_label, values, width, reduce, line, bucketSize) => {
    const s = sparkline(values, width, reduce);
    expect(s.line).toBe(line);
    expect(s.bucketSize).toBe(bucketSize);
  });

  it('never exceeds its width', () => {
    for (const n of [1, 47, 48, 49, 97, 3600]) expect(sparkline(Array(n).fill(1), 48, bucketMean).line.length).toBeLessThanOrEqual(48);
  });
});

describe('issue 9 case 4: big inputs', () => {
  it.each([[130_000, 48], [1_000_000, 1]])('%i values in %i bars: no stack overflow, the max kept', (n, width) => {
    const values = Array.from({ length: n }, (_, i) => (i === n - 7 ? 999 : i % 100));
    const s = sparkline(values, width, bucketMax);
    expect(s.max).toBe(999);
    expect(s.line.length).toBeLessThanOrEqual(width);
  });
});
