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
  /** Three runs per side (run-level factors 0.97, 1, 1.03), B 50% slower: a glob per side. */
  const files = () => {
    [0.97, 1, 1.03].forEach((f, i) => {
      tmp.write(`a-${i + 1}.json`, JSON.stringify(syntheticResult({ endpoints: EPS, seconds: 15, seed: 1 + i, slowdown: { from: 0, to: 15, factor: f } })));
      tmp.write(`b-${i + 1}.json`, JSON.stringify(syntheticResult({ endpoints: EPS, seconds: 15, seed: 11 + i, slowdown: { from: 0, to: 15, factor: 1.5 * f } })));
    });
    return { a: tmp.path('a-*.json'), b: tmp.path('b-*.json'), a1: tmp.path('a-1.json'), a2: tmp.path('a-2.json'), b1: tmp.path('b-1.json') };
  };

  it('csv over three runs per side: one row per scope × metric, with the run-level test', async () => {
    const f = files();
    const r = await runCli(['compare', f.a, f.b, '--format', 'csv', '--metrics', 'p50,rps']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => `${x.scope}/${x.metric}`)).toEqual(['total/p50', 'total/rps', 'home/p50', 'home/rps', 'search/p50', 'search/rps']);
    const homeP50 = rows.find((x) => x.scope === 'home' && x.metric === 'p50')!;
    expect(homeP50.significant).toBe('true');
    expect(rows.find((x) => x.scope === 'home' && x.metric === 'rps')!.significant).toBe('false');
    expect([homeP50.runs_a, homeP50.runs_b, homeP50.beyond_noise_band]).toEqual(['3', '3', '']);
    // Machine-friendly: snake_case headers, units in a column, raw numbers (never formula-guarded, no units in cells).
    expect(r.stdout.split('\n')[0]).toBe(
      'scope,metric,unit,a_value,b_value,change,change_pct,ci_low,ci_high,ci_low_pct,ci_high_pct,confidence,p_value,p_adjusted,correction,significant,beyond_noise_band,runs_a,runs_b,note',
    );
    expect([homeP50.unit, rows.find((x) => x.metric === 'rps')!.unit]).toEqual(['ms', 'per_sec']);
    for (const k of ['a_value', 'b_value', 'change', 'change_pct', 'ci_low', 'ci_high', 'ci_low_pct', 'ci_high_pct', 'p_value', 'p_adjusted']) {
      expect(homeP50[k], k).toMatch(/^-?\d+(\.\d+)?(e-?\d+)?$/);
    }
    expect(Number(homeP50.change)).toBeCloseTo(Number(homeP50.b_value) - Number(homeP50.a_value), 6);
    expect(Number(homeP50.change_pct)).toBeGreaterThan(40);
    expect(Number(homeP50.ci_low_pct)).toBeLessThan(Number(homeP50.ci_high_pct));
    expect(homeP50.correction).toBe('holm');
    expect(r.stdout).not.toMatch(/'[-+]/);
  });

  it('one run per side: no p-value, the noise band instead, and the output says why', async () => {
    const f = files();
    const csv = await runCli(['compare', f.a1, f.a2, '--format', 'csv', '--metrics', 'p50']);
    const row = (parse(csv.stdout, { columns: true }) as Array<Record<string, string>>)[0];
    expect([row.p_value, row.significant, row.beyond_noise_band, row.runs_a]).toEqual(['', '', 'false', '1']);
    const text = await runCli(['compare', f.a1, f.b1]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/one run per side cannot separate run noise from a change/);
  });

  it('console is the default format and exits 0 even for big differences', async () => {
    const f = files();
    const r = await runCli(['compare', f.a, f.b]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/differences are significant/);
  });

  it.each<[string, (f: ReturnType<typeof files>) => string[], RegExp]>([
    ['an unknown metric', (f) => ['compare', f.a, f.b, '--metrics', 'p50,p98'], /--metrics: expected a comma list of p50, .*error_rate \(got "p98"\)/],
    ['a missing file', (f) => ['compare', f.a1, f.b1 + 'x'], /b-1\.jsonx: no such file/],
    ['a bad --format', (f) => ['compare', f.a, f.b, '--format', 'html'], /--format: expected one of console, md, csv, json/],
  ])('exit 2 on %s', async (_n, args, message) => {
    expectBadInput(await runCli(args(files())), message);
  });
});
