import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/capplan.js');
const dir = mkdtempSync(join(tmpdir(), 'capplan-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capplan(args: string[], timeout = 20_000) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout });
}

describe('capplan sweep (built CLI)', () => {
  it.each([
    [[], /sweep needs --profile FILE or --target URL/],
    [['--target', 'builtin', '--concurrency', '1,zero'], /--concurrency: "zero" is not an integer ≥ 1/],
    [['--target', 'builtin', '--step-duration', 'long'], /--step-duration must be a duration > 0/],
    [['--target', 'builtin', '--slo', 'p99<<3'], /--slo: .*not an SLO expression/],
    [['--target', 'builtin', '--format', 'xml'], /--format must be one of console, md, csv, json/],
    [['--target', 'not a url'], /--target: "not a url" is not a URL/],
    [['--target', 'builtin', '--target-workers', '0'], /--target-workers: expected a number >= 1/],
    [['--matrix-workers', '1,2', '--matrix-service-times', '1ms,nope'], /--matrix-service-times: "nope" is not a duration > 0/],
    [['--profile', 'no/such/profile.yaml'], /no\/such\/profile\.yaml: no such file/],
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
    expect(readFileSync(join(out, 'capacity-matrix.csv'), 'utf8').split('\n')[0]).toBe('concurrency,get-item req/s,get-item p99 ms,total req/s,total p99 ms,errors');
  });
});
