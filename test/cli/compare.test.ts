import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { runCli } from './analysis-cli.js';
import { expectBadInput, useTempDir } from './cli-helpers.js';

const EPS = [
  { name: 'home', rps: 50, medianMs: 10 },
  { name: 'search', rps: 20, medianMs: 40, errorRate: 0.01 },
];

describe('capplan compare (built CLI)', () => {
  const tmp = useTempDir('capplan-compare-');
  const files = () => ({
    a: tmp.write('a.json', JSON.stringify(syntheticResult({ endpoints: EPS, seconds: 15, seed: 1 }))),
    b: tmp.write('b.json', JSON.stringify(syntheticResult({ endpoints: EPS, seconds: 15, seed: 2, slowdown: { from: 0, to: 15, factor: 1.5 } }))),
  });

  it('csv: one row per scope × metric, with significance', async () => {
    const f = files();
    const r = await runCli(['compare', f.a, f.b, '--format', 'csv', '--metrics', 'p50,rps', '--resamples', '200']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => `${x.scope}/${x.metric}`)).toEqual(['total/p50', 'total/rps', 'home/p50', 'home/rps', 'search/p50', 'search/rps']);
    const homeP50 = rows.find((x) => x.scope === 'home' && x.metric === 'p50')!;
    expect(homeP50.significant).toBe('yes');
    expect(Number.parseFloat(homeP50['change %'].replace(/^'/, ''))).toBeGreaterThan(40);
    expect(rows.find((x) => x.scope === 'home' && x.metric === 'rps')!.significant).toBe('no');
  });

  it('console is the default format and exits 0 even for big differences', async () => {
    const f = files();
    const r = await runCli(['compare', f.a, f.b, '--resamples', '200']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/differences are significant/);
  });

  it.each<[string, (f: ReturnType<typeof files>) => string[], RegExp]>([
    ['an unknown metric', (f) => ['compare', f.a, f.b, '--metrics', 'p50,p98'], /--metrics: unknown metric "p98"/],
    ['a missing file', (f) => ['compare', f.a, f.b + 'x'], /b\.jsonx: no such file/],
    ['a bad --format', (f) => ['compare', f.a, f.b, '--format', 'html'], /--format must be one of console, md, csv, json/],
  ])('exit 2 on %s', async (_n, args, message) => {
    expectBadInput(await runCli(args(files())), message);
  });
});
