import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { ResultFile } from '../../src/results/types.js';
import { healthRow, mergeShards } from '../../src/shard/merge-shards.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

const HASH = 'c'.repeat(64);
const START = Date.UTC(2026, 10, 29, 21, 30, 0);

function shardResult(index: number, count = 3, extra: Partial<ResultFile['shard']> = {}): ResultFile {
  const r = syntheticResult({ endpoints: [{ name: 'home', rps: 100, medianMs: 20 }], seconds: 5, seed: index + 1, startEpochMs: START });
  r.environment.hostname = `pod-${index}`;
  r.run.cpuMs = 1000 + index;
  r.shard = { index, count, planHash: HASH, startAtMs: START, startLateMs: 3, ...extra };
  return r;
}

describe('mergeShards', () => {
  it('merges a whole set exactly and keeps each shard’s health, ascending by index', () => {
    const shards = [shardResult(2), shardResult(0), shardResult(1)];
    const { merged, check } = mergeShards(shards, ['c', 'a', 'b']);
    expect(check.problems).toEqual([]);
    expect(merged.summary.total.scheduled).toBe(shards.reduce((s, r) => s + r.summary.total.scheduled, 0));
    expect(merged.shards).toBe(3);
    expect(merged.shardSet).toMatchObject({ count: 3, planHash: HASH, indices: [0, 1, 2] });
    expect(merged.shardSet!.health.map((h) => [h.index, h.hostname, h.cpuMs, h.startLateMs])).toEqual([
      [0, 'pod-0', 1000, 3],
      [1, 'pod-1', 1001, 3],
      [2, 'pod-2', 1002, 3],
    ]);
    expect(merged.shard).toBeUndefined();
  });

  it('merging merged parts gives the same shard set as merging the shards at once', () => {
    const [a, b, c] = [shardResult(0), shardResult(1), shardResult(2)];
    const ab = mergeShards([a, b], ['a', 'b'], true).merged;
    const whole = mergeShards([ab, c], ['ab', 'c']);
    expect(whole.check.problems).toEqual([]);
    expect(whole.merged.shardSet).toEqual(mergeShards([a, b, c], ['a', 'b', 'c']).merged.shardSet);
    expect(whole.merged.summary.total).toEqual(mergeShards([a, b, c], ['a', 'b', 'c']).merged.summary.total);
  });

  it.each([
    ['a missing shard', [shardResult(0), shardResult(2)], /shard 1 of 3 is missing/],
    ['a shard twice', [shardResult(0), shardResult(1), shardResult(1), shardResult(2)], /shard 1 of 3 is given 2 times \(f1, f2\)/],
    ['another plan', [shardResult(0), shardResult(1), shardResult(2, 3, { planHash: 'd'.repeat(64) })], /f2 ran plan dddddddddddd, but f0 ran plan cccccccccccc/],
  ])('%s is refused (exit 2) naming it, unless forced', (_name, results, message) => {
    const names = results.map((_, i) => `f${i}`);
    expect(() => mergeShards(results, names)).toThrow(InputError);
    expect(() => mergeShards(results, names)).toThrow(message);
    const forced = mergeShards(results, names, true);
    expect(forced.merged.summary.warnings.join('\n')).toMatch(/incomplete sharded run \(merged with --force\)/);
  });

  it('warns about shards that started late', () => {
    const { merged } = mergeShards([shardResult(0), shardResult(1, 3, { startLateMs: 2500 }), shardResult(2)], ['a', 'b', 'c']);
    expect(merged.summary.warnings).toContain('shard 1 started late (1: 2500 ms): its first arrivals were sent late or dropped');
  });

  it('leaves results of independent generators alone', () => {
    const plain = [0, 1].map((i) => syntheticResult({ endpoints: [{ name: 'home', rps: 50, medianMs: 10 }], seconds: 3, seed: i + 5 }));
    const { merged, check } = mergeShards(plain, ['x', 'y']);
    expect(check.sharded).toBe(false);
    expect(merged.shardSet).toBeUndefined();
  });

  it('healthRow: average cores busy = CPU time / duration', () => {
    expect(healthRow({ index: 0, hostname: 'h', workers: 2, cpus: 4, durationMs: 10_000, cpuMs: 15_000, scheduled: 1, sent: 1, dropped: 0, late: 0 }).coresBusy).toBe(1.5);
    expect(healthRow({ index: 0, hostname: 'h', workers: 2, cpus: 4, durationMs: 10_000, scheduled: 1, sent: 1, dropped: 0, late: 0 }).coresBusy).toBeUndefined();
  });
});
