import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { runCli } from './analysis-cli.js';
import { expectGolden } from '../helpers/golden.js';
import { formatCount } from '../../src/render/format.js';

const GUIDE = ['slo', '--objective', '99.9%', '--window', '30d', '--requests', '30M', '--error-rate', '0.2%'];

describe('capplan slo (built CLI)', () => {
  let dir: string;
  let resultPath: string;
  let expected: { errorRate: number; achievedRate: number };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'capplan-slo-'));
    resultPath = join(dir, 'result.json');
    const result = syntheticResult({ endpoints: [{ name: 'GET /', rps: 100, medianMs: 20, errorRate: 0.02 }], seconds: 10, seed: 9 });
    expected = { errorRate: result.summary.total.errorRate, achievedRate: result.summary.total.achievedRate };
    writeFileSync(resultPath, JSON.stringify(result));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('md and csv match the golden files', async () => {
    for (const format of ['md', 'csv']) {
      const r = await runCli([...GUIDE, '--format', format]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expectGolden(`slo/guide-30d.${format}`, r.stdout);
    }
  });

  it("reproduces §17.6.3: 30M requests at 99.9% → 30 000 failed requests per month, 1000 per day", async () => {
    const rows = parse((await runCli([...GUIDE, '--format', 'csv'])).stdout, { columns: true }) as Array<Record<string, string>>;
    const value = (q: string) => rows.find((x) => x.quantity === q)?.value;
    expect([value('budget in requests'), value('budget per day'), value('budget in time'), value('burn rate')]).toEqual(['30000', '1000', '43.2', '2']);
  });

  it('console shows the workbook thresholds and the burn formula', async () => {
    const r = await runCli(GUIDE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('burn rate = observed / budget = 0.2% / 0.1% = 2×');
    expect(r.stdout).toContain('e.g. 2% × 30d / 1h = 14.4×, threshold 14.4 × 0.1% = 1.44%');
    expect(r.stdout).toMatch(/burning the error budget at 2×: exhausted in 15d/);
    const tableLines = r.stdout.split('\n').filter((l) => /^[┌│├└]/.test(l));
    expect(tableLines.length).toBeGreaterThan(0);
    for (const l of tableLines) expect(l.length).toBeLessThanOrEqual(100);
  });

  it('--result reads the error rate from a result file and extrapolates requests per window', async () => {
    const r = await runCli(['slo', '--objective', '99%', '--window', '7d', '--result', resultPath, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.observedErrorRate).toBe(expected.errorRate);
    expect(data.source).toMatchObject({ resultFile: resultPath, requestsExtrapolated: true });
    expect(data.requestsPerWindow).toBeCloseTo(expected.achievedRate * 7 * 86_400, 6);
    expect(data.burnRate).toBeCloseTo(expected.errorRate / 0.01, 9);
  });

  it('--result: whole, readable request counts in text and tables (no 739707552.0); csv keeps whole numbers', async () => {
    const r = await runCli(['slo', '--objective', '99%', '--window', '30d', '--result', resultPath]);
    expect(r.code).toBe(0);
    const perWindow = Math.round(expected.achievedRate * 30 * 86_400);
    expect(r.stdout).toContain(`in requests: 1% × ${formatCount(perWindow)} (extrapolated`);
    expect(r.stdout).toContain(`= ${formatCount(perWindow * 0.01)} failed requests per window`);
    expect(r.stdout).not.toMatch(/\d\.\d failed requests/);
    const rows = parse((await runCli(['slo', '--objective', '99%', '--result', resultPath, '--format', 'csv'])).stdout, { columns: true }) as Array<Record<string, string>>;
    const requests = rows.filter((x) => x.unit === 'requests').map((x) => x.value);
    expect(requests.length).toBe(4);
    for (const v of requests) expect(v).toMatch(/^\d+$/);
  });

  it('a 1h window: the budget in time is in seconds (3.6 s), not 0.06 minutes; tables use percent, json fractions', async () => {
    const r = await runCli(['slo', '--objective', '99.9%', '--window', '1h', '--error-rate', '1.44%']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('in time: 0.1% × 1h = 3.6 s of full outage per window');
    expect(r.stdout).toMatch(/│ budget in time\s+│ 3\.6 s\s+│/);
    expect(r.stdout).toMatch(/│ observed error rate\s+│ 1\.44%\s+│/);
    expect(r.stdout).not.toContain('0.0144');
    expect(r.stdout).not.toContain('minutes');
    const data = JSON.parse((await runCli(['slo', '--objective', '99.9%', '--window', '1h', '--error-rate', '1.44%', '--format', 'json'])).stdout);
    expect(data.observedErrorRate).toBe(0.0144);
  });

  it('a 1-day window leaves out the 3-day rule with a warning', async () => {
    const r = await runCli(['slo', '--objective', '99.5%', '--window', '1d']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning: left out the ticket rule over 3d: longer than the 1d window/);
  });

  it.each<[string, string[], RegExp]>([
    ['no objective', ['slo'], /--objective is required/],
    ['an objective without %', ['slo', '--objective', '99.9'], /did you mean 99\.9%\?/],
    ['a 100% objective', ['slo', '--objective', '100%'], /--objective: expected a percentage between 0% and 100%/],
    ['a 150% objective: out of range, no did-you-mean', ['slo', '--objective', '150%'], /--objective: expected a percentage between 0% and 100%, exclusive, such as 99\.9% \(got "150%"\)$/m],
    ['an unparsable window', ['slo', '--objective', '99%', '--window', 'a month'], /--window: expected a duration/],
    ['an error rate over 100%', ['slo', '--objective', '99%', '--error-rate', '150%'], /--error-rate: expected a fraction <= 1/],
    ['negative requests', ['slo', '--objective', '99%', '--requests', '-10'], /--requests: expected a number >= 0/],
    ['both sources', ['slo', '--objective', '99%', '--error-rate', '1%', '--result', 'x.json'], /either --error-rate or --result, not both/],
    ['a missing result file', ['slo', '--objective', '99%', '--result', 'missing-result.json'], /missing-result\.json: no such file/],
  ])('%s → exit 2 with a clear message', async (_name, args, re) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(re);
  });
});
