import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InterruptedError, TargetUnreachableError } from '../../src/errors.js';
import { classifyProbeFailure, probeTarget } from '../../src/load/probe.js';

const servers: Array<Server | NetServer> = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A raw TCP server on 127.0.0.1 with `onConnection` for each accepted socket; resolves with its URL. */
async function tcp(onConnection: (s: Socket, n: number) => void): Promise<{ url: string; connections: () => number }> {
  let n = 0;
  const server = createNetServer((s) => {
    sockets.add(s);
    onConnection(s, ++n);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, connections: () => n };
}

describe('classifyProbeFailure', () => {
  it.each([
    ['refused', false, 'unreachable'],
    ['dns', false, 'unreachable'],
    ['tls', true, 'unreachable'],
    ['timeout', true, 'unreachable'],
    ['reset', true, 'reachable'],
    ['other', true, 'reachable'],
    ['reset', false, 'reachable'],
    ['other', false, 'transient'],
  ] as const)('%s (connected %s) → %s', (kind, connected, outcome) => {
    expect(classifyProbeFailure(kind, connected)).toBe(outcome);
  });
});

describe('probeTarget at real sockets', () => {
  it('a connection accepted and then reset is reachable (a flaky target)', async () => {
    const t = await tcp((s) => s.resetAndDestroy());
    await expect(probeTarget(t.url)).resolves.toBeUndefined();
    expect(t.connections()).toBe(1);
  });

  it('a connection accepted and then closed without an answer is reachable', async () => {
    const t = await tcp((s) => s.end());
    await expect(probeTarget(t.url)).resolves.toBeUndefined();
  });

  it('any HTTP status is reachable', async () => {
    const server = createHttpServer((_req, res) => res.writeHead(503).end());
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    await expect(probeTarget(`http://127.0.0.1:${(server.address() as { port: number }).port}`)).resolves.toBeUndefined();
  });

  it('refused is unreachable at once (no retries)', async () => {
    const t = await tcp(() => {});
    const url = t.url;
    await new Promise((r) => servers.pop()!.close(r));
    const t0 = performance.now();
    await expect(probeTarget(url, { backoffMs: 1000 })).rejects.toThrow(/unreachable: connection refused/);
    expect(performance.now() - t0).toBeLessThan(900);
  });

  it('silence is unreachable after the timeout', async () => {
    const t = await tcp(() => {});
    const err = await probeTarget(t.url, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetUnreachableError);
    expect((err as Error).message).toMatch(/timed out/);
    expect(t.connections()).toBe(1);
  });

  it('Ctrl-C during the probe stops it at once with an InterruptedError (exit 130)', async () => {
    const t = await tcp(() => {});
    const controller = new AbortController();
    const t0 = performance.now();
    const pending = probeTarget(t.url, { timeoutMs: 10_000, signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 100);
    const err = await pending;
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as InterruptedError).exitCode).toBe(130);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('an already aborted signal never connects', async () => {
    const t = await tcp(() => {});
    const controller = new AbortController();
    controller.abort();
    await expect(probeTarget(t.url, { signal: controller.signal })).rejects.toBeInstanceOf(InterruptedError);
    expect(t.connections()).toBe(0);
  });
});
