import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { runCli } from './analysis-cli.js';
import { expectGolden } from '../helpers/golden.js';
import { expectBadInput, useTempDir } from './cli-helpers.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

describe('capplan cost (built CLI)', () => {
  const tmp = useTempDir('capplan-cost-');
  const file = tmp.write;

  it.each(['md', 'csv'])("the guide's §17.5.5 fleets: %s matches the golden file", async (format) => {
    const r = await runCli(['cost', 'profiles/fleet.yaml', '--format', format]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectGolden(`cost/fleet.${format}`, r.stdout);
  });

  it('A, B and C each cost $979.20/month; A and B survive losing one instance, C does not; B is recommended', async () => {
    const r = await runCli(['cost', 'profiles/fleet.yaml', '--format', 'csv', '--margin', '0']);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => [x.fleet, x.monthly_usd, x.survives_instance_loss, x.utilization_after_instance_loss, x.recommended])).toEqual([
      ['A', '979.2', 'true', '0.833333333333', 'false'],
      ['B', '979.2', 'true', '0.714285714286', 'true'],
      ['C', '979.2', 'false', '1.25', 'false'],
    ]);
    const md = await runCli(['cost', 'profiles/fleet.yaml', '--format', 'md']);
    expect(md.stdout).toContain('Recommended: B (8 × c5.xlarge) at $979.20/month ($1\u202f175.04–$1\u202f272.96 with a 20–30% margin)');
  });

  it('csv: snake_case headers and raw numbers only (no $, %, "yes (…)"); console tables fit in 100 columns', async () => {
    const r = await runCli(['cost', 'profiles/fleet.yaml', '--format', 'csv']);
    const [head, ...body] = r.stdout.trim().split('\n');
    for (const h of head.split(',')) expect(h).toMatch(/^[a-z0-9_]+$/);
    for (const cell of body.join(',').split(',')) expect(cell).toMatch(/^(-?[\d.e+-]+|true|false|[A-Z]|c5\.\w+|)$/);
    const con = await runCli(['cost', 'profiles/fleet.yaml']);
    const tableLines = con.stdout.split('\n').filter((l) => /^[┌│├└]/.test(l));
    expect(tableLines.length).toBeGreaterThan(0);
    for (const l of tableLines) expect(l.length).toBeLessThanOrEqual(100);
  });

  it('a single --margin prints one value, not a range', async () => {
    const r = await runCli(['cost', 'profiles/fleet.yaml', '--margin', '25%']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recommended: B (8 × c5.xlarge) at $979.20/month ($1\u202f224.00 with a 25% margin)');
    expect(r.stdout).not.toContain('$1\u202f224.00–$1\u202f224.00');
  });

  it('a load profile → exit 2 pointing to the fleet file format', async () => {
    expectBadInput(await runCli(['cost', 'profiles/steady.yaml']), /^capplan: profiles\/steady\.yaml: 1 problem\n.*this is a load profile, not a fleet file; see profiles\/fleet\.yaml\n$/);
  });

  it('peakFrom: the peak is the highest upper 95% bound of the forecast within the horizon', async () => {
    const fc = await runCli(['forecast', 'profiles/metrics-rps.csv', '--horizon', '90d', '--format', 'json']);
    const upper = JSON.parse(fc.stdout).forecasts[0].horizonPeak.upper.value;
    const r = await runCli(['cost', 'profiles/fleet-forecast.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.input.peakRps).toBe(upper);
    expect(upper).toBeGreaterThan(5000);
    expect(upper).toBeLessThan(6000);
    expect(report.input.peakSource).toMatch(/^highest upper 95% bound of "peak_rps" within 90d of metrics-rps\.csv \(trend \+ daily \+ weekly/);
    const md = await runCli(['cost', 'profiles/fleet-forecast.yaml', '--format', 'md']);
    expectGolden('cost/fleet-forecast.md', md.stdout);
  });

  it('peakFrom naming a missing column → exit 2 naming the fleet field', async () => {
    const csv = file('m.csv', 'date,rps\n2024-01-01,1\n2024-01-02,2\n2024-01-03,3\n');
    const p = file('pf.yaml', `peakFrom: { forecast: ${csv}, metric: peak }\ninstanceTypes:\n  - { name: a, hourlyUsd: 0.1, capacityRps: 100 }\n`);
    expectBadInput(await runCli(['cost', p]), /m\.csv: no column "peak" \(.*pf\.yaml: peakFrom\.metric\); the columns are: date, rps/);
  });

  it('capacityFrom: per-instance capacity measured from a result file and a sweep.json', async () => {
    // 120 req/s for 10 s with a 5-s burst to 360 req/s → highest 5-s mean = 360
    file('run.json', JSON.stringify(syntheticResult({ endpoints: [{ name: 'a', rps: 120, medianMs: 4 }], seconds: 10, rateFactor: (t) => (t >= 3 && t < 8 ? 3 : 1) })));
    file('sweep.json', JSON.stringify({ analysis: { max: { concurrency: 64, throughput: 2400 }, slo: { slo: 'p99<200ms', lastPass: { concurrency: 32, throughput: 1900 } } } }));
    const p = file('measured.yaml', 'peakRps: 1000\ninstanceTypes:\n  - { name: small, hourlyUsd: 0.1, capacityFrom: run.json }\n  - { name: big, hourlyUsd: 0.5, capacityFrom: sweep.json }\n');
    const r = await runCli(['cost', p, '--format', 'json']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.input.instanceTypes.map((t: { capacityRps: number }) => t.capacityRps)).toEqual([360, 1900]);
    // small: ⌈1000 / (0.75 × 360)⌉ = 4 for the target, ⌈1000/360⌉ + 1 = 4 with N+1
    expect(report.sizing[0]).toMatchObject({ type: 'small', minForTarget: 4, minForTargetAndNPlusOne: 4 });
    const md = await runCli(['cost', p, '--format', 'md']);
    expect(md.stdout).toContain('small capacity = highest 5-s mean of successful responses in run.json: 360 rps');
    expect(md.stdout).toContain('big capacity = throughput at the last sweep step meeting p99&lt;200ms (32 users) in sweep.json: 1\u202f900 rps');
  });

  it('capacityFrom a file that is neither a sweep nor a result → exit 2', async () => {
    file('other.json', '{"hello": 1}');
    const p = file('other.yaml', 'peakRps: 1000\ninstanceTypes:\n  - { name: small, hourlyUsd: 0.1, capacityFrom: other.json }\n');
    expectBadInput(await runCli(['cost', p]), /other\.json: not a capplan result file/);
  });

  it('without candidates, sizes each type; json is the typed report', async () => {
    const p = file('nocand.yaml', 'peakRps: 5000\nhoursPerMonth: 720\ninstanceTypes:\n  - { name: small, hourlyUsd: 0.17, capacityRps: 1000 }\n  - { name: big, hourlyUsd: 0.68, capacityRps: 4000 }\n');
    const out = tmp.path('r.json');
    const r = await runCli(['cost', p, '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.fleetsFrom).toBe('sizing');
    expect(report.fleets.map((f: { type: string; count: number }) => [f.type, f.count])).toEqual([
      ['small', 7],
      ['big', 3],
    ]);
    expect(report.recommendation.fleet.type).toBe('small');
  });

  it.each([
    ['unknown key with did-you-mean', 'peakRps: 5000\ninstanceTypes:\n  - { name: a, hourlyUsd: 0.1, capacityRPS: 100 }\n', [], /: 1 problem\n.*:3:32: instanceTypes\[0\]\.capacityRPS: unknown key "capacityRPS"; did you mean "capacityRps"\?/],
    ['negative price', 'peakRps: 5000\ninstanceTypes:\n  - { name: a, hourlyUsd: -0.1, capacityRps: 100 }\n', [], /:3:27: instanceTypes\[0\]\.hourlyUsd: must be a price ≥ 0 \(USD per hour\) \(got -0\.1\)/],
    ['unknown candidate type', 'peakRps: 5000\ninstanceTypes:\n  - { name: c5.xlarge, hourlyUsd: 0.1, capacityRps: 100 }\ncandidates:\n  - { type: c5.xlrge, count: 2 }\n', [], /candidates\[0\]\.type: unknown instance type "c5\.xlrge"; did you mean "c5\.xlarge"\?/],
    ['bad --margin', 'peakRps: 5000\n', ['--margin', '30%..20%'], /--margin: expected a fraction or a range LOW\.\.HIGH with 0 ≤ LOW ≤ HIGH, e\.g\. 20%\.\.30% \(got "30%\.\.20%"\)/],
    ['bad --format', 'peakRps: 5000\n', ['--format', 'xml'], /--format: expected one of console, md, csv, json/],
  ])('bad input → exit 2: %s', async (name, text, args, message) => {
    const p = file(`${name.replace(/\W+/g, '-')}.yaml`, text);
    expectBadInput(await runCli(['cost', p, ...args]), message);
  });

  it('a missing file → exit 2 naming it', async () => {
    expectBadInput(await runCli(['cost', 'nope.yaml']), /^capplan: nope\.yaml: no such file; expected a fleet \.yaml \(see profiles\/fleet\.yaml\)\n$/);
  });

  it.each([
    ['case 4: a peak of 1e11 rps on 1-rps instances is sized in bounded time', 'peakRps: 1e11\nzones: 2\ninstanceTypes:\n  - { name: tiny, hourlyUsd: 0.01, capacityRps: 1 }\n', 0, ''],
    ['case 4: a cost that overflows to ∞ is refused (exit 2)', 'peakRps: 1e300\nzones: 2\ninstanceTypes:\n  - { name: big, hourlyUsd: 1e10, capacityRps: 1000 }\n', 2, 'cannot size this fleet'],
  ])('issue 9 %s', async (_name, yaml, code, message) => {
    const started = Date.now();
    const r = await runCli(['cost', file(`huge-${code}.yaml`, yaml as string), '--format', 'json']);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toContain(message as string);
    expect(r.stdout).not.toMatch(/Infinity|∞/);
    expect(Date.now() - started).toBeLessThan(25_000);
    if (code === 0) {
      // zone loss: ⌊count/2⌋ survivors ≥ 1e11 → count ≈ 2e11 (closed form, no linear search; the check's
      // relative tolerance of 1e-9 admits 99 999 999 999 survivors at this scale, hence 2e11 − 2)
      const sizing = JSON.parse(r.stdout).sizing[0];
      expect(sizing.minForTarget).toBe(Math.ceil(1e11 / 0.75));
      expect(sizing.minForTargetAndZoneLoss).toBe(2e11 - 2);
    }
  });
});
