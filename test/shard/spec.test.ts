import { describe, expect, it } from 'vitest';
import { MAX_SHARDS, parseShardCount, parseShardSpec, shardFromIndexEnv } from '../../src/shard/spec.js';

describe('parseShardSpec', () => {
  it.each([
    ['0/1', 0, 1],
    ['0/3', 0, 3],
    ['2/3', 2, 3],
    [' 7 / 10 ', 7, 10],
    [`999/${MAX_SHARDS}`, 999, MAX_SHARDS],
  ])('%j → shard %i of %i', (text, index, count) => {
    expect(parseShardSpec(text)).toEqual({ ok: true, value: { index, count } });
  });

  it.each([
    ['3/3', /0 ≤ I < N .*0\/3 … 2\/3/],
    ['1/0', /N from 1 to 1000/],
    ['0/1001', /N from 1 to 1000/],
    ['-1/3', /I\/N, shard I of N counted from 0/],
    ['1.5/3', /I\/N/],
    ['3', /I\/N/],
    ['a/b', /I\/N/],
    ['', /I\/N/],
  ])('%j is refused: %s', (text, expected) => {
    const r = parseShardSpec(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.expected).toMatch(expected);
  });
});

describe('parseShardCount', () => {
  it.each([['1', 1], ['3', 3], [' 12 ', 12], ['1000', 1000]])('%j → %i', (text, n) => {
    expect(parseShardCount(text)).toEqual({ ok: true, value: n });
  });
  it.each(['0', '1001', '2.5', '-3', 'three', ''])('%j is refused', (text) => {
    expect(parseShardCount(text)).toEqual({ ok: false, expected: 'a whole number of shards from 1 to 1000' });
  });
});

describe('shardFromIndexEnv', () => {
  it.each([
    ['0', 3, 0],
    ['2', 3, 2],
    [' 1\n', 2, 1],
  ])('JOB_COMPLETION_INDEX=%j with %i shards → index %i', (raw, count, index) => {
    expect(shardFromIndexEnv(count, { JOB_COMPLETION_INDEX: raw })).toEqual({ ok: true, value: { index, count } });
  });

  it.each([
    [undefined, 3, /JOB_COMPLETION_INDEX to be set .*Indexed Job/],
    ['', 3, /to be set/],
    ['3', 3, /from 0 to 2 for 3 shards \(got "3"\)/],
    ['-1', 3, /from 0 to 2/],
    ['x', 3, /from 0 to 2/],
  ])('JOB_COMPLETION_INDEX=%j with %i shards is refused', (raw, count, expected) => {
    const r = shardFromIndexEnv(count, raw === undefined ? {} : { JOB_COMPLETION_INDEX: raw });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.expected).toMatch(expected);
  });
});
