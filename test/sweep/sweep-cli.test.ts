import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nameBottleneck, type BottleneckName, type StepResources } from '../../src/sweep/bottleneck.js';

const bin = join(import.meta.dirname, '../../bin/capplan.js');
const dir = mkdtempSync(join(tmpdir(), 'capplan-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const root = join(import.meta.dirname, '../..');

function capplan(args: string[], timeout = 20_000) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout, cwd: root });
}

describe('capplan sweep (built CLI)', () => {
  it.each([
    [[], /sweep needs --profile FILE or --target URL/],
    [['--target', 'builtin', '--concurrency', '1,zero'], /--concurrency: expected a comma list of whole numbers >= 1 such as 1,2,4,8 \(got "zero"\)/],
    [['--target', 'builtin', '--step-duration', 'long'], /--step-duration: expected a duration such as 250ms, 5s, 1h30m or 30d \(got "long"\)/],
    [['--target', 'builtin', '--slo', 'p99<<3'], /--slo: .*not an SLO expression/],
    [['--target', 'builtin', '--format', 'xml'], /--format: expected one of console, md, csv, json/],
    [['--target', 'not a url'], /--target: expected builtin or a URL like http:\/\/127\.0\.0\.1:8080 \(http\(s\):\/\/host\[:port\]\) \(got "not a url"\)/],
    [['--target', 'builtin', '--target-workers', '0'], /--target-workers: expected a number >= 1/],
    [['--matrix-workers', '1,2', '--matrix-service-times', '1ms,nope'], /--matrix-service-times: expected a comma list of durations > 0 such as 1ms,10ms,100ms \(got "nope"\)/],
    [['--profile', 'no/such/profile.yaml'], /no\/such\/profile\.yaml: no such file/],
    [['--matrix-workers', '1,2', '--target', 'http://127.0.0.1:9'], /leave out --profile and --target\. For your own service, run one sweep per configuration .* capplan saturation/],
    [['--target', 'builtin', '--payload-sizes', '1KB,lots'], /--payload-sizes: expected a size such as 20KB, 512MB or 2GiB \(got "lots"\)/],
    [['--target', 'builtin', '--payload-sizes', '2MB'], /--payload-sizes: the built-in target serves at most 1 MB \(got 2 MB\)/],
    [['--target', 'builtin', '--payload-sizes', '1KB', '--payload-path', '1KB=/small'], /--payload-path: the built-in target serves every size itself/],
    [['--target', 'http://127.0.0.1:9', '--payload-sizes', '1KB,10KB', '--payload-path', '1KB=/small,100KB=/large'], /no path for 10 KB[\s\S]*--payload-path: 100 KB is not in --payload-sizes/],
    [['--target', 'http://127.0.0.1:9', '--payload-path', '1KB=small'], /--payload-path: expected SIZE=\/path pairs such as 1KB=\/small,10KB=\/medium \(got "1KB=small"\)/],
    [['--target', 'http://127.0.0.1:9', '--payload-path', '1KB=/small'], /--payload-path maps the sizes of --payload-sizes to paths/],
    [['--matrix-workers', '1', '--payload-sizes', '1KB'], /--payload-sizes\/--payload-path do not apply to the workers × task matrix/],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const r = capplan(['sweep', ...args]);
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
  });

  it('finds the built-in target capacity, workers ÷ service time (4 × 10 ms → 400 req/s within 15%)', () => {
    const out = join(dir, 'cap');
    const r = capplan(
      ['sweep', '--target', 'builtin', '--target-workers', '4', '--service-time', '10ms', '--concurrency', '2,16,32', '--step-duration', '3s', '--warmup', '1s', '--format', 'json', '--out-dir', out],
      60_000,
    );
    expect(r.status, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout) as { analysis: { max: { throughput: number; concurrency: number } }; steps: Array<{ concurrency: number }> };
    expect(data.steps.map((s) => s.concurrency)).toEqual([2, 16, 32]);
    expect(data.analysis.max.throughput).toBeGreaterThan(400 * 0.85);
    expect(data.analysis.max.throughput).toBeLessThan(400 * 1.15);
    const points = readFileSync(join(out, 'sweep-points.csv'), 'utf8').split('\n');
    expect(points[0]).toMatch(/^concurrency,throughput,/);
    expect(points.filter((l) => /^\d/.test(l))).toHaveLength(3);
    expect(readFileSync(join(out, 'sweep.md'), 'utf8')).toMatch(/\| concurrency \| get-item req\/s \| get-item p99 ms \|/);
    expect(readFileSync(join(out, 'capacity-matrix.csv'), 'utf8').split('\n')[0]).toBe(
      'concurrency,get-item req/s,get-item p99 ms,total req/s,total p99 ms,errors,generator busy %,target workers busy %,bottleneck',
    );
    // Every step measured both sides; the bottleneck follows from the measurements (the rule is checked exactly
    // in bottleneck.test.ts). Physical, generous: 16 and 32 users keep 4 workers mostly busy even on a busy machine.
    const measured = data.steps as unknown as Array<{ concurrency: number; bottleneck: BottleneckName; resources: StepResources }>;
    for (const s of measured) {
      expect(s.bottleneck).toBe(nameBottleneck(s.resources));
      expect(s.resources.cores).toBeGreaterThanOrEqual(1);
      expect(s.resources.generatorBusyMax).toBeGreaterThan(0);
      expect(s.resources.targetLoopBusy).toBeGreaterThan(0);
      if (s.concurrency >= 16) expect(s.resources.targetWorkersBusy, JSON.stringify(s.resources)).toBeGreaterThan(0.6);
    }
  });

  it("sweeps a profile's endpoint mix; its builtinTarget applies unless a flag overrides it", () => {
    const args = ['sweep', '--profile', 'profiles/steady.yaml', '--concurrency', '1,2,3', '--step-duration', '1s', '--warmup', '0', '--format', 'csv'];
    const fromProfile = capplan([...args, '--out-dir', join(dir, 'p1')], 60_000);
    expect(fromProfile.status, fromProfile.stderr).toBe(0);
    expect(fromProfile.stderr).toMatch(/16 workers × 5ms \(constant\), queue 200/);
    expect(fromProfile.stdout.split('\n')[0]).toBe('concurrency,read req/s,read p99 ms,write req/s,write p99 ms,total req/s,total p99 ms,errors,generator busy %,target workers busy %,bottleneck');
    const overridden = capplan([...args, '--target-workers', '3', '--out-dir', join(dir, 'p2')], 60_000);
    expect(overridden.status, overridden.stderr).toBe(0);
    expect(overridden.stderr).toMatch(/3 workers × 5ms \(constant\), queue 200/);
  });

  it('runs once per payload size against the built-in target and writes the payload matrix', () => {
    const out = join(dir, 'payload');
    const r = capplan(
      ['sweep', '--target', 'builtin', '--target-workers', '2', '--service-time', '20ms', '--concurrency', '4', '--step-duration', '1s', '--warmup', '200ms',
        '--payload-sizes', '1KB,100KB', '--load-levels', '50%', '--format', 'csv', '--out-dir', out],
      60_000,
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('payload_bytes,payload,cell,load,req/s,p99 ms,errors,generator busy %,target workers busy %,target loop busy %,process cores,target CPU cores,load average,bottleneck');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      '1024,1 KB,maximum (closed model)',
      '1024,1 KB,50% of maximum',
      '102400,100 KB,maximum (closed model)',
      '102400,100 KB,50% of maximum',
    ]);
    // 4 users on 2 workers × 20 ms (100 req/s): generous physical bounds on the maximum, and a measured target.
    const max = lines.slice(1).filter((l) => l.includes('maximum (closed')).map((l) => l.split(','));
    for (const cells of max) {
      expect(Number(cells[4])).toBeGreaterThan(50);
      expect(Number(cells[4])).toBeLessThan(115);
      expect(Number(cells[8])).toBeGreaterThan(50); // target workers busy %
      expect(cells[11]).toBe(''); // target CPU cores: the built-in target runs in-process, its CPU is in process cores
    }
    const json = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as { payloads: Array<{ bytes: number; steps: Array<{ summary: { bytesIn: number; count: number } }> }> };
    // The responses carried the requested size: body bytes in ÷ responses = the payload (a 429's short body would pull it down).
    expect(json.payloads.map((p) => p.bytes)).toEqual([1024, 102400]);
    for (const p of json.payloads) {
      const s = p.steps[0].summary;
      expect(s.bytesIn / s.count).toBeGreaterThan(p.bytes * 0.95);
      expect(s.bytesIn / s.count).toBeLessThanOrEqual(p.bytes);
    }
    expect(readFileSync(join(out, 'capacity-matrix.md'), 'utf8')).toMatch(/\| payload \| max req\/s \| at users \| p99 at max ms \| p99 at 50% ms \| bottleneck at max \|/);
    expect(readFileSync(join(out, 'sweep-points-102400B.csv'), 'utf8')).toMatch(/^concurrency,throughput,/);
  });

  it('measures the workers × task matrix of the built-in target and writes md and csv', () => {
    const out = join(dir, 'matrix');
    const r = capplan(['sweep', '--matrix-workers', '1,2', '--matrix-service-times', '20ms,50ms', '--step-duration', '2s', '--warmup', '1s', '--format', 'csv', '--out-dir', out], 60_000);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('workers,task ms,users,nominal req/s,measured req/s,efficiency,p99 ms,errors,bottleneck');
    // Every cell names its bottleneck (which one depends on how busy the machine is).
    for (const l of lines.slice(1)) expect(l.split(',').at(-1)).toMatch(/^(target|GENERATOR \(its own CPU\)|machine CPU \(shared\)|neither at its limit)$/);
    const cells = lines.slice(1).map((l) => l.split(',').slice(0, -1).map(Number));
    expect(cells.map((c) => [c[0], c[1], c[2], c[3]])).toEqual([[1, 20, 2, 50], [1, 50, 2, 20], [2, 20, 4, 100], [2, 50, 4, 40]]);
    // Generous physical bounds: never above nominal by more than 15%, at least half of it on a busy machine.
    for (const c of cells) {
      expect(c[4]).toBeLessThan(c[3] * 1.15);
      expect(c[4]).toBeGreaterThan(c[3] * 0.5);
    }
    expect(readFileSync(join(out, 'capacity-matrix.md'), 'utf8')).toMatch(/\| workers \| task 20ms req\/s \| task 20ms p99 ms \| task 50ms req\/s \| task 50ms p99 ms \|/);
  });
});
