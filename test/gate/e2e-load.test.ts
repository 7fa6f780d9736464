/**
 * End to end: two tiny real loads against a local node:http server slowed on purpose
 * (5 ms vs 15 ms per response), then `capplan gate` on the result files.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/paths.js';
import { startServer } from '../load/helpers.js';

const BIN = join(packageRoot(), 'bin', 'capplan.js');

function capplan(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('gate on real loads (built CLI, 127.0.0.1)', () => {
  let dir: string;
  let delayMs = 5;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'capplan-gate-e2e-'));
    server = await startServer((_req, res) => {
      setTimeout(() => res.end('ok'), delayMs);
    });
    writeFileSync(
      join(dir, 'profile.yaml'),
      `name: gate-e2e
target: ${server.url}
shape: { type: steady, rate: 150, duration: 5s }
endpoints:
  - name: item
    method: GET
    path: /item
`,
    );
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const load = async (out: string, delay: number) => {
    delayMs = delay;
    const r = await capplan(['load', '--profile', 'profile.yaml', '--workers', '1', '--connections', '16', '--quiet', '--out', out], dir);
    expect(r.stderr).not.toMatch(/unexpected error/);
    expect(r.code).toBe(0);
  };

  // The rerun limit is generous (+100%) because a busy CI machine moves a 5 ms median by milliseconds; the slowdown is +200%.
  it('a 5 → 15 ms slowdown fails (exit 1); a rerun at 5 ms passes (exit 0)', async () => {
    await load('base.json', 5);
    await load('rerun.json', 5);
    await load('slow.json', 15);

    const slow = await capplan(['gate', 'slow.json', '--baseline', 'base.json', '--max-regression', 'p50:+20%', '--format', 'json', '--resamples', '500'], dir);
    expect(slow.stderr).toBe('');
    expect(slow.code).toBe(1);
    const report = JSON.parse(slow.stdout);
    expect(report.checks).toHaveLength(1); // one endpoint: its data is the total, checked once
    const p50Total = report.checks[0];
    expect(p50Total.scope).toBe('total');
    expect(p50Total.pass).toBe(false);
    expect(p50Total.regression.change).toBeGreaterThan(0.5); // ≈ 15/5 − 1 = +200% minus overheads; generous
    expect(p50Total.regression.pAdjusted).toBeLessThan(0.05);

    const rerun = await capplan(['gate', 'rerun.json', '--baseline', 'base.json', '--max-regression', 'p50:+100%', '--resamples', '500'], dir);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/✅ PASS/);
  });
});
