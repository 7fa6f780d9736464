import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeResults, sameRun } from '../../src/results/merge.js';
import { decodeHistogram } from '../../src/results/histogram.js';
import type { ResultFile } from '../../src/results/types.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

const BASE_MS = Date.UTC(2026, 0, 1, 12, 0, 0);

function shard(seed: number, offsetMs: number, seconds: number, rpsA: number, rpsB: number): ResultFile {
  return syntheticResult({
    endpoints: [
      { name: 'a', rps: rpsA, medianMs: 10, errorRate: 0.1 },
      { name: 'b', rps: rpsB, medianMs: 30 },
    ],
    seconds,
    seed,
    startEpochMs: BASE_MS + offsetMs,
  });
}

/** Everything merge must preserve, in a form that compares exactly: summaries by name, per-second counters and histogram counts. */
function fingerprint(r: ResultFile) {
  const byName = Object.fromEntries([r.summary.total, ...r.summary.endpoints].map((s) => [s.name, s]));
  const intervals = r.intervals.map((iv) => ({
    epochSec: iv.epochSec,
    t: iv.t,
    targetLevel: iv.targetLevel,
    endpoints: Object.fromEntries(
      Object.entries(iv.endpoints).map(([n, { latency, service, ...c }]) => {
        const lat = decodeHistogram(latency);
        const svc = decodeHistogram(service);
        const out = { c, latCount: lat.totalCount, latP50: lat.getValueAtPercentile(50), latMax: lat.maxValue, svcCount: svc.totalCount };
        lat.destroy();
        svc.destroy();
        return [n, out];
      }),
    ),
  }));
  return { byName, durationSec: r.summary.durationSec, intervals, run: r.run, shards: r.shards, env: { w: r.environment.workers, c: r.environment.connections } };
}

const shardArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  offsetMs: fc.integer({ min: 0, max: 3500 }),
  seconds: fc.integer({ min: 1, max: 4 }),
  rpsA: fc.integer({ min: 0, max: 15 }),
  rpsB: fc.integer({ min: 0, max: 15 }),
});
const build = (s: { seed: number; offsetMs: number; seconds: number; rpsA: number; rpsB: number }) => shard(s.seed, s.offsetMs, s.seconds, s.rpsA, s.rpsB);

describe('mergeResults', () => {
  it('takes phases from the same shard whatever the order when shards start in the same millisecond', () => {
    // The property below once found this: two shards starting together, one 1 s and one 2 s long.
    const a = shard(1, 11, 1, 0, 0);
    const b = shard(1, 11, 2, 0, 0);
    expect(mergeResults([a, b]).run).toEqual(mergeResults([b, a]).run);
    expect(mergeResults([a, b]).run.phases).toEqual([{ name: 'steady', startSec: 0, endSec: 1 }]);
  });

  it('is commutative and associative, and the merged count is the sum of counts (property)', () => {
    fc.assert(
      fc.property(shardArb, shardArb, shardArb, (sa, sb, sc) => {
        const [a, b, c] = [build(sa), build(sb), build(sc)];
        // The same run twice is refused (tested below); e.g. two empty shards with the same start.
        fc.pre(!sameRun(a, b) && !sameRun(a, c) && !sameRun(b, c));
        const ab = mergeResults([a, b]);
        expect(fingerprint(ab)).toEqual(fingerprint(mergeResults([b, a])));
        const left = mergeResults([ab, c]);
        const right = mergeResults([a, mergeResults([b, c])]);
        expect(fingerprint(left)).toEqual(fingerprint(right));
        expect(fingerprint(left)).toEqual(fingerprint(mergeResults([a, b, c])));
        expect(left.summary.total.count).toBe(a.summary.total.count + b.summary.total.count + c.summary.total.count);
        expect(left.shards).toBe(3);
      }),
      { numRuns: 15 },
    );
  });

  it('aligns intervals on wall-clock seconds and recomputes run timing', () => {
    const a = shard(1, 0, 3, 10, 5); // seconds 0,1,2
    const b = shard(2, 1500, 3, 10, 5); // starts 1.5 s later: seconds 1,2,3
    const m = mergeResults([a, b]);
    expect(m.intervals.map((iv) => iv.t)).toEqual([0, 1, 2, 3]);
    expect(m.intervals.map((iv) => iv.endpoints.a.completed)).toEqual([10, 20, 20, 10]);
    expect(m.run.startEpochMs).toBe(BASE_MS);
    expect(m.run.durationMs).toBe(4500); // max end (1500 + 3000) − min start
    expect(m.run.endedAt).toBe(new Date(BASE_MS + 4500).toISOString());
    expect(m.environment.workers).toBe(2);
    expect(m.environment.connections).toBe(20);
    expect(m.environment.hostname).toBe('fixture');
    expect(m.summary.total.count).toBe(a.summary.total.count + b.summary.total.count);
    expect(m.summary.durationSec).toBe(4.5);
    expect(a.intervals[0].t).toBe(0); // inputs untouched
    expect(b.intervals[0].t).toBe(0);
  });

  it.each([
    ['a different profile name', { name: 'other' }, /profile name "other" differs from "synthetic"/],
    ['a different spec', { endpoints: [{ name: 'c', rps: 5, medianMs: 10 }] }, /different spec/],
  ])('refuses %s unless forced', (_n, override, message) => {
    const a = shard(1, 0, 2, 5, 5);
    const b = syntheticResult({ endpoints: [{ name: 'a', rps: 5, medianMs: 10 }, { name: 'b', rps: 5, medianMs: 30 }], seconds: 2, ...override });
    expect(() => mergeResults([a, b], { names: ['a.json', 'b.json'] })).toThrow(message);
    expect(() => mergeResults([a, b], { names: ['a.json', 'b.json'] })).toThrow(/^b\.json: cannot merge with a\.json.*--force/);
    const forced = mergeResults([a, b], { force: true });
    expect(forced.summary.total.count).toBe(a.summary.total.count + b.summary.total.count);
    expect(forced.profile.name).toBe('synthetic');
  });

  it('warns when shards did not start together (rates would be diluted)', () => {
    const together = mergeResults([shard(1, 0, 3, 5, 5), shard(2, 4000, 3, 5, 5)]);
    expect(together.summary.warnings.filter((w) => /started up to/.test(w))).toEqual([]);
    const apart = mergeResults([shard(1, 0, 3, 5, 5), shard(2, 60_000, 3, 5, 5)]);
    expect(apart.summary.warnings).toContainEqual(expect.stringMatching(/the shards started up to 60\.0 s apart/));
  });

  it('refuses the same run twice (a copy: same start, host and per-second counters) unless forced', () => {
    const a = shard(1, 0, 3, 5, 5);
    const copy = JSON.parse(JSON.stringify(a)) as ResultFile;
    expect(() => mergeResults([a, shard(2, 0, 3, 7, 5), copy], { names: ['a.json', 'b.json', 'a-copy.json'] })).toThrow(
      /^a-copy\.json: is the same run as a\.json \(same start 2026-01-01T12:00:00\.000Z, host "fixture", identical per-second data\): merging it would count every request twice; use --force/,
    );
    expect(mergeResults([a, copy], { force: true }).summary.total.count).toBe(2 * a.summary.total.count);
    // Not the same run: another host, or another start, or other counters.
    const otherHost = { ...copy, environment: { ...copy.environment, hostname: 'gen-2' } };
    const otherStart = { ...copy, run: { ...copy.run, startEpochMs: copy.run.startEpochMs + 1 } };
    expect([sameRun(a, copy), sameRun(a, otherHost), sameRun(a, otherStart), sameRun(a, shard(1, 0, 3, 5, 6))]).toEqual([true, false, false, false]);
  });

  it('records every target and warns when shards hit different targets', () => {
    const a = shard(1, 0, 3, 5, 5);
    const b = shard(2, 0, 3, 5, 5);
    expect(mergeResults([a, b]).targets).toBeUndefined();
    b.profile.target = 'http://127.0.0.1:41234';
    const m = mergeResults([a, b]);
    expect(m.targets).toEqual(['http://127.0.0.1:41234', 'http://127.0.0.1:8080']);
    expect(m.profile.target).toBe('http://127.0.0.1:8080');
    expect(m.summary.warnings).toContainEqual(expect.stringMatching(/the shards hit 2 different targets \(http:\/\/127\.0\.0\.1:41234, http:\/\/127\.0\.0\.1:8080\)/));
    // A merged input contributes all its targets.
    const c = shard(3, 0, 3, 5, 5);
    c.profile.target = 'http://10.0.0.9:80';
    expect(mergeResults([m, c]).targets).toEqual(['http://10.0.0.9:80', 'http://127.0.0.1:41234', 'http://127.0.0.1:8080']);
  });

  it('refuses an empty list', () => {
    expect(() => mergeResults([])).toThrow(/at least one/);
  });
});
