/** The sender against real sockets on 127.0.0.1: the total request deadline (issue 9 case 8). */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Recorder } from '../../src/load/recorder.js';
import { Sender, type Exchange } from '../../src/load/sender.js';
import { requestDeadlineMs } from '../../src/profile/defaults.js';
import { parseProfile } from '../../src/profile/load.js';
import { startServer } from './helpers.js';
import { waitFor } from '../helpers/wait.js';

type Outcome = { status: number; errorKind: string | null; bytesIn: number; ms: number };

/** Send one GET `path` on a fresh one-connection sender and wait for its outcome. */
async function sendOne(url: string, path: string, ep: { timeoutMs: number; deadlineMs?: number }): Promise<Outcome> {
  const recorder = new Recorder({ endpointNames: ['e'], timeOriginMs: performance.timeOrigin, lateThresholdMs: 10 });
  const sender = new Sender({ origin: url, basePath: '', connections: 1, endpoints: [ep], recorder, insecure: false });
  try {
    const start = performance.now();
    const done = new Promise<Exchange>((resolve) => (sender.onDone = resolve));
    sender.send(sender.newExchange(), { endpointIndex: 0, method: 'GET', path, headers: {} }, start);
    const ex = await done;
    return { status: ex.status, errorKind: ex.errorKind, bytesIn: ex.bytesIn, ms: performance.now() - start };
  } finally {
    await sender.close();
  }
}

describe('the total request deadline', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const timers = new Set<NodeJS.Timeout>();
  beforeAll(async () => {
    server = await startServer((req, res) => {
      if (req.url === '/trickle') {
        // One byte per 100 ms, for 60 s: each byte resets an idle timeout, so only a total deadline ends it.
        res.writeHead(200, { 'content-type': 'text/plain' });
        let left = 600;
        const t = setInterval(() => {
          if (--left <= 0 || res.destroyed) {
            clearInterval(t);
            timers.delete(t);
            res.end();
          } else res.write('x');
        }, 100);
        timers.add(t);
        res.on('close', () => {
          clearInterval(t);
          timers.delete(t);
        });
      } else res.end('ok');
    });
  });
  afterAll(async () => {
    for (const t of timers) clearInterval(t);
    await server.close();
  });

  const cases: Array<{ name: string; path: string; ep: { timeoutMs: number; deadlineMs?: number }; status: number; errorKind: string | null; minMs: number; maxMs: number }> = [
    { name: 'case 8: a trickling body times out at the total deadline', path: '/trickle', ep: { timeoutMs: 1000, deadlineMs: 500 }, status: 200, errorKind: 'timeout', minMs: 450, maxMs: 3000 },
    { name: 'a fast request is unaffected by the deadline', path: '/fast', ep: { timeoutMs: 1000, deadlineMs: 500 }, status: 200, errorKind: null, minMs: 0, maxMs: 3000 },
  ];
  it.each(cases)('$name', async ({ path, ep, status, errorKind, minMs, maxMs }) => {
    const out = await sendOne(server.url, path, ep);
    expect(out.errorKind).toBe(errorKind);
    if (errorKind === null) expect(out.status).toBe(status);
    // The trickle did deliver bytes (the idle timeout alone never fired) before the deadline ended it.
    if (errorKind === 'timeout') expect(out.bytesIn).toBeGreaterThan(0);
    expect(out.ms).toBeGreaterThanOrEqual(minMs);
    expect(out.ms).toBeLessThan(maxMs);
  }, 10_000);

  it('the connection a deadline aborted serves the next request', async () => {
    const recorder = new Recorder({ endpointNames: ['trickle', 'fast'], timeOriginMs: performance.timeOrigin, lateThresholdMs: 10 });
    const eps = [{ timeoutMs: 1000, deadlineMs: 300 }, { timeoutMs: 1000, deadlineMs: 300 }];
    const sender = new Sender({ origin: server.url, basePath: '', connections: 1, endpoints: eps, recorder, insecure: false });
    try {
      const outcomes: Array<{ ep: number; status: number; errorKind: string | null }> = [];
      const both = new Promise<void>((resolve) => {
        sender.onDone = (ex) => {
          outcomes.push({ ep: ex.ep, status: ex.status, errorKind: ex.errorKind });
          if (outcomes.length === 2) resolve();
        };
      });
      // One connection: the fast request waits behind the trickle, then goes out on the same Client.
      sender.send(sender.newExchange(), { endpointIndex: 0, method: 'GET', path: '/trickle', headers: {} }, performance.now());
      sender.send(sender.newExchange(), { endpointIndex: 1, method: 'GET', path: '/fast', headers: {} }, performance.now());
      await both;
      expect(outcomes).toEqual([
        { ep: 0, status: 200, errorKind: 'timeout' },
        { ep: 1, status: 200, errorKind: null },
      ]);
    } finally {
      await sender.close();
    }
  }, 10_000);
});

describe('deadline defaults and the profile field', () => {
  const base = 'target: builtin\nshape: { type: steady, rate: 5, duration: 1s }\n';
  it.each([
    { name: 'no deadline anywhere: 30 s', yaml: 'endpoints: [{ name: a, path: / }]\n', deadlineMs: 30_000 },
    { name: 'a long idle timeout raises the default', yaml: 'timeout: 45s\nendpoints: [{ name: a, path: / }]\n', deadlineMs: 45_000 },
    { name: 'the top-level deadline', yaml: 'deadline: 2s\nendpoints: [{ name: a, path: / }]\n', deadlineMs: 2_000 },
    { name: "the endpoint's deadline wins", yaml: 'deadline: 2s\nendpoints: [{ name: a, path: /, deadline: 750ms }]\n', deadlineMs: 750 },
  ])('$name', ({ yaml, deadlineMs }) => {
    const p = parseProfile(base + yaml, 'p.yaml');
    expect(requestDeadlineMs(p.endpoints[0])).toBe(deadlineMs);
  });

  it('a deadline that is not a positive duration is refused with its path', () => {
    expect(() => parseProfile(`${base}endpoints: [{ name: a, path: /, deadline: 0s }]\n`, 'p.yaml')).toThrow(/endpoints\[0\]\.deadline/);
  });
});

describe('diverting connections for a warm-up, then pre-opening to the target', () => {
  /** A server that counts requests and connections. */
  async function counting() {
    const c = { requests: 0, connections: 0 };
    const s = await startServer((_req, res) => {
      c.requests++;
      res.end('ok');
    });
    s.server.on('connection', () => c.connections++);
    return Object.assign(s, { c });
  }
  let target: Awaited<ReturnType<typeof counting>>;
  let local: Awaited<ReturnType<typeof counting>>;
  beforeAll(async () => {
    [target, local] = await Promise.all([counting(), counting()]);
  });
  afterAll(async () => {
    await Promise.all([target.close(), local.close()]);
  });

  /** Send `n` requests at once and wait for them all. */
  function burst(sender: Sender, n: number): Promise<Exchange[]> {
    const done: Exchange[] = [];
    return new Promise((resolve) => {
      sender.onDone = (ex) => {
        done.push(ex);
        if (done.length === n) resolve(done);
      };
      for (let i = 0; i < n; i++) sender.send(sender.newExchange(), { endpointIndex: 0, method: 'GET', path: '/', headers: {} }, performance.now());
    });
  }

  it('diverted requests reach only the local server; after disconnect and preopen the same Clients reach only the target, on the pre-opened connections', async () => {
    const recorder = new Recorder({ endpointNames: ['e'], timeOriginMs: performance.timeOrigin, lateThresholdMs: 10 });
    const sender = new Sender({ origin: target.url, basePath: '', connections: 4, endpoints: [{ timeoutMs: 2000 }], recorder, insecure: false });
    try {
      sender.divert(local.port);
      expect((await burst(sender, 4)).map((ex) => ex.status)).toEqual([200, 200, 200, 200]);
      await waitFor(() => local.c.connections === 4, 'the local server to count 4 connections');
      expect(local.c).toEqual({ requests: 4, connections: 4 });
      sender.divert(null);
      await sender.disconnect();
      // one connection per Client the warm-up made (4), though 2 were asked for
      await sender.preopen(2);
      await waitFor(() => target.c.connections >= 4, 'the target to count 4 connections');
      expect(target.c).toEqual({ requests: 0, connections: 4 });
      expect((await burst(sender, 4)).map((ex) => ex.errorKind)).toEqual([null, null, null, null]);
      // the run's requests used the pre-opened connections: no new one, nothing more to the local server
      expect(target.c).toEqual({ requests: 4, connections: 4 });
      expect(local.c.requests).toBe(4);
      // connections the Clients hold count as open: pre-opening again opens none
      await sender.preopen(4);
      expect(target.c.connections).toBe(4);
    } finally {
      await sender.close();
    }
  }, 10_000);
});
