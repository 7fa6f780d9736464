import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { runLoad } from '../../src/load/run.js';
import { endpoint, startServer, testProfile } from './helpers.js';

const sumErrors = (e: Record<string, number | undefined>) => Object.values(e).reduce<number>((a, b) => a + (b ?? 0), 0);

describe('faults at the target are counted by kind and never stop the run', () => {
  it('connection resets', async () => {
    let n = 0;
    const server = await startServer((req, res) => {
      if (req.url !== '/' && ++n % 3 === 0) return void req.socket.destroy();
      res.end('ok');
    });
    try {
      const profile = testProfile(server.url, { level: 60, durationMs: 1000, endpoints: [endpoint('r', '/r')] });
      const { result } = await runLoad(profile, { workers: 1 });
      const t = result.summary.total;
      expect(t.count).toBe(60);
      expect(t.errors.reset).toBeGreaterThan(0);
      expect((t.statusCodes['200'] ?? 0) + (t.errors.reset ?? 0)).toBe(60);
    } finally {
      await server.close();
    }
  }, 20_000);

  it('a target that goes away (refused) and comes back', async () => {
    const server = await startServer((_req, res) => res.end('ok'));
    const port = server.port;
    const profile = testProfile(server.url, { level: 50, durationMs: 3000 });
    // Down from ~0.8 s to ~1.8 s after the start, then a fresh server on the same port.
    let second: ReturnType<typeof createServer> | undefined;
    const outage = setTimeout(() => {
      void server.close();
      setTimeout(() => {
        second = createServer((_req, res) => res.end('back')).listen(port, '127.0.0.1');
      }, 1000);
    }, 900);
    try {
      const { result } = await runLoad(profile, { workers: 1 });
      const t = result.summary.total;
      expect(t.count).toBe(150);
      expect(t.errors.refused ?? 0).toBeGreaterThan(10);
      expect(t.statusCodes['200']).toBeGreaterThan(40);
      expect(t.statusCodes['200'] + sumErrors(t.errors)).toBe(150);
      // The run lasted its planned length despite the outage.
      expect(result.run.durationMs).toBeGreaterThanOrEqual(2900);
    } finally {
      clearTimeout(outage);
      second?.closeAllConnections();
      second?.close();
    }
  }, 20_000);

  it('timeouts, HTTP errors and backpressure with Retry-After', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/slow') return; // never answers: the 200 ms timeout fires
      if (req.url === '/busy') {
        res.writeHead(429, { 'Retry-After': '1' });
        return void res.end();
      }
      if (req.url === '/down') return void res.writeHead(503).end();
      if (req.url === '/missing') return void res.writeHead(404).end();
      if (req.url === '/broken') return void res.writeHead(500).end();
      res.end('ok');
    });
    try {
      const names = ['slow', 'busy', 'down', 'missing', 'broken'];
      const profile = testProfile(server.url, {
        level: 100,
        durationMs: 1000,
        endpoints: names.map((n) => endpoint(n, `/${n}`, { timeoutMs: 200 })),
      });
      const { result } = await runLoad(profile, { workers: 1 });
      const by = Object.fromEntries(result.summary.endpoints.map((e) => [e.name, e]));
      expect(result.summary.total.count).toBe(100);
      expect(by.slow.errors.timeout).toBe(by.slow.count);
      expect(by.slow.latencyMs.p50).toBeGreaterThanOrEqual(150);
      expect(by.busy.backpressure).toBe(by.busy.count);
      expect(by.busy.retryAfter).toBe(by.busy.count);
      expect(by.down.backpressure).toBe(by.down.count);
      expect(by.down.retryAfter).toBe(0);
      expect(by.missing.errors.http4xx).toBe(by.missing.count);
      expect(by.broken.errors.http5xx).toBe(by.broken.count);
      expect(result.summary.total.errorRate).toBe(1);
    } finally {
      await server.close();
    }
  }, 20_000);

  it('case 8: a trickling body times out at the total deadline (a run counts it as timeout)', async () => {
    const timers = new Set<NodeJS.Timeout>();
    const server = await startServer((req, res) => {
      if (req.url !== '/trickle') return void res.end('ok');
      // One byte per 100 ms for a minute: the 5 s idle timeout never fires, only the 400 ms deadline can end it.
      res.writeHead(200);
      const t = setInterval(() => res.write('x'), 100);
      timers.add(t);
      res.on('close', () => clearInterval(t));
    });
    try {
      const profile = testProfile(server.url, { level: 10, durationMs: 500, endpoints: [endpoint('trickle', '/trickle', { timeoutMs: 5000, deadlineMs: 400 })] });
      const { result } = await runLoad(profile, { workers: 1, graceMs: 3000 });
      const t = result.summary.total;
      expect(t.count).toBe(5);
      expect(t.errors.timeout).toBe(5);
      // Ended by the deadline (+ up to one 100 ms sweep), not by the idle timeout or the grace period.
      expect(t.latencyMs.p50).toBeGreaterThanOrEqual(380);
      expect(t.latencyMs.max).toBeLessThan(2500);
    } finally {
      for (const t of timers) clearInterval(t);
      await server.close();
    }
  }, 20_000);

  it('requests still in flight after the grace period are abandoned and said so', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/') res.end('probe'); // answer the pre-run probe, hang on everything else
    });
    try {
      const profile = testProfile(server.url, { level: 20, durationMs: 500, endpoints: [endpoint('hang', '/hang', { timeoutMs: 60_000 })] });
      const { result } = await runLoad(profile, { workers: 1, graceMs: 300 });
      const t = result.summary.total;
      expect(t.sent).toBe(10);
      expect(t.count).toBe(0);
      expect(result.summary.warnings.join(' ')).toMatch(/10 requests were still in flight .* ABANDONED/);
      expect(result.run.durationMs).toBeLessThan(5000);
    } finally {
      await server.close();
    }
  }, 20_000);
});
