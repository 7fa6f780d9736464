import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResultFile } from '../../src/results/types.js';

const bin = join(import.meta.dirname, '../../bin/capplan.js');
const dir = mkdtempSync(join(tmpdir(), 'capplan-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('capplan demo (built CLI)', () => {
  it('runs spike.yaml scaled down against the built-in target, prints the summary and the result path', () => {
    const out = join(dir, 'demo.json');
    // --scale 0.006: the 1050 s scenario in ~6.3 s; users × 0.05: at most 250 users.
    const r = spawnSync(process.execPath, [bin, 'demo', '--scale', '0.006', '--users', '0.05', '--out', out], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/profiles\/spike\.yaml × 0\.006 duration \(6s\), users × 0\.05/);
    expect(r.stderr).toMatch(/built-in target on http:\/\/127\.0\.0\.1:\d+: 8 workers/);
    // 250 users offer ≈ 231 req/s against ≈ 255 req/s: no saturation is promised
    expect(r.stderr).toMatch(/at the peak: 250 users \/ \(1\u202f050 ms think \+ 31\.4 ms service\) ≈ 231 req\/s vs capacity 255 req\/s for this mix \(91% busy\), near capacity/);
    expect(r.stderr).not.toMatch(/expect the queue to fill/);
    expect(r.stdout).toMatch(/spike \(closed model → http:\/\/127\.0\.0\.1:\d+\)/);
    expect(r.stdout).toMatch(/Phases/);
    for (const phase of ['ramp-up', 'spike', 'steady', 'ramp-down']) expect(r.stdout).toContain(phase);
    // the honest wall time: ≥ the load itself (≈ 6.3 s), with start-up and drain on top
    const wall = /wall time ([\d.]+) s: ([\d.]+) s of load/.exec(r.stdout);
    expect(wall, r.stdout).not.toBeNull();
    expect(Number(wall![1])).toBeGreaterThan(Number(wall![2]));
    expect(Number(wall![2])).toBeGreaterThan(5);
    expect(r.stdout).toContain(`result: ${out}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    expect(result.profile.name).toBe('spike');
    expect(result.run.scale).toBe(0.006);
    expect(result.summary.total.count).toBeGreaterThan(0);
    expect(result.summary.endpoints.map((e) => e.name).sort()).toEqual(['create', 'popular', 'random']);
  });

  it('--quiet prints only the result path', () => {
    const out = join(dir, 'quiet.json');
    const r = spawnSync(process.execPath, [bin, 'demo', '--scale', '0.003', '--users', '0.01', '--out', out, '--quiet'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(out);
  });

  it.each([
    [['--scale', '0'], /--scale: expected a number > 0/],
    [['--users', '2'], /--users: expected a number <= 1/],
    [['--users', 'many'], /--users: expected a number such as/],
  ])('exits 2 for bad flags %j', (args, message) => {
    const r = spawnSync(process.execPath, [bin, 'demo', ...args], { encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
  });
});
