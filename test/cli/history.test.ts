import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { mkdirSync } from 'node:fs';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { runCli } from './analysis-cli.js';
import { expectBadInput, useTempDir } from './cli-helpers.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

describe('capplan history (built CLI)', () => {
  const tmp = useTempDir('capplan-history-');
  /** 24 nightly runs in nightly/, p50 10 ms then 14 ms from night 13 on; commit labels two per commit. */
  const nightly = () => {
    mkdirSync(tmp.path('nightly'), { recursive: true });
    for (let i = 0; i < 24; i++) {
      const r = syntheticResult({ endpoints: [{ name: 'read', rps: 100, medianMs: (i < 12 ? 10 : 14) * (1 + 0.01 * (i % 3)) }], seconds: 4, seed: i + 1, startEpochMs: T0 + i * DAY });
      tmp.write(`nightly/run-${String(i + 1).padStart(2, '0')}.json`, JSON.stringify({ ...r, labels: { commit: `c${Math.floor(i / 2)}` } }));
    }
    tmp.write('nightly/notes.json', JSON.stringify({ kind: 'something-else' }));
    return tmp.path('nightly');
  };

  it('console: names the run the shift started at and its size; a non-result JSON in the directory is skipped with a warning', async () => {
    const dir = nightly();
    const r = await runCli(['history', dir, '--metrics', 'p50,rps']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 change point over 24 runs: p50 \+\d+\.\d% at .*run-13\.json \(point 13 of 24/);
    expect(r.stdout).toMatch(/notes\.json is not a capplan result file; skipped/);
  });

  it('--by commit groups the replicates; csv has one raw row per commit', async () => {
    const dir = nightly();
    const r = await runCli(['history', `${dir}/run-*.json`, '--by', 'commit', '--metrics', 'p50', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => x.key)).toEqual(Array.from({ length: 12 }, (_, i) => `c${i}`));
    expect(rows.map((x) => x.runs)).toEqual(Array(12).fill('2'));
    expect(rows.map((x) => x.change_starts)).toEqual(Array.from({ length: 12 }, (_, i) => (i === 6 ? 'p50' : '')));
    expect(Number(rows[0].p50_ms)).toBeGreaterThan(8);
  });

  it('json and md carry the same change point; html is one self-contained page with a chart per metric', async () => {
    const dir = nightly();
    const json = JSON.parse((await runCli(['history', dir, '--metrics', 'p50', '--format', 'json'])).stdout);
    expect(json.metrics[0].changes.map((c: { index: number }) => c.index)).toEqual([12]);
    const md = (await runCli(['history', dir, '--metrics', 'p50', '--format', 'md'])).stdout;
    expect(md).toMatch(/\| p50 \| .*run-13\.json \| 13 \|/);
    const html = await runCli(['history', dir, '--metrics', 'p50,p99', '--format', 'html', '--out', tmp.path('h.html')]);
    expect(html.code).toBe(0);
    const page = (await import('node:fs')).readFileSync(tmp.path('h.html'), 'utf8');
    expect(page).toMatch(/<div class="plot" id="chart-p50">/);
    expect(page).toMatch(/<div class="plot" id="chart-p99">/);
    expect(page).toMatch(/Content-Security-Policy/);
    expect(page).not.toMatch(/<script src=/);
  });

  it.each([
    [['history', '/nonexistent/dir/*.json'], /no file matches this pattern/],
    [['history', '/nonexistent.json', '/also-missing.json'], /2 problems:[\s\S]*nonexistent\.json: no such file[\s\S]*also-missing\.json: no such file/],
    [['history', 'x.json', '--metrics', 'p98'], /--metrics: expected a comma list of p50, .* \(got "p98"\)/],
    [['history', 'x.json', '--min-points', '1'], /--min-points: expected a number >= 2 \(got "1"\)/],
    [['history', 'x.json', '--format', 'pdf'], /--format/],
  ])('bad input %j exits 2', async (args, message) => {
    expectBadInput(await runCli(args), message);
  });
});
