/** The result schema's sharded-run fields: `shard`, `shardSet` and `run.cpuMs` (issue 12). */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { parseResult } from '../../src/results/read.js';
import type { ResultFile } from '../../src/results/types.js';
import { mergeShards } from '../../src/shard/merge-shards.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

const HASH = 'e'.repeat(64);
const shard = (index: number): ResultFile => {
  const r = syntheticResult({ endpoints: [{ name: 'a', rps: 20, medianMs: 5 }], seconds: 3, seed: index + 1 });
  r.run.cpuMs = 812;
  r.shard = { index, count: 2, planHash: HASH, startAtMs: r.run.startEpochMs, startLateMs: 4 };
  return r;
};

describe('result schema: sharded runs', () => {
  it.each<[string, () => ResultFile]>([
    ['a shard', () => shard(1)],
    ['a merged sharded run', () => mergeShards([shard(0), shard(1)], ['a', 'b']).merged],
  ])('%s reads back as written', (_name, make) => {
    const text = JSON.stringify(make());
    expect(parseResult(text, 'r.json')).toEqual(JSON.parse(text));
  });

  it.each<[string, (r: ResultFile) => void, string[]]>([
    ['index ≥ count', (r) => (r.shard!.index = 2), ['shard.index: expected index < count']],
    ['a short plan hash', (r) => (r.shard!.planHash = 'abc'), ['shard.planHash: expected a sha256 plan hash (64 hex digits)']],
    ['negative CPU time', (r) => (r.run.cpuMs = -1), ['run.cpuMs: must be ≥ 0 (got -1)']],
  ])('%s is refused with its path', (_name, mutate, problems) => {
    const r = shard(1);
    mutate(r);
    expect(() => parseResult(JSON.stringify(r), 'bad.json')).toThrow(ValidationError);
    try {
      parseResult(JSON.stringify(r), 'bad.json');
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => `${i.path}: ${i.message}`)).toEqual(problems);
    }
  });
});
