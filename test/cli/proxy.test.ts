import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildTarget, type ChildTarget } from '../helpers/child-target.js';

const bin = join(import.meta.dirname, '../../bin/capplan.js');

const children: ChildTarget[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
});

describe('capplan proxy and target chaos flags (built CLI)', () => {
  it.each([
    [['proxy'], /--upstream is required/],
    [['proxy', '--upstream', 'ftp://x'], /--upstream: expected builtin or a URL like .*the scheme must be http or https/],
    [['proxy', '--upstream', 'http://127.0.0.1:9', '--error-rate', '150%'], /--error-rate: expected a fraction <= 1/],
    [['proxy', '--upstream', 'http://127.0.0.1:9', '--slow', '9s..1s'], /--slow: expected a delay range such as 100ms\.\.500ms/],
    [['proxy', '--upstream', 'http://127.0.0.1:9', '--slow-rate', '10%'], /--slow-rate needs --slow MIN\.\.MAX/],
    [['target', '--leak', 'lots'], /--leak: expected a size such as 20KB/],
    [['target', '--error-rate', '-1'], /--error-rate: expected a fraction >= 0/],
  ])('%j exits 2 naming the flag', (args, message) => {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('proxies to a target with injected errors, switches at run time, and exits 0 on SIGTERM with its counts', async () => {
    const target = await startChildTarget(['--workers', '4', '--service-time', '1ms']);
    children.push(target);
    const proxy = spawn(process.execPath, [bin, 'proxy', '--upstream', target.url, '--port', '0', '--error-rate', '100%'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proxy.stdout.on('data', (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no proxy: ${out}`)), 20_000);
      proxy.stdout.on('data', () => {
        const m = /capplan proxy on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    expect(out).toContain(`→ ${target.url}; chaos: 500 for 100%`);
    expect((await fetch(`${url}/item/1`)).status).toBe(500);
    const sw = await fetch(`${url}/__chaos`, { method: 'POST', body: '{"off":true}' });
    expect(sw.status).toBe(200);
    const ok = await fetch(`${url}/item/2`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: '2' });
    const code = await new Promise<number | null>((resolve) => {
      proxy.once('exit', resolve);
      proxy.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(out).toMatch(/SIGTERM: stopped\. forwarded 1, upstream errors 0; injected 500 ×1, slow ×0, reset ×0/);
  });
});
