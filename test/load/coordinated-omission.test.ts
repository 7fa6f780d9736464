import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/load/run.js';
import { endpoint, startServer, testProfile } from './helpers.js';

/**
 * A server that answers at once, except that from 1 s after its first load request it stalls
 * for 1 s: everything arriving in that window is answered when the stall ends.
 * (The pre-run probe hits `/`, the load hits `/work`.)
 */
let server: Awaited<ReturnType<typeof startServer>>;
let first = 0;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const now = Date.now();
    if (first === 0 && req.url === '/work') first = now;
    if (first === 0) return void res.end('probe');
    const stallStart = first + 1000;
    const stallEnd = stallStart + 1000;
    if (now >= stallStart && now < stallEnd) setTimeout(() => res.end('late'), stallEnd - now);
    else res.end('ok');
  });
});
afterAll(() => server.close());

describe('coordinated omission', () => {
  it('a 1 s stall shows in the open-model p99 while the uncorrected service median stays low', async () => {
    // 100 req/s for 3 s, 8 connections: during the stall 8 requests hold the connections and
    // ~92 arrivals wait for them; their latency counts from the intended send time.
    const { result } = await runLoad(testProfile(server.url, { level: 100, durationMs: 3000, endpoints: [endpoint('work', '/work')] }), { workers: 1, connections: 8 });
    const t = result.summary.total;
    expect(t.count).toBe(300);
    expect(t.dropped).toBe(0);
    expect(t.latencyMs.p99).toBeGreaterThanOrEqual(500);
    expect(t.latencyMs.max).toBeGreaterThanOrEqual(800);
    expect(t.serviceMs.p50).toBeLessThan(100);
    // The waiting arrivals left late, and the summary says so.
    expect(t.late).toBeGreaterThan(50);
    expect(result.summary.warnings.join(' ')).toMatch(/LATE/);
  }, 20_000);
});
