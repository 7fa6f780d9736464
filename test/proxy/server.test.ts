import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../../src/proxy/server.js';
import { CHAOS_OFF } from '../../src/chaos/config.js';

let proxy: RunningProxy | undefined;
let upstream: Server | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await new Promise((r) => (upstream ? upstream.close(r) : r(undefined)));
  upstream?.closeAllConnections();
  upstream = undefined;
});

/** A plain upstream that echoes method, path, a header and the body. */
async function echoServer(): Promise<string> {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      res.end(JSON.stringify({ method: req.method, url: req.url, h: req.headers['x-test'] ?? null, body: Buffer.concat(chunks).toString() }));
    });
  });
  await new Promise<void>((r) => upstream!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
}

describe('capplan proxy', () => {
  it('forwards method, path under the upstream prefix, headers and body; relays status and headers', async () => {
    const base = await echoServer();
    proxy = await startProxy({ upstream: `${base}/api/` });
    const res = await fetch(`${proxy.url}/item/7?q=1`, { method: 'POST', headers: { 'x-test': 'hi' }, body: 'payload' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-upstream')).toBe('yes');
    expect(await res.json()).toEqual({ method: 'POST', url: '/api/item/7?q=1', h: 'hi', body: 'payload' });
    expect(proxy.stats()).toEqual({ forwarded: 1, upstreamErrors: 0 });
  });

  it('injects 500s at the configured rate and switches at run time', async () => {
    const base = await echoServer();
    proxy = await startProxy({ upstream: base, chaos: { ...CHAOS_OFF, errorRate: 0.5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await fetch(`${proxy.url}/x`);
      await r.text();
      statuses.push(r.status);
    }
    const errors = statuses.filter((s) => s === 500).length;
    // Binomial(200, 0.5): mean 100, sd ≈ 7; ±5 sd
    expect(errors).toBeGreaterThan(65);
    expect(errors).toBeLessThan(135);
    expect(proxy.stats().forwarded).toBe(200 - errors);
    expect(proxy.chaos.state().injected.error).toBe(errors);
    const sw = await fetch(`${proxy.url}/__chaos`, { method: 'POST', body: '{"off":true}' });
    expect(sw.status).toBe(200);
    await sw.text();
    for (let i = 0; i < 20; i++) expect((await fetch(`${proxy.url}/x`).then(async (r) => (await r.text(), r))).status).toBe(201);
  });

  it('resets connections and answers 502 when the upstream is down', async () => {
    const base = await echoServer();
    proxy = await startProxy({ upstream: base, chaos: { ...CHAOS_OFF, resetRate: 1 } });
    await expect(fetch(`${proxy.url}/x`)).rejects.toThrow();
    await proxy.close();
    proxy = await startProxy({ upstream: 'http://127.0.0.1:1' });
    const r = await fetch(`${proxy.url}/x`);
    expect(r.status).toBe(502);
    expect(await r.json()).toMatchObject({ error: expect.stringMatching(/ECONNREFUSED/) });
    expect(proxy.stats().upstreamErrors).toBe(1);
  });
});
