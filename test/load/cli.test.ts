import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultFile } from '../../src/results/read.js';
import { packageRoot } from '../../src/util/paths.js';
import { startServer } from './helpers.js';

/** Run the built CLI; resolves with exit code and output. `onStderr` sees stderr as it arrives. */
function capplan(args: string[], opts: { env?: Record<string, string>; onStderr?: (text: string, kill: (s: NodeJS.Signals) => void) => void } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(packageRoot(), 'bin/capplan.js'), ...args], {
      cwd: dir,
      env: { ...process.env, ...opts.env, FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      opts.onStderr?.(stderr, (s) => child.kill(s));
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
let server: Awaited<ReturnType<typeof startServer>>;
const seenAuth: string[] = [];
const SECRET = 's3cr3t-token-value-123';

function profileFile(name: string, body: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, body);
  return path;
}

const steady = (target: string, rate: number, duration: string, extra = '') => `name: t
target: ${target}
shape: { type: steady, rate: ${rate}, duration: ${duration} }
endpoints:
  - name: home
    method: GET
    path: /home
${extra}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'capplan-load-cli-'));
  server = await startServer((req, res) => {
    if (req.headers.authorization) seenAuth.push(req.headers.authorization);
    if (req.url === '/hang') return; // never answers
    res.end('ok');
  });
});
afterAll(() => server.close());

describe('capplan load (built CLI)', () => {
  it('missing --profile → exit 2 with one line', async () => {
    const r = await capplan(['load']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/missing --profile FILE/);
  });

  it('bad profile → exit 2 naming the file and field, no stack trace', async () => {
    const file = profileFile('bad', steady(server.url, -5, '2s'));
    const r = await capplan(['load', '--profile', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/shape\.rate/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('unreachable target → exit 2 with one line', async () => {
    // Port 9 on loopback: nothing listens there.
    const file = profileFile('down', steady('http://127.0.0.1:9', 10, '1s'));
    const r = await capplan(['load', file, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unreachable: connection refused/);
  });

  it('--json prints only the summary JSON on stdout; secrets never reach the result or the output', async () => {
    const out = join(dir, 'json.json');
    const file = profileFile('json', steady(server.url, 20, '1s', `headers:\n  Authorization: "Bearer \${env:CAPPLAN_TEST_SECRET}"\n`));
    const r = await capplan(['load', '--profile', file, '--json', '--out', out], { env: { CAPPLAN_TEST_SECRET: SECRET } });
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.total.count).toBe(20);
    expect(seenAuth).toContain(`Bearer ${SECRET}`);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).toContain('${env:CAPPLAN_TEST_SECRET}');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    const result = await readResultFile(out);
    expect(result.summary.total.count).toBe(20);
    expect(result.environment.connections).toBeGreaterThan(0);
  });

  it('--json carries every threshold the console shows: metric, limit, measured value and pass', async () => {
    const file = profileFile('json-thr', steady(server.url, 20, '1s', 'thresholds:\n  total: [p50<0.001ms, error_rate<1%]\n  home: [rps>=0]\n'));
    const r = await capplan(['load', file, '--json', '--out', join(dir, 'json-thr.json')]);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout) as { total: { count: number }; thresholds: Array<Record<string, unknown>> };
    expect(summary.total.count).toBe(20);
    expect(summary.thresholds).toEqual([
      { scope: 'total', slo: 'p50<0.001ms', metric: 'p50', limit: { op: '<', value: 0.001 }, actual: expect.any(Number), unit: 'ms', pass: false },
      { scope: 'total', slo: 'error_rate<1%', metric: 'error_rate', limit: { op: '<', value: 0.01 }, actual: 0, unit: 'fraction', pass: true },
      { scope: 'home', slo: 'rps>=0', metric: 'rps', limit: { op: '>=', value: 0 }, actual: expect.any(Number), unit: 'per-sec', pass: true },
    ]);
  });

  it('failing thresholds → exit 1 and name the threshold; the table and the result path are printed', async () => {
    const out = join(dir, 'thr.json');
    const file = profileFile('thr', steady(server.url, 20, '1s', 'thresholds:\n  total: [p50<0.001ms, error_rate<1%]\n'));
    const r = await capplan(['load', file, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 of 2 thresholds failed: total p50<0\.001ms \(actual [\d.]+ ms\)/);
    expect(r.stdout).toMatch(/^❌ .*; 1\/2 thresholds passed$/m);
    expect(r.stdout).toMatch(/│ ❌ +│ total +│ p50<0\.001ms +│/);
    expect(r.stdout).toContain(`result: ${out}`);
    expect(existsSync(out)).toBe(true);
  });

  it('a phase-scoped threshold (total@steady) is checked and named with its scope', async () => {
    const out = join(dir, 'thr-phase.json');
    const file = profileFile('thr-phase', steady(server.url, 20, '3s', 'thresholds:\n  total@steady: [p50<0.001ms, error_rate<1%]\n'));
    const r = await capplan(['load', file, '--out', out]);
    expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(1);
    expect(r.stderr).toMatch(/1 of 2 thresholds failed: total@steady p50<0\.001ms/);
    expect(r.stdout).toMatch(/total@steady/);
  });

  it('--duration stretches the whole shape to the given length; --quiet prints only the path', async () => {
    const out = join(dir, 'dur.json');
    const file = profileFile('dur', steady(server.url, 20, '10s'));
    const r = await capplan(['load', file, '--duration', '1s', '--quiet', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${out}\n`);
    const result = await readResultFile(out);
    expect(result.run.plannedDurationMs).toBe(1000);
    expect(result.run.scale).toBeCloseTo(0.1, 10);
    expect(result.summary.total.count).toBe(20);
  });

  it('bad flags → exit 2 naming the flag', async () => {
    const file = profileFile('flags', steady(server.url, 20, '1s'));
    for (const [args, re] of [
      // Same style as the analysis commands: `--flag: expected … (got "value")`.
      [['--workers', '0'], /^capplan: --workers: expected a number >= 1 \(got "0"\)$/],
      [['--workers', '1.5'], /^capplan: --workers: expected a number that is a whole number \(got "1.5"\)$/],
      [['--connections', 'lots'], /^capplan: --connections: expected a number such as 1000, 2.5 or 1k \(got "lots"\)$/],
      [['--scale', '-1'], /^capplan: --scale: expected a number > 0 \(got "-1"\)$/],
      [['--scale', 'abc'], /^capplan: --scale: expected a number such as 1000, 2.5 or 1k \(got "abc"\)$/],
      [['--duration', 'soon'], /^capplan: --duration: expected a duration such as 250ms, 5s, 1h30m or 30d \(got "soon"\)$/],
      [['--duration', '0s'], /^capplan: --duration: expected a duration \(in seconds\) > 0 \(got "0s"\)$/],
      [['--grace', 'x'], /^capplan: --grace: expected a duration such as/],
      [['--seed', '1.5'], /^capplan: --seed: expected a number that is a whole number \(got "1.5"\)$/],
      [['--scale', '0.5', '--duration', '1s'], /either --scale or --duration/],
      [['--target', 'ftp://x'], /^capplan: --target: expected builtin or a URL like http:\/\/127\.0\.0\.1:8080 \(http\(s\):\/\/host\[:port\]\); the scheme must be http or https \(got "ftp:\/\/x"\)$/],
    ] as Array<[string[], RegExp]>) {
      const r = await capplan(['load', file, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim(), args.join(' ')).toMatch(re);
    }
  });

  it('SIGINT → exit 130 with a valid partial result (run.interrupted)', async () => {
    const out = join(dir, 'int.json');
    const file = profileFile('int', steady(server.url, 20, '30s'));
    let sent = false;
    const r = await capplan(['load', file, '--out', out, '--progress'], {
      onStderr: (text, kill) => {
        // Interrupt after the second progress line.
        if (!sent && (text.match(/achieved/g) ?? []).length >= 2) {
          sent = true;
          kill('SIGINT');
        }
      },
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted: partial result written/);
    const result = await readResultFile(out);
    expect(result.run.interrupted).toBe(true);
    expect(result.summary.total.count).toBeGreaterThan(10);
    expect(result.summary.total.count).toBeLessThan(600);
    expect(result.summary.warnings.join(' ')).toMatch(/interrupted/);
  });

  it('SIGINT early in a 60 s run: no progress after the stop message, intervals end at the real end', async () => {
    const out = join(dir, 'int60.json');
    const file = profileFile('int60', steady(server.url, 20, '60s'));
    let sent = false;
    const r = await capplan(['load', file, '--out', out, '--progress'], {
      onStderr: (text, kill) => {
        // ~2 s into the run: at the second progress line (the first comes after the first second).
        if (!sent && /\[\s*2\/60 s · ETA/.test(text)) {
          sent = true;
          kill('SIGINT');
        }
      },
    });
    expect(r.code).toBe(130);
    const [before, after] = r.stderr.split(/capplan: SIGINT: stopping/);
    expect(before).toMatch(/achieved/);
    expect(after).toBeDefined();
    expect(after).not.toMatch(/achieved|\[\s*\d+\/60 s · ETA/);
    const result = await readResultFile(out);
    expect(result.run.interrupted).toBe(true);
    expect(result.run.plannedDurationMs).toBe(60_000);
    expect(result.run.durationMs).toBeLessThan(20_000);
    expect(Number.isInteger(result.run.durationMs)).toBe(true);
    expect(result.summary.durationSec).toBe(result.run.durationMs / 1000);
    expect(result.intervals.length).toBeLessThanOrEqual(Math.ceil(result.run.durationMs / 1000) + 1);
    // The last second is kept only when it has data: no empty seconds trail the run.
    expect(Object.keys(result.intervals[result.intervals.length - 1].endpoints).length).toBeGreaterThan(0);
    const t = result.summary.total;
    expect(t.achievedRate).toBeCloseTo(t.count / result.summary.durationSec, 2);
  });

  it('--json: durations have at most 3 decimals', async () => {
    const file = profileFile('json-dur', steady(server.url, 20, '1s'));
    const r = await capplan(['load', file, '--json', '--out', join(dir, 'json-dur.json')]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { durationSec: number };
    expect(Math.round(summary.durationSec * 1000) / 1000).toBe(summary.durationSec);
    expect(r.stdout).toMatch(/"durationSec": \d+(\.\d{1,3})?,/);
  });

  it('a second SIGINT quits at once, without waiting for the grace period', async () => {
    // Requests to /hang never finish, so after the first SIGINT the run would wait the full 20 s grace.
    const file = profileFile('int2', steady(server.url, 20, '30s').replace('/home', '/hang') + 'timeout: 60s\n');
    let sent = false;
    let resent = false;
    let firstAt = 0;
    const r = await capplan(['load', file, '--out', join(dir, 'int2.json'), '--progress', '--grace', '20s'], {
      onStderr: (text, kill) => {
        if (!sent && /achieved/.test(text)) {
          // First SIGINT starts the grace period; the second one, once the first was handled, must quit at once.
          sent = true;
          firstAt = Date.now();
          kill('SIGINT');
        }
        if (sent && !resent && /SIGINT: stopping/.test(text)) {
          resent = true;
          kill('SIGINT');
        }
      },
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/capplan: SIGINT again: stopped at once; no result was written\n$/);
    expect(existsSync(join(dir, 'int2.json'))).toBe(false);
    expect(Date.now() - firstAt).toBeLessThan(10_000);
  });
});
