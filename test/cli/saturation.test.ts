import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from './analysis-cli.js';
import { expectGolden } from '../helpers/golden.js';

describe('capplan saturation (built CLI)', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'capplan-saturation-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['specsdm91', 'raytracer'])('profiles/usl-%s.csv: md and csv match the golden files', async (name) => {
    for (const format of ['md', 'csv']) {
      const r = await runCli(['saturation', `profiles/usl-${name}.csv`, '--format', format]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expectGolden(`saturation/${name}.${format}`, r.stdout);
    }
  });

  it('json is the typed fit: published specsdm91 coefficients within 1%', async () => {
    const r = await runCli(['saturation', 'profiles/usl-specsdm91.csv', '--format', 'json']);
    expect(r.code).toBe(0);
    const { fit, columns } = JSON.parse(r.stdout);
    expect(columns).toEqual({ concurrency: 'load', throughput: 'throughput' });
    expect(Math.abs(fit.sigma.value / 2.773e-2 - 1)).toBeLessThan(0.01);
    expect(Math.abs(fit.kappa.value / 1.044e-4 - 1)).toBeLessThan(0.01);
    expect(Math.abs(fit.lambda.value / 90.0 - 1)).toBeLessThan(0.01);
  });

  it('csv carries the coefficients, R² and the peak', async () => {
    const r = await runCli(['saturation', 'profiles/usl-specsdm91.csv', '--format', 'csv']);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => x.symbol)).toEqual(['σ', 'κ', 'λ', 'R²', 'N*', 'X(N*)']);
  });

  it('--x/--y pick columns; a 90% confidence narrows the intervals; the console shows the peak formula', async () => {
    const p = file('custom.csv', 'vus,reqs,other\n1,64.9,a\n18,995.9,b\n36,1652.4,c\n72,1853.2,d\n108,1828.9,e\n144,1775,f\n216,1702.2,g\n');
    const r95 = JSON.parse((await runCli(['saturation', p, '--x', 'vus', '--y', 'reqs', '--format', 'json'])).stdout);
    const r90 = JSON.parse((await runCli(['saturation', p, '--x', 'vus', '--y', 'reqs', '--confidence', '90%', '--format', 'json'])).stdout);
    expect(r90.fit.sigma.value).toBe(r95.fit.sigma.value);
    expect(r90.fit.sigma.ci[1] - r90.fit.sigma.ci[0]).toBeLessThan(r95.fit.sigma.ci[1] - r95.fit.sigma.ci[0]);
    const c = await runCli(['saturation', p, '--x', 'vus', '--y', 'reqs']);
    expect(c.stdout).toMatch(/N\* = √\(\(1 − σ\) \/ κ\) = √\(\(1 − 0\.02773\) \/ 0\.0001044\) = 96\.52/);
  });

  it('a hard-capped target (4 workers × 10 ms = 400 req/s): the headline is the measured maximum and knee, λ/σ only an extrapolation', async () => {
    const p = file('hard-cap.csv', 'concurrency,throughput\n1,98\n2,196\n4,392\n8,400\n16,400\n32,400\n');
    const r = await runCli(['saturation', p]);
    expect(r.code).toBe(0);
    const headline = r.stdout.split('\n')[1];
    expect(headline).toMatch(/^measured maximum 400 at concurrency 8, knee at 4; the USL's λ\/σ = 68\d\.\d+ is only an extrapolation$/);
    expect(headline).not.toMatch(/approaches/);
    expect(r.stdout).toMatch(/the USL fit cannot be quoted as capacity here \(flat top: concurrency 8, 16, 32 .*; its ceiling 68\d\.\d\/s is 7\d% above the measured maximum 400\/s\)/);
    expect(r.stdout).toMatch(/asymptotic throughput \(extrapolation\)/);
    const json = JSON.parse((await runCli(['saturation', p, '--format', 'json'])).stdout);
    expect(json.trust).toMatchObject({ trusted: false, measuredMax: { concurrency: 8, throughput: 400 }, knee: { concurrency: 4, throughput: 392 } });
  });

  it('a good fit with its peak inside the measured range keeps the USL headline (specsdm91)', async () => {
    const r = await runCli(['saturation', 'profiles/usl-specsdm91.csv', '--format', 'json']);
    expect(JSON.parse(r.stdout).trust).toMatchObject({ trusted: true, reasons: [] });
  });

  it('warns (exit 0) about few points', async () => {
    const p = file('few.csv', 'concurrency,throughput\n1,10\n2,19\n4,35\n8,60\n');
    const r = await runCli(['saturation', p]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning: only 4 points/);
  });

  it.each<[string, string, string[], RegExp]>([
    ['a missing file', '', [], /nope\.csv: no such file/],
    ['no concurrency column', 'a,throughput\n1,2\n', [], /no concurrency column; name one with --x \(the columns are: a, throughput\)/],
    ['an unknown --y column', 'n,x\n1,2\n', ['--y', 'tput2'], /no column "tput2" \(--y\)/],
    ['a non-numeric cell', 'n,x\n1,10\n2,n/a\n4,30\n', [], /row 3, column "x": expected a number, got "n\/a"/],
    ['a negative throughput', 'n,x\n1,10\n2,-20\n4,30\n', [], /row 3, column "x": must be > 0, got -20/],
    ['two rows, one with a negative cell: both problems', 'n,x\n1,10\n2,-20\n', [], /: 2 problems\n.*: the USL fit needs at least 3 rows \(concurrency, throughput\); found 2\n.*:3: row 3, column "x": must be > 0, got -20\n$/],
    ['bad cells in both columns', 'n,x\n1,10\nz,-20\n3,4\n', [], /: 2 problems\n.*row 3, column "n": expected a number, got "z"\n.*row 3, column "x": must be > 0, got -20\n$/],
    ['too few points', 'n,x\n1,10\n2,20\n', [], /at least 3 rows .* found 2/],
    ['one concurrency level', 'n,x\n4,10\n4,11\n4,12\n', [], /at least 3 distinct concurrency levels; got 1/],
    ['a bad confidence', 'n,x\n1,10\n2,20\n4,30\n', ['--confidence', '120%'], /--confidence: expected a fraction < 1/],
  ])('%s → exit 2 naming the file/row/flag', async (name, text, extra, re) => {
    const p = name === 'a missing file' ? join(dir, 'nope.csv') : file(`bad-${name.replace(/\W+/g, '-')}.csv`, text);
    const r = await runCli(['saturation', p, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(re);
  });

  /** `rows` points of a USL curve (σ = 0.05, κ = 0.0005, λ = 1000) over N = 1..64, with ±2 % deterministic noise. */
  const uslCsv = (rows: number) => {
    let out = 'n,x\n';
    for (let i = 0; i < rows; i++) {
      const n = 1 + (i % 64);
      out += `${n},${((1000 * n) / (1 + 0.05 * (n - 1) + 0.0005 * n * (n - 1))) * (1 + 0.02 * Math.sin(i))}\n`;
    }
    return out;
  };

  it.each([
    ['case 4: 3000 rows render a bounded "Fitted points" table, stating the method', 3000, 0],
    ['case 4: more rows than the stated limit (50 000) are refused at once, no stack overflow', 60_000, 2],
  ])('issue 9 %s', async (_name, rows, code) => {
    const r = await runCli(['saturation', file(`usl-${rows}.csv`, uslCsv(rows)), '--format', 'md']);
    expect(r.code, r.stderr).toBe(code);
    if (code === 2) {
      expect(r.stderr).toContain('the USL fit takes at most 50000 points; got 60000');
      expect(r.stderr).not.toMatch(/stack|at .*\.js/);
      return;
    }
    expect(r.stdout).toContain('of 3000 points shown: every 15th in concurrency order, and the last');
    const tableRows = r.stdout.split('Fitted points')[1].split('\n').filter((l) => /^\| \d/.test(l));
    expect(tableRows.length).toBeLessThanOrEqual(201);
    expect(tableRows.length).toBeGreaterThan(150);
  });
});
