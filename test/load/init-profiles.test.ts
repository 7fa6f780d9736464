/**
 * Every profile `capplan init` writes loads and runs as written: against a real local server, with the
 * secrets from the environment reaching the server and never the file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCapplan } from '../helpers/cli.js';
import { startServer } from './helpers.js';
import { SECRET_COOKIE, SECRET_TOKEN, sampleHar } from '../init/har-fixture.js';
import { petstore } from '../init/openapi-fixture.js';

interface Seen {
  method: string;
  url: string;
  auth?: string;
  cookie?: string;
  body: string;
}

let dir: string;
let server: Awaited<ReturnType<typeof startServer>>;
const seen: Seen[] = [];
const ENV = { CAPPLAN_AUTHORIZATION: 'Bearer run-time-token', CAPPLAN_COOKIE: 'sid=run-time', CAPPLAN_BODY_PASSWORD: 'pw-run-time', CAPPLAN_QUERY_TOKEN: 'q-run-time', CAPPLAN_TOKEN: 'oa-token' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'capplan-init-'));
  server = await startServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.headers['user-agent'] !== 'capplan-probe') seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, cookie: req.headers.cookie, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
});
afterAll(async () => server.close());

const since = (n: number) => seen.slice(n);

describe('capplan init → capplan load (real server)', () => {
  it('--from-har: the drafted profile runs as written; secrets come from the environment, never the file', async () => {
    writeFileSync(join(dir, 'shop.har'), JSON.stringify(sampleHar('https://shop.example.com')));
    const init = await runCapplan(['init', '--from-har', 'shop.har', '--target', server.url, '--out', 'shop.yaml'], { cwd: dir });
    expect(init.stderr).toContain('note: 3 static asset request(s) left out');
    expect(init.stderr).toMatch(/secrets: export CAPPLAN_AUTHORIZATION=… CAPPLAN_BODY_PASSWORD=… CAPPLAN_COOKIE=… CAPPLAN_QUERY_TOKEN=…/);
    expect(init.stderr).toMatch(/next: (npx )?capplan load shop.yaml --duration 10s/);
    expect(init.code).toBe(0);
    const text = readFileSync(join(dir, 'shop.yaml'), 'utf8');
    for (const secret of [SECRET_TOKEN, SECRET_COOKIE, 'hunter2', 'abc-secret-query']) expect(text).not.toContain(secret);

    const before = seen.length;
    const run = await runCapplan(['load', 'shop.yaml', '--duration', '3s', '--quiet'], { cwd: dir, env: ENV });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const got = since(before);
    expect(got.length).toBeGreaterThan(10);
    const allowed = [/^GET \/api\/users\/(42|7)$/, /^GET \/api\/search\?q=(shoes|hats)&page=1&token=q-run-time$/, /^GET \/$/, /^GET \/api\/users\/42\/orders\/3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b$/, /^POST \/api\/orders$/, /^POST \/api\/login$/];
    for (const r of got) expect(allowed.some((re) => re.test(`${r.method} ${r.url}`)), `${r.method} ${r.url}`).toBe(true);
    const users = got.filter((r) => /^\/api\/users\/\d+$/.test(r.url));
    expect(users.length).toBeGreaterThan(0);
    for (const r of users) expect([r.auth, r.cookie]).toEqual(['Bearer run-time-token', 'sid=run-time']);
    for (const r of got.filter((x) => x.url === '/api/orders')) expect(JSON.parse(r.body)).toEqual({ item: 42, qty: 2, note: 'gift' });
    for (const r of got.filter((x) => x.url === '/api/login')) expect(JSON.parse(r.body)).toEqual({ user: 'ann', password: 'pw-run-time' });
  });

  it('--from-openapi: the drafted profile runs as written', async () => {
    writeFileSync(join(dir, 'pets.json'), JSON.stringify(petstore('https://api.example.com')));
    const init = await runCapplan(['init', '--from-openapi', 'pets.json', '--target', server.url, '--out', 'pets.yaml'], { cwd: dir });
    expect(init.code).toBe(0);
    const before = seen.length;
    const run = await runCapplan(['load', 'pets.yaml', '--duration', '3s', '--quiet'], { cwd: dir, env: ENV });
    expect(run.code).toBe(0);
    const got = since(before);
    expect(got.length).toBeGreaterThan(10);
    const allowed = [/^GET \/v1\/pets\?limit=([1-9]|[1-4]\d|50)$/, /^POST \/v1\/pets$/, /^(GET|PUT) \/v1\/pets\/\d+$/, /^GET \/v1\/owners\/[0-9a-f-]{36}$/];
    for (const r of got) expect(allowed.some((re) => re.test(`${r.method} ${r.url}`)), `${r.method} ${r.url}`).toBe(true);
    for (const r of got.filter((x) => !x.url.startsWith('/v1/owners'))) expect(r.auth).toBe('Bearer oa-token');
  });

  it('init URL without a terminal asks nothing and writes a profile that runs as written', async () => {
    const init = await runCapplan(['init', `${server.url}/health`, '--out', 'first.yaml'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toBe(`wrote first.yaml: 1 endpoint, target ${server.url}\n`);
    const before = seen.length;
    const run = await runCapplan(['load', 'first.yaml', '--duration', '2s', '--quiet'], { cwd: dir });
    expect(run.code).toBe(0);
    const got = since(before);
    expect(got.length).toBeGreaterThan(3);
    expect(new Set(got.map((r) => `${r.method} ${r.url}`))).toEqual(new Set(['GET /health']));
  });

  it.each([
    [['init', '--from-har', 'shop.har', 'http://127.0.0.1:1'], 'give one source: URL or --from-har, not both'],
    [['init', '--keep-assets'], '--keep-assets: only with --from-har FILE.har'],
    [['init', 'ftp://x'], 'URL: expected builtin or a URL'],
    [['init', '--out', 'first.yaml'], 'first.yaml exists: pass --force to overwrite it, or --out FILE'],
    [['init', '--from-har', 'missing.har'], 'missing.har: no such file; expected a HAR 1.2 recording (.har)'],
    [['init', '--from-openapi', 'shop.har'], 'shop.har: 2 problems'],
  ])('capplan %j exits 2: %s', async (args, message) => {
    const r = await runCapplan(args, { cwd: dir });
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
  });

  it('a drafted profile whose secret is not exported stops before the run (exit 2), naming the variable', async () => {
    const r = await runCapplan(['load', 'shop.yaml', '--duration', '1s', '--quiet'], { cwd: dir, env: { CAPPLAN_AUTHORIZATION: 'x', CAPPLAN_BODY_PASSWORD: 'x', CAPPLAN_QUERY_TOKEN: 'x' } });
    expect(r.stderr).toContain('environment variable CAPPLAN_COOKIE is not set');
    expect(r.code).toBe(2);
  });
});
