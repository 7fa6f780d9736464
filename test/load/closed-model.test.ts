import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/load/run.js';
import { MAX_CONNECTING } from '../../src/load/sender.js';
import { endpoint, startServer, testProfile } from './helpers.js';

const SERVICE_MS = 20;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer((_req, res) => setTimeout(() => res.end('x'), SERVICE_MS));
});
afterAll(() => server.close());

describe('closed model', () => {
  it("throughput follows users / (service + think) and intervals report the active users", async () => {
    const users = 10;
    const think = { minMs: 20, maxMs: 40 };
    const profile = testProfile(server.url, { model: 'closed', level: users, durationMs: 2000, thinkTime: think });
    const { result } = await runLoad(profile, { workers: 2 });
    // Interactive response-time law: X = N / (R + Z), R ≈ service time, Z = mean think time.
    const expected = users / ((SERVICE_MS + (think.minMs + think.maxMs) / 2) / 1000);
    const t = result.summary.total;
    expect(Math.abs(t.achievedRate - expected) / expected).toBeLessThan(0.25);
    // Closed model: every iteration started is sent; nothing is dropped.
    expect(t.sent).toBe(t.scheduled);
    expect(t.dropped).toBe(0);
    expect(t.errorRate).toBe(0);
    const full = result.intervals.filter((iv) => iv.t >= 1 && iv.t < 2);
    expect(full.length).toBeGreaterThan(0);
    for (const iv of full) {
      expect(iv.targetLevel).toBe(users);
      expect(iv.activeUsers).toBe(users);
    }
    expect(result.profile.model).toBe('closed');
  }, 20_000);

  it('users beyond the connections wait for one: the wait counts in latency, not in service time', async () => {
    // 6 users share 2 connections with no think time: X = 2 / 20 ms = 100 req/s, and each
    // request waits for the 2 ahead of it on average, so latency ≈ 3 × service time.
    const profile = testProfile(server.url, { model: 'closed', level: 6, durationMs: 1500 });
    const { result } = await runLoad(profile, { workers: 1, connections: 2 });
    const t = result.summary.total;
    expect(t.errorRate).toBe(0);
    expect(Math.abs(t.achievedRate - 100) / 100).toBeLessThan(0.3);
    expect(t.serviceMs.p50).toBeLessThan(SERVICE_MS * 2);
    expect(t.latencyMs.p50).toBeGreaterThan(t.serviceMs.p50 * 2);
    expect(result.environment.connections).toBe(2);
    // Every iteration started was sent, or dropped at the end while still waiting for a connection.
    expect(t.sent + t.dropped).toBe(t.scheduled);
  }, 20_000);

  it('a steep ramp opens at most MAX_CONNECTING connections at a time', async () => {
    // Each socket's first request is answered after 50 ms; count sockets still waiting for it.
    let opening = 0;
    let maxOpening = 0;
    let sockets = 0;
    const seen = new WeakSet<object>();
    const slowFirst = await startServer((req, res) => {
      if (req.url === '/') return void res.end('probe');
      if (seen.has(req.socket)) return void res.end('x');
      seen.add(req.socket);
      sockets++;
      maxOpening = Math.max(maxOpening, ++opening);
      setTimeout(() => {
        opening--;
        res.end('x');
      }, 50);
    });
    try {
      const users = MAX_CONNECTING * 3;
      const profile = testProfile(slowFirst.url, { model: 'closed', level: users, durationMs: 1000, endpoints: [endpoint('e', '/e')] });
      // No connections opened before t = 0: they all open on demand when the users start.
      const { result } = await runLoad(profile, { workers: 1, preopen: 0 });
      expect(result.environment.connections).toBe(users);
      expect(sockets).toBe(users);
      expect(maxOpening).toBeLessThanOrEqual(MAX_CONNECTING);
      expect(result.summary.total.errorRate).toBe(0);
    } finally {
      await slowFirst.close();
    }
  }, 20_000);

  it('connections open before t = 0: every user starts on an open connection, and none opens during the run', async () => {
    let sockets = 0;
    let socketsAtFirstRequest = -1;
    const srv = await startServer((req, res) => {
      if (req.url !== '/') {
        if (socketsAtFirstRequest < 0) socketsAtFirstRequest = sockets;
      }
      res.end('x');
    });
    srv.server.on('connection', () => sockets++);
    try {
      const users = 20;
      const profile = testProfile(srv.url, { model: 'closed', level: users, durationMs: 500, endpoints: [endpoint('e', '/e')] });
      const { result } = await runLoad(profile, { workers: 1 });
      // The probe's own connection, then one per user, all before the first load request.
      expect(socketsAtFirstRequest).toBe(users + 1);
      expect(sockets).toBe(users + 1);
      expect(result.summary.total.errorRate).toBe(0);
    } finally {
      await srv.close();
    }
  }, 20_000);
});
