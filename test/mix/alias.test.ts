import { describe, expect, it } from 'vitest';
import { AliasTable } from '../../src/mix/alias.js';
import { Random } from '../../src/mix/random.js';

describe('AliasTable', () => {
  it('rejects empty and zero-sum weights', () => {
    expect(() => new AliasTable([])).toThrow(RangeError);
    expect(() => new AliasTable([0, 0])).toThrow(RangeError);
  });
  it('a single weight always picks 0', () => {
    const t = new AliasTable([3]);
    const r = new Random(1);
    for (let i = 0; i < 100; i++) expect(t.pick(r)).toBe(0);
  });
});
