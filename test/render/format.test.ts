import { describe, expect, it } from 'vitest';
import { formatCount, formatCountsInText, formatDurationSec, formatMs, formatNumber, formatPercent, formatRate, formatSeconds, formatSecondsRange, formatValue } from '../../src/render/format.js';

describe('number formatting', () => {
  it.each<[(x: number) => string, number, string]>([
    [formatCount, 0, '0'],
    [formatCount, 12345, '12\u202f345'],
    [formatCount, -1234567, '-1\u202f234\u202f567'],
    [formatMs, 0.4123, '0.4123'],
    [formatMs, 8.127, '8.127'],
    [formatMs, 87.25, '87.25'],
    [formatMs, 995.839, '995.8'],
    [formatMs, 1017.9, '1\u202f018'],
    [formatRate, 9.416, '9.416'],
    [formatRate, 199.833, '199.8'],
    [formatRate, 264, '264'],
    [formatNumber, 0.13333333333333333, '0.1333'],
    [formatNumber, -0.00001, '-0.00001'],
    [formatNumber, 123456.7, '123\u202f457'],
    [formatNumber, Infinity, '∞'],
    [formatNumber, -Infinity, '-∞'],
    [formatNumber, NaN, 'n/a'],
    [formatNumber, -0, '0'],
    [formatPercent, 0, '0%'],
    [formatPercent, 0.0000005, '<0.0001%'],
    [formatPercent, 0.0059, '0.59%'],
    [formatPercent, 0.0123, '1.23%'],
    [formatPercent, 0.028571, '2.857%'],
    [formatDurationSec, 4.56, '4.6 s'],
    [formatDurationSec, 45.2, '45 s'],
    [formatDurationSec, 125, '2 m 05 s'],
    [formatDurationSec, 3720, '1 h 02 m'],
  ])('%o(%d) = %s', (f, x, expected) => expect(f(x)).toBe(expected));
});

describe('values carry their unit', () => {
  it.each<[number, Parameters<typeof formatValue>[1], string]>([
    [995.839, 'ms', '995.8 ms'],
    [0.024, 'fraction', '2.4%'],
    [199.833, 'per-sec', '199.8/s'],
    [12.04, 'sec', '12.04 s'],
    [1234, 'count', '1\u202f234'],
    [Infinity, 'ms', '∞'],
  ])('formatValue(%d, %s) = %s', (v, unit, expected) => expect(formatValue(v, unit)).toBe(expected));
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

