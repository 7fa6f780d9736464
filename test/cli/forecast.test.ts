import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { runCli } from './analysis-cli.js';
import { expectGolden } from '../helpers/golden.js';
import { expectBadInput, useTempDir } from './cli-helpers.js';

const SAMPLE = ['forecast', 'profiles/metrics-daily.csv', '--limit', 'cpu_avg=80', '--limit', 'memory_gb=32', '--limit', 'requests_per_day=150k', '--horizon', '90d'];

describe('capplan forecast (built CLI)', () => {
  const tmp = useTempDir('capplan-forecast-');
  const file = tmp.write;

  it.each(['md', 'csv'])('the §17.5.1-style sample: %s matches the golden file', async (format) => {
    const r = await runCli([...SAMPLE, '--format', format]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectGolden(`forecast/metrics-daily.${format}`, r.stdout);
  });

  it('the sample: CPU crosses 80 % within 90 days (weekly cycle found), memory never reaches 32 GB', async () => {
    const r = await runCli([...SAMPLE, '--format', 'csv']);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    const byMetric = Object.fromEntries(rows.map((row) => [row.metric, row]));
    expect(byMetric.cpu_avg.verdict).toBe('within-horizon');
    expect(byMetric.cpu_avg.model).toBe('trend + weekly');
    expect(byMetric.memory_gb.verdict).toMatch(/^(falling|not-significant)$/);
    expect(byMetric.memory_gb.crosses_status).toBe('never');
    expect(byMetric.memory_gb.crosses_date).toBe('');
  });

  it('csv: snake_case headers, raw numbers and a level column; console tables fit in 80 columns', async () => {
    const r = await runCli([...SAMPLE, '--format', 'csv']);
    const [head] = r.stdout.split('\n');
    for (const h of head.split(',')) expect(h).toMatch(/^[a-z0-9_]+$/);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => [x.level, x.limit])).toEqual([['0.95', '80'], ['0.95', '32'], ['0.95', '150000']]);
    expect(Number(rows[0].r2)).toBeGreaterThan(0.9);
    expect(rows[0].earliest_date).toMatch(/^\d{4}-\d\d-\d\d$/);
    const con = await runCli(SAMPLE);
    const tableLines = con.stdout.split('\n').filter((l) => /^[┌│├└]/.test(l));
    expect(tableLines.length).toBeGreaterThan(0);
    for (const l of tableLines) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('json is the typed result; --out writes the file', async () => {
    const out = tmp.path('f.json');
    const r = await runCli([...SAMPLE, '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const data = JSON.parse(readFileSync(out, 'utf8'));
    expect(data.forecasts.map((f: { metric: string }) => f.metric)).toEqual(['cpu_avg', 'memory_gb', 'requests_per_day']);
    expect(data.forecasts[0].crossing.peak.status).toBe('within-horizon');
  });

  it('exact linear epoch-second data crosses on the exact date', async () => {
    // y = 10 + 2 per day from 2024-01-01 (epoch 1704067200) for 10 days; 100 is reached at day 45 = 2024-02-15.
    const rows = Array.from({ length: 10 }, (_, i) => `${1704067200 + i * 86400},${10 + 2 * i}`);
    const p = file('linear.csv', `time,load\n${rows.join('\n')}\n`);
    const r = await runCli(['forecast', p, '--limit', 'load=100', '--format', 'csv']);
    expect(r.code).toBe(0);
    const [row] = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect([row.crosses_status, row.crosses_date, row.crosses_days, row.verdict]).toEqual(['within-horizon', '2024-02-15', '36', 'within-horizon']);
  });

  it.each([
    // the sample's CPU seasonal peaks reach 80 in 58.1 days
    ['6w', 0],
    ['9w', 1],
  ])('--fail-within %s → exit %d', async (within, code) => {
    const r = await runCli(['forecast', 'profiles/metrics-daily.csv', '--limit', 'cpu_avg=80', '--fail-within', within, '--format', 'csv']);
    expect(r.code).toBe(code);
    // Exit 1 says on stderr which metric reaches which limit when; exit 0 says nothing.
    if (code === 1) expect(r.stderr).toMatch(/^capplan: --fail-within \(\d+ days\): cpu_avg reaches its limit 80 on \d{4}-\d{2}-\d{2} \(in [\d.]+ days, seasonal peaks\)\n$/);
    else expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^metric,/);
  });

  it('without --limit, reports every column\'s trend', async () => {
    const r = await runCli(['forecast', 'profiles/metrics-daily.csv', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => [x.metric, x.verdict])).toEqual([
      ['requests_per_day', 'no-limit'],
      ['cpu_avg', 'no-limit'],
      ['memory_gb', 'no-limit'],
      ['latency_p99_ms', 'no-limit'],
    ]);
  });

  const dates = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
  it.each([
    ['missing column', 'date,cpu\n' + dates(5).map((d, i) => `${d},${i}`).join('\n'), ['--limit', 'memory=32'], /no column "memory" \(--limit\); the columns are: date, cpu/],
    ['non-numeric cell, with its row', 'date,cpu\n' + dates(5).map((d, i) => `${d},${i === 3 ? 'n/a' : i}`).join('\n'), ['--limit', 'cpu=80'], /:5: row 5, column "cpu": expected a number, got "n\/a"/],
    ['negative value', 'date,cpu\n' + dates(5).map((d, i) => `${d},${i === 1 ? -3 : i}`).join('\n'), ['--limit', 'cpu=80'], /row 3, column "cpu": must be >= 0, got -3/],
    ['too few points', 'date,cpu\n2024-01-01,1\n2024-01-02,2\n', ['--limit', 'cpu=80'], /too few points: a forecast needs at least 3 data rows, got 2/],
    ['bad date', 'date,cpu\n' + ['2024-01-01', '2024-02-30', '2024-01-03', 'yesterday'].map((d, i) => `${d},${i}`).join('\n'), ['--limit', 'cpu=80'], /row 3, column "date": expected an ISO date .*got "2024-02-30"[\s\S]*row 5, column "date": expected an ISO date .*got "yesterday"/],
    ['epoch milliseconds', 'time,cpu\n1704067200000,1\n1704153600000,2\n1704240000000,3\n', [], /row 2, column "time": .*got "1704067200000" \(this looks like epoch milliseconds; divide by 1000\)/],
    ['times out of order', 'date,cpu\n2024-01-02,1\n2024-01-01,2\n2024-01-03,3\n', ['--limit', 'cpu=80'], /row 3, column "date": timestamps must increase/],
    ['no time column', 'when,cpu\n1,2\n', [], /no timestamp column; name one with --time/],
    ['bad --limit', 'date,cpu\n2024-01-01,1\n', ['--limit', 'cpu'], /--limit: expected NAME=VALUE such as cpu_avg=80 \(got "cpu"\)/],
    ['bad --horizon', 'date,cpu\n2024-01-01,1\n', ['--horizon', 'soon'], /--horizon: expected a duration such as 250ms, 5s, 1h30m or 30d \(got "soon"\)/],
    ['bad --fail-within', 'date,cpu\n2024-01-01,1\n', ['--fail-within', 'later'], /--fail-within: expected a duration such as 250ms, 5s, 1h30m or 30d \(got "later"\)/],
    ['bad --seasonality', 'date,cpu\n2024-01-01,1\n', ['--seasonality', 'yearly'], /--seasonality: expected one of auto, none, daily, weekly \(got "yearly"\)/],
  ])('bad input → exit 2: %s', async (name, text, args, message) => {
    const p = file(`${name.replace(/\W+/g, '-')}.csv`, text);
    expectBadInput(await runCli(['forecast', p, ...args]), message);
  });

  it('a missing file → exit 2 naming it', async () => {
    expectBadInput(await runCli(['forecast', 'nope.csv']), /^capplan: nope\.csv: no such file; expected a CSV file with a header row\n$/);
  });
});
