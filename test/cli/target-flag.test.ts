import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_USER_AGENT } from '../../src/load/probe.js';
import { runCapplan } from '../helpers/cli.js';
import { startServer } from '../load/helpers.js';

let dir: string;
let server: Awaited<ReturnType<typeof startServer>>;
const paths: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'capplan-target-flag-'));
  server = await startServer((req, res) => {
    // The pre-run probe GETs the origin; count the load's requests only.
    if (req.headers['user-agent'] !== PROBE_USER_AGENT) paths.push(req.url ?? '');
    res.end('ok');
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under `root` but the profiles the test wrote, recursively, as text. */
function outputText(root: string): string {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.yaml'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('--target base path (the /api/api bug)', () => {
  it('a sweep against http://127.0.0.1:PORT/api sends every request to /api once', async () => {
    paths.length = 0;
    const out = join(dir, 'sweep-api');
    const r = await runCapplan(['sweep', '--target', `${server.url}/api`, '--concurrency', '1,2', '--step-duration', '300ms', '--warmup', '0', '--format', 'json', '--out-dir', out], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths)).toEqual(new Set(['/api']));
  });

  it('with --endpoints, each path goes under the URL path once', async () => {
    paths.length = 0;
    const out = join(dir, 'sweep-endpoints');
    const r = await runCapplan(['sweep', '--target', `${server.url}/api/`, '--endpoints', 'users,/orders', '--concurrency', '1', '--step-duration', '300ms', '--warmup', '0', '--format', 'json', '--out-dir', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(new Set(paths)).toEqual(new Set(['/api/users', '/api/orders']));
  });
});

describe('a password in a target URL never reaches output', () => {
  const SECRET = 'SECRET-pa55';
  const profile = (target: string) => `name: t
target: ${target}
shape: { type: steady, rate: 5, duration: 1s }
endpoints:
  - { name: home, path: /home }
`;

  it.each([
    ['load --target', (url: string) => ['load', write('ok.yaml', profile(server.url)), '--target', url, '--out', join(dir, 'flag.json')], /^capplan: --target: .*no credentials.*\(got "http:\/\/user:\*\*\*@127\.0\.0\.1:\d+"\)$/],
    ['sweep --target', (url: string) => ['sweep', '--target', url, '--concurrency', '1', '--step-duration', '300ms', '--out-dir', join(dir, 'sweep-secret')], /^capplan: --target: .*\(got "http:\/\/user:\*\*\*@127\.0\.0\.1:\d+"\)$/],
    ['sweep --profile --target', (url: string) => ['sweep', '--profile', write('ok2.yaml', profile(server.url)), '--target', url, '--concurrency', '1', '--out-dir', join(dir, 'sweep-secret2')], /^capplan: --target: .*\(got "http:\/\/user:\*\*\*@/],
    ['target: in a profile', (url: string) => ['load', write('secret.yaml', profile(url)), '--out', join(dir, 'profile.json')], /secret\.yaml:2:9: target: .*no credentials.*\(got "http:\/\/user:\*\*\*@127\.0\.0\.1:\d+"\)/],
  ])('%s: exit 2, redacted as user:***@, blamed on the right source', async (_name, args, message) => {
    paths.length = 0;
    const url = `http://user:${SECRET}@127.0.0.1:${server.port}`;
    const r = await runCapplan(args(url), { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(outputText(dir)).not.toContain(SECRET); // no result file or report carries it
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toEqual([]);
    expect(paths).toEqual([]);
  });

  it('a flag is never blamed on the profile file', async () => {
    const r = await runCapplan(['load', write('ok3.yaml', profile(server.url)), '--target', `http://user:${SECRET}@h`], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('ok3.yaml');
  });
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
