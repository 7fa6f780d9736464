import { describe, expect, it } from 'vitest';
import { bucketMax, bucketMean, formatCount, formatCountsInText, formatMs, formatPercent, formatRate, formatSeconds, formatSecondsRange, sparkline } from '../../src/report/format.js';

describe('number formatting', () => {
  it.each<[(x: number) => string, number, string]>([
    [formatCount, 0, '0'],
    [formatCount, 12345, '12\u202f345'],
    [formatCount, -1234567, '-1\u202f234\u202f567'],
    [formatMs, 0.4123, '0.412'],
    [formatMs, 8.127, '8.13'],
    [formatMs, 87.25, '87.3'],
    [formatMs, 1017.9, '1\u202f018'],
    [formatRate, 9.416, '9.42'],
    [formatRate, 264, '264'],
    [formatPercent, 0, '0%'],
    [formatPercent, 0.00005, '<0.01%'],
    [formatPercent, 0.0059, '0.59%'],
    [formatPercent, 0.0123, '1.2%'],
  ])('%o(%d) = %s', (f, x, expected) => expect(f(x)).toBe(expected));
});

describe('seconds since the start (phase bounds)', () => {
  it.each<[number, string]>([
    [0, '0'],
    [4, '4'],
    [12.857142857142858, '12.9'],
    [14.142857142857144, '14.1'],
    [45.00000000000001, '45'],
    [0.2857142857142857, '0.29'],
    [99.96, '100'],
    [1234.5, '1\u202f235'],
  ])('formatSeconds(%d) = %s', (sec, expected) => expect(formatSeconds(sec)).toBe(expected));

  it('formats a range as "a–b s"', () => {
    expect(formatSecondsRange(39.85714285714286, 45.00000000000001)).toBe('39.9–45 s');
  });
});

describe('formatCountsInText (numbers in free text, as formatCount renders them)', () => {
  it.each<[string, string]>([
    ['1711 requests (28.52% of sent) left LATE', '1\u202f711 requests (28.52% of sent) left LATE'],
    ['dropped 12345, late 999; (1000)', 'dropped 12\u202f345, late 999; (1\u202f000)'],
    ['target http://127.0.0.1:41367 port :8080', 'target http://127.0.0.1:41367 port :8080'],
    ['started 2026-11-22, v1234.5, 0.12345, 12345ms, a1234', 'started 2026-11-22, v1234.5, 0.12345, 12345ms, a1234'],
  ])('%j', (text, expected) => expect(formatCountsInText(text)).toBe(expected));
});

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
