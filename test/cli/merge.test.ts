import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { runCli } from './analysis-cli.js';
import { expectBadInput, useTempDir } from './cli-helpers.js';
import type { ResultFile } from '../../src/results/types.js';

const EPS = [{ name: 'api', rps: 30, medianMs: 10 }];
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('capplan merge (built CLI)', () => {
  const tmp = useTempDir('capplan-merge-');
  const shard = (name: string, seed: number, offsetMs: number, profile?: string) =>
    tmp.write(name, JSON.stringify(syntheticResult({ endpoints: EPS, seconds: 4, seed, startEpochMs: T0 + offsetMs, ...(profile ? { name: profile } : {}) })));

  it('writes one result with counts summed and seconds aligned', async () => {
    const a = shard('a.json', 1, 0);
    const b = shard('b.json', 2, 1000);
    const out = tmp.path('merged.json');
    const r = await runCli(['merge', a, b, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/merged 2 shards \(2 generators\): 240 requests over 5 s/);
    const m = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    expect(m.shards).toBe(2);
    expect(m.summary.total.count).toBe(240);
    expect(m.intervals.map((iv) => iv.endpoints.api.completed)).toEqual([30, 60, 60, 60, 30]);
    // The merged file is itself a valid input: gate reads it.
    const g = await runCli(['gate', out, '--slo', 'count==240']);
    expect(g.code).toBe(0);
  });

  it('refuses different profiles without --force, merges with it', async () => {
    const a = shard('a.json', 1, 0);
    const c = shard('c.json', 3, 0, 'checkout');
    const out = tmp.path('forced.json');
    expectBadInput(await runCli(['merge', a, c, '--out', out]), /c\.json: cannot merge with .*a\.json: profile name "checkout" differs from "synthetic"; use --force/);
    const r = await runCli(['merge', a, c, '--out', out, '--force']);
    expect(r.code).toBe(0);
  });

  it('refuses the same file twice (by path or a copy) without --force; warns about different targets', async () => {
    const a = shard('a.json', 1, 0);
    const out = tmp.path('twice.json');
    expectBadInput(await runCli(['merge', a, a, '--out', out]), /a\.json: is given twice \(also as .*a\.json\): merging a file with itself counts every request twice; use --force/);
    const copy = tmp.write('copy.json', readFileSync(a, 'utf8'));
    expectBadInput(await runCli(['merge', a, copy, '--out', out]), /copy\.json: is the same run as .*a\.json .*count every request twice; use --force/);
    const forced = await runCli(['merge', a, a, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as ResultFile).summary.total.count).toBe(240);
    const other = syntheticResult({ endpoints: EPS, seconds: 4, seed: 5, startEpochMs: T0 });
    other.profile.target = 'http://127.0.0.1:45678';
    const b = tmp.write('b.json', JSON.stringify(other));
    const r = await runCli(['merge', a, b, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: the shards hit 2 different targets \(http:\/\/127\.0\.0\.1:45678, http:\/\/127\.0\.0\.1:8080\)/);
    expect((JSON.parse(readFileSync(out, 'utf8')) as ResultFile).targets).toEqual(['http://127.0.0.1:45678', 'http://127.0.0.1:8080']);
  });

  it.each<[string, () => string[], RegExp]>([
    ['one file', () => ['merge', shard('a.json', 1, 0), '--out', tmp.path('x.json')], /at least two result files/],
    ['no --out', () => ['merge', shard('a.json', 1, 0), shard('b.json', 2, 0)], /required option '--out <file>'/],
    ['a missing shard', () => ['merge', shard('a.json', 1, 0), tmp.path('nope.json'), '--out', tmp.path('x.json')], /nope\.json: no such file/],
  ])('exit 2 on %s', async (_n, args, message) => {
    const r = await runCli(args());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['the first input', (a: string) => a],
    ['an input by another spelling', (a: string) => a.replace(/\/([^/]+)$/, '/./$1')],
  ])('issue 9 case 1: merge --out naming %s is refused and the input is untouched (exit 2)', async (_name, outOf) => {
    const a = shard('in-a.json', 1, 0);
    const b = shard('in-b.json', 2, 0);
    const before = readFileSync(a, 'utf8');
    const r = await runCli(['merge', a, b, '--out', outOf(a)]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--out: expected a file that is not one of the inputs/);
    expect(readFileSync(a, 'utf8')).toBe(before);
  });
});
