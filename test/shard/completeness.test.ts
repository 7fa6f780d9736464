import { describe, expect, it } from 'vitest';
import { checkShardSet, formatIndices, type ShardInput } from '../../src/shard/completeness.js';

const H = 'a'.repeat(64);
const G = 'b'.repeat(64);
const shard = (name: string, index: number, count = 3, planHash = H): ShardInput => ({ name, coverage: { count, planHash, indices: [index] } });

describe('checkShardSet', () => {
  it('accepts every index exactly once, in any order', () => {
    expect(checkShardSet([shard('c', 2), shard('a', 0), shard('b', 1)])).toEqual({ sharded: true, count: 3, planHash: H, missing: [], problems: [] });
  });

  it('accepts a merge of some shards plus the rest', () => {
    const partial: ShardInput = { name: 'ab.json', coverage: { count: 3, planHash: H, indices: [0, 1] } };
    expect(checkShardSet([partial, shard('c', 2)]).problems).toEqual([]);
  });

  it('does not check independent generators (no shard anywhere)', () => {
    expect(checkShardSet([{ name: 'a' }, { name: 'b' }])).toEqual({ sharded: false, missing: [], problems: [] });
  });

  it.each([
    ['one shard missing', [shard('a', 0), shard('c', 2)], [1], ['shard 1 of 3 is missing']],
    ['several missing', [shard('a', 0, 8)], [1, 2, 3, 4, 5, 6, 7], ['shards 1–7 of 8 are missing']],
    ['a shard twice', [shard('a', 0), shard('a2', 0), shard('b', 1), shard('c', 2)], [], ['shard 0 of 3 is given 2 times (a, a2)']],
    ['another shard count', [shard('a', 0), shard('b', 1), shard('c', 2), shard('d', 3, 4)], [], ['d is from a run of 4 shards, but a is from a run of 3']],
    [
      'another plan',
      [shard('a', 0), shard('b', 1), shard('c', 2, 3, G)],
      [2],
      ['c ran plan bbbbbbbbbbbb, but a ran plan aaaaaaaaaaaa (the profile, seed or shard count differ)', 'shard 2 of 3 is missing'],
    ],
    ['a non-shard among shards', [shard('a', 0), { name: 'x' }, shard('b', 1), shard('c', 2)], [], ['x is not from a sharded run (it has no shard), but a is shard data of 3']],
  ] as Array<[string, ShardInput[], number[], string[]]>)('%s', (_name, inputs, missing, problems) => {
    const r = checkShardSet(inputs);
    expect(r.sharded).toBe(true);
    expect(r.missing).toEqual(missing);
    expect(r.problems).toEqual(problems);
  });
});

describe('formatIndices', () => {
  it.each([
    [[], ''],
    [[3], '3'],
    [[0, 1], '0, 1'],
    [[0, 1, 2], '0–2'],
    [[0, 2, 3, 4, 7, 9, 10], '0, 2–4, 7, 9, 10'],
  ])('%j → %j', (xs, text) => {
    expect(formatIndices(xs)).toBe(text);
  });
});
