import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/capplan.js');

describe('capplan target (built CLI)', () => {
  it.each([
    [['--workers', '0'], /--workers: expected a number >= 1 \(got "0"\)/],
    [['--workers', '1.5'], /--workers: expected a number that is a whole number/],
    [['--service-time', 'fast'], /--service-time: expected a duration such as 250ms, 5s, 1h30m or 30d \(got "fast"\)/],
    [['--service-time', 'GET /item=0ms'], /--service-time "GET \/item": expected a duration \(in seconds\) > 0 \(got "0ms"\)/],
    [['--queue', '-1'], /--queue: expected a number >= 0/],
    [['--port', '99999'], /--port: expected a number <= 65535/],
    [['--distribution', 'pareto'], /--distribution: expected one of constant, exponential, lognormal \(got "pareto"\)/],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const r = spawnSync(process.execPath, [bin, 'target', ...args], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('exits 2 naming the port when it is already in use', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = spawnSync(process.execPath, [bin, 'target', '--port', String(port)], { encoding: 'utf8', timeout: 20_000 });
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toBe(`capplan: port ${port} on 127.0.0.1 is already in use; pick another with --port`);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('serves until SIGTERM, then exits 0', async () => {
    const child = spawn(process.execPath, [bin, 'target', '--port', '0', '--workers', '2', '--service-time', '1ms'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
      child.stdout.on('data', () => {
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
    });
    expect(out).toMatch(/2 workers × 1ms \(constant\), queue 1000 → capacity 2000 req\/s/);
    const res = await fetch(`${url}/item/1`);
    expect(res.status).toBe(200);
    await res.text();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/SIGTERM: stopped\. served 1, rejected \(429\) 0/);
  });
});
