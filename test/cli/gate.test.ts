import { mkdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntheticResult, type SyntheticEndpoint } from '../helpers/synthetic-result.js';
import { runCli } from './analysis-cli.js';
import { expectBadInput, useTempDir } from './cli-helpers.js';

const EPS: SyntheticEndpoint[] = [
  { name: 'home', rps: 60, medianMs: 10, errorRate: 0.002 },
  { name: 'search', rps: 20, medianMs: 40 },
];
const fixture = (seed: number, extra: Partial<Parameters<typeof syntheticResult>[0]> = {}) =>
  JSON.stringify(syntheticResult({ endpoints: EPS, seconds: 20, seed, thresholds: { total: ['p99<500ms'], search: ['error_rate<1%'] }, ...extra }));

describe('capplan gate (built CLI)', () => {
  const tmp = useTempDir('capplan-gate-');
  /** Three replicate runs of each side: base-N.json in base/, rerun-N.json and slow-N.json (+30%) in runs/. */
  const replicated = () => {
    mkdirSync(tmp.path('base'), { recursive: true });
    mkdirSync(tmp.path('runs'), { recursive: true });
    for (let i = 1; i <= 3; i++) {
      tmp.write(`base/base-${i}.json`, fixture(10 + i));
      tmp.write(`runs/rerun-${i}.json`, fixture(20 + i));
      tmp.write(`runs/slow-${i}.json`, fixture(30 + i, { slowdown: { from: 0, to: 20, factor: 1.3 } }));
    }
    return { base: tmp.path('base'), runs: tmp.path('runs') };
  };
  const files = () => ({
    base: tmp.write('base.json', fixture(1)),
    rerun: tmp.write('rerun.json', fixture(2)),
    slow: tmp.write('slow.json', fixture(3, { slowdown: { from: 0, to: 20, factor: 1.3 } })),
    other: tmp.write('other.json', fixture(4, { name: 'other-profile' })),
    empty: tmp.write('empty.json', fixture(5, { seconds: 0 })),
  });

  it('exit 0: three reruns of the same system pass the default limits against three baseline runs (a directory)', async () => {
    const d = replicated();
    const r = await runCli(['gate', `${d.runs}/rerun-1.json`, `${d.runs}/rerun-2.json`, `${d.runs}/rerun-3.json`, '--baseline', d.base]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^### capplan gate: 3 runs vs 3 runs/);
    expect(r.stdout).toMatch(/PASS: all 14 checks passed/); // 2 profile thresholds + 4 default limits × (total, home, search)
    expect(r.stdout).toMatch(/\| p99 \| search \| default \| .* \| 3 vs 3 \|/);
  });

  it('exit 1: a 30% slowdown over 3 vs 3 runs (a glob) fails, the report says which check, and --out writes it', async () => {
    const d = replicated();
    const out = tmp.path('verdict.md');
    const r = await runCli(['gate', `${d.runs}/slow-*.json`, '--baseline', `${d.base}/base-*.json`, '--max-regression', 'p99:+10%', '--slo', 'search:p95<1s', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/❌ FAIL: \d+ of 6 checks failed: p99 \(total\) \+\d+\.\d%, limit \+10%, 3 vs 3 runs, p(=|&lt;)0\.\d+/);
    expect(md).toMatch(/\| p95 \| search \| --slo \|/);
  });

  it('exit 0 with one run per side: a 30% slowdown is inconclusive and says to record ≥ 3 runs per side', async () => {
    const d = replicated();
    const r = await runCli(['gate', `${d.runs}/slow-1.json`, '--baseline', `${d.base}/base-1.json`, '--max-regression', 'p50:+10%', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const check = report.checks.find((c: { type: string }) => c.type === 'regression');
    expect(check.regression).toMatchObject({ design: 'default-band', verdict: 'inconclusive', reason: 'within-band' });
    expect(check.note).toMatch(/record ≥ 3 runs per side/);
  });

  it('exit 1 on an SLO alone (no baseline), json output', async () => {
    const f = files();
    const r = await runCli(['gate', f.base, '--slo', 'p50<1ms', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.pass).toBe(false);
    expect(report.checks.map((c: { source: string; pass: boolean }) => [c.source, c.pass])).toEqual([
      ['--slo', false],
      ['profile thresholds', true],
      ['profile thresholds', true],
    ]);
  });

  it('warns (does not refuse) when the profiles differ', async () => {
    const f = files();
    const r = await runCli(['gate', f.other, '--baseline', f.base, '--max-regression', 'p99:+50%']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/⚠️ profile "other-profile" .* differs from profile "synthetic"/);
  });

  it.each<[string, (f: ReturnType<typeof files>) => string[], RegExp]>([
    ['a missing file', (f) => ['gate', f.base + '.nope', '--slo', 'p99<1s'], /base\.json\.nope: no such file/],
    ['a bad --slo', (f) => ['gate', f.base, '--slo', 'p99 < fast'], /--slo: "p99 < fast" is not an SLO expression; expected METRIC OP VALUE/],
    ['a bad --max-regression', (f) => ['gate', f.base, '--baseline', f.rerun, '--max-regression', 'p99:-10%'], /--max-regression: "p99:-10%": a regression of p99 is an increase; write p99:\+10%/],
    ['--max-regression without --baseline', (f) => ['gate', f.base, '--max-regression', 'p99:+10%'], /--max-regression needs --baseline/],
    ['a result with 0 intervals', (f) => ['gate', f.empty, '--slo', 'p99<1s'], /empty\.json: the result has no intervals/],
    ['an empty baseline', (f) => ['gate', f.base, '--baseline', f.empty], /empty\.json: the result has no intervals/],
    ['an unknown endpoint', (f) => ['gate', f.base, '--slo', 'cart:p99<1s'], /--slo "cart:p99<1s": endpoint "cart" is not in .*base\.json \(endpoints: home, search\)/],
    ['every bad --slo at once, each named as typed', (f) => ['gate', f.base, '--slo', 'cart:p99<1s', '--slo', 'p99 < fast'], /^capplan: 2 problems:\n  --slo "cart:p99<1s": endpoint "cart" is not in .*base\.json \(endpoints: home, search\)\n  --slo: "p99 < fast" is not an SLO expression/],
    ['an unknown --endpoint', (f) => ['gate', f.base, '--baseline', f.rerun, '--endpoint', 'cart'], /--endpoint "cart" is not in/],
    ['a bad --format', (f) => ['gate', f.base, '--slo', 'p99<1s', '--format', 'csv'], /--format: expected one of md, json, console/],
    ['a bad --alpha', (f) => ['gate', f.base, '--slo', 'p99<1s', '--alpha', '2'], /^capplan: --alpha: expected a fraction < 1 \(got "2"\)$/m],
    ['nothing to check', (f) => ['gate', tmp.write('plain.json', JSON.stringify(syntheticResult({ endpoints: EPS, seconds: 3 })))], /nothing to check/],
    ['not a result file', () => ['gate', tmp.write('x.json', '{"hello":1}'), '--slo', 'p99<1s'], /not a capplan result file/],
    ['a glob matching nothing', () => ['gate', tmp.path('nothing-*.json'), '--slo', 'p99<1s'], /nothing-\*\.json: no file matches this pattern/],
    ['the same file on both sides', (f) => ['gate', f.base, '--baseline', f.base], /base\.json is both a current run and a baseline run/],
  ])('exit 2 on %s', async (_name, args, message) => {
    const r = await runCli(args(files()));
    expectBadInput(r, message);
  });
});
