import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseShardFlags } from '../../src/cli/flags/shard.js';

describe('parseShardFlags', () => {
  it.each([
    [{}, {}, {}],
    [{ shard: '1/3' }, {}, { shard: { index: 1, count: 3 } }],
    [{ shards: '3' }, { JOB_COMPLETION_INDEX: '2' }, { shard: { index: 2, count: 3 } }],
    [{ startAt: '2026-11-29T21:30:00Z' }, {}, { startAtMs: Date.UTC(2026, 10, 29, 21, 30) }],
    [{ shards: '2', startAt: '1764451800000' }, { JOB_COMPLETION_INDEX: '0' }, { shard: { index: 0, count: 2 }, startAtMs: 1764451800000 }],
  ])('%j with env %j → %j', (flags, env, settings) => {
    expect(parseShardFlags(flags, env)).toEqual(settings);
  });

  it.each([
    [{ shard: '3/3' }, {}, /^--shard: expected I\/N with 0 ≤ I < N .* \(got "3\/3"\)$/],
    [{ shards: '0' }, {}, /^--shards: expected a whole number of shards from 1 to 1000 \(got "0"\)$/],
    [{ shards: '3' }, {}, /^--shards 3: expected JOB_COMPLETION_INDEX to be set/],
    [{ shards: '3' }, { JOB_COMPLETION_INDEX: '5' }, /^--shards 3: expected JOB_COMPLETION_INDEX to be a whole number from 0 to 2 for 3 shards \(got "5"\)$/],
    [{ shard: '0/2', shards: '2' }, { JOB_COMPLETION_INDEX: '0' }, /use either --shard I\/N or --shards N/],
    [{ startAt: '1764451800' }, {}, /^--start-at: expected .*epoch seconds: multiply by 1000 \(got "1764451800"\)$/],
  ])('%j with env %j is refused: %s', (flags, env, message) => {
    expect(() => parseShardFlags(flags, env)).toThrow(UsageError);
    expect(() => parseShardFlags(flags, env)).toThrow(message);
  });
});
