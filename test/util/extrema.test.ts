import { describe, expect, it } from 'vitest';
import { maxOf, minOf } from '../../src/util/extrema.js';

describe('maxOf / minOf', () => {
  it.each<[string, number[], number, number]>([
    ['empty (as Math.max/Math.min)', [], -Infinity, Infinity],
    ['one element', [3], 3, 3],
    ['negatives', [-5, -1, -9], -1, -9],
    ['NaN poisons (as Math.max)', [1, NaN, 2], NaN, NaN],
  ])('%s', (_case, xs, max, min) => {
    expect(maxOf(xs)).toBe(max);
    expect(minOf(xs)).toBe(min);
  });

  it('a 200 000-element input does not overflow the stack (Math.max(...xs) does)', () => {
    const xs = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 200_003);
    expect(() => Math.max(...Array.from({ length: 2_000_000 }, () => 1))).toThrow(RangeError);
    expect(maxOf(xs)).toBe(xs.reduce((a, b) => (b > a ? b : a)));
    expect(minOf(xs)).toBe(0);
  });
});
