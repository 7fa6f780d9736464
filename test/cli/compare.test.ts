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
    expect(homeP50.significant).toBe('true');
    expect(rows.find((x) => x.scope === 'home' && x.metric === 'rps')!.significant).toBe('false');
    // Machine-friendly: snake_case headers, units in a column, raw numbers (never formula-guarded, no units in cells).
    expect(r.stdout.split('\n')[0]).toBe(
      'scope,metric,unit,a_value,b_value,change,change_pct,ci_low_pct,ci_high_pct,confidence,p_value,p_adjusted,correction,significant,n_seconds_a,n_seconds_b,note',
    );
    expect([homeP50.unit, rows.find((x) => x.metric === 'rps')!.unit]).toEqual(['ms', 'per_sec']);
    for (const k of ['a_value', 'b_value', 'change', 'change_pct', 'ci_low_pct', 'ci_high_pct', 'p_value', 'p_adjusted']) {
      expect(homeP50[k], k).toMatch(/^-?\d+(\.\d+)?(e-?\d+)?$/);
    }
    expect(Number(homeP50.change)).toBeCloseTo(Number(homeP50.b_value) - Number(homeP50.a_value), 6);
    expect(Number(homeP50.change_pct)).toBeGreaterThan(40);
    expect(Number(homeP50.ci_low_pct)).toBeLessThan(Number(homeP50.ci_high_pct));
    expect(homeP50.correction).toBe('holm');
    // A negative change is a plain number, not quoted as text.
    const rpsRow = rows.find((x) => Number(x.change) < 0);
    if (rpsRow) expect(rpsRow.change).toMatch(/^-\d/);
    expect(r.stdout).not.toMatch(/'[-+]/);
  });

  it('console is the default format and exits 0 even for big differences', async () => {
    const f = files();
    const r = await runCli(['compare', f.a, f.b, '--resamples', '200']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/differences are significant/);
  });

  it.each<[string, (f: ReturnType<typeof files>) => string[], RegExp]>([
    ['an unknown metric', (f) => ['compare', f.a, f.b, '--metrics', 'p50,p98'], /--metrics: expected a comma list of p50, .*error_rate \(got "p98"\)/],
    ['a missing file', (f) => ['compare', f.a, f.b + 'x'], /b\.jsonx: no such file/],
    ['a bad --format', (f) => ['compare', f.a, f.b, '--format', 'html'], /--format must be one of console, md, csv, json/],
  ])('exit 2 on %s', async (_n, args, message) => {
    expectBadInput(await runCli(args(files())), message);
  });
});
