import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTarget, type RunningTarget } from '../../src/target/index.js';
import { LISTEN_BACKLOG } from '../../src/target/server.js';
import { waitFor } from '../helpers/wait.js';

let target: RunningTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

async function get(url: string): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
  const res = await fetch(url);
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

describe('startTarget', () => {
  it('answers 429 with Retry-After once the queue is full: workers 1, queue 1, 5 concurrent → exactly 3 rejected', async () => {
    target = await startTarget({ workers: 1, serviceTimeMs: 300, queue: 1 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => get(`${target!.url}/item/${i}`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    for (const r of results.filter((r) => r.status === 429)) expect(r.retryAfter).toBe('1');
    const s = target.stats();
    expect(s).toMatchObject({ served: 2, rejected: 3, maxQueueSeen: 1, queueLength: 0, busyWorkers: 0, abandoned: 0 });
    expect(s.endpoints['GET /item']).toEqual({ served: 2, rejected: 3 });
  });

  it('honours the service time and serves queued requests one after another', async () => {
    target = await startTarget({ workers: 1, serviceTimeMs: 100, queue: 10 });
    const t0 = performance.now();
    await Promise.all([1, 2, 3].map((i) => get(`${target!.url}/item/${i}`)));
    const elapsed = performance.now() - t0;
    // 3 requests × 100 ms on one worker: at least 300 ms; generous upper bound for a busy machine.
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(3000);
    expect(target.stats().served).toBe(3);
  });

  it('serves the item routes, health and stats with exact counters', async () => {
    target = await startTarget({ workers: 4, serviceTimeMs: { 'GET /item': 1, 'POST /item': 2 }, queue: 10 });
    const item = await get(`${target.url}/item/42?x=1`);
    expect(item).toMatchObject({ status: 200, body: { id: '42' } });
    const post = await fetch(`${target.url}/item`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(post.status).toBe(201);
    expect(await post.json()).toMatchObject({ name: 'x' });
    const bad = await fetch(`${target.url}/item`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    await bad.text();
    expect((await get(`${target.url}/health`)).status).toBe(200);
    expect((await get(`${target.url}/nowhere`)).status).toBe(404);
    const stats = await get(`${target.url}/stats`);
    expect(stats.body).toMatchObject({
      served: 2,
      rejected: 0,
      notFound: 1,
      workers: 4,
      queueLimit: 10,
      endpoints: { 'GET /item': { served: 1, rejected: 0 }, 'POST /item': { served: 1, rejected: 0 } },
    });
  });

  it('drops a queued request whose client left, and never serves it', async () => {
    target = await startTarget({ workers: 1, serviceTimeMs: 300, queue: 5 });
    const t = target;
    const first = fetch(`${t.url}/item/1`).then((r) => r.text());
    await waitFor(() => t.stats().busyWorkers === 1, 'the first request to occupy the worker');
    const controller = new AbortController();
    const second = fetch(`${t.url}/item/2`, { signal: controller.signal }).catch((e: Error) => e.name);
    await waitFor(() => t.stats().queueLength === 1, 'the second request to queue');
    expect(t.stats()).toMatchObject({ busyWorkers: 1, queueLength: 1 });
    controller.abort();
    expect(await second).toBe('AbortError');
    await first;
    await waitFor(() => t.stats().busyWorkers === 0 && t.stats().abandoned === 1, 'the worker to finish and the queued request to be dropped');
    expect(t.stats()).toMatchObject({ served: 1, abandoned: 1, queueLength: 0, busyWorkers: 0 });
  });

  /** The listening socket's backlog as the kernel reports it (`ss -ltn`: Send-Q of a LISTEN socket), or undefined off Linux / without ss. */
  function listenBacklog(port: number): number | undefined {
    try {
      const out = execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' });
      const cols = out.trim().split(/\s+/);
      return cols.length >= 3 ? Number(cols[2]) : undefined;
    } catch {
      return undefined;
    }
  }

  it(`starts with a listen backlog of ${LISTEN_BACKLOG} (capped by net.core.somaxconn), not Node's 511, and still serves`, async () => {
    target = await startTarget({ workers: 2, serviceTimeMs: 1, queue: 10 });
    expect((await get(`${target.url}/item/1`)).status).toBe(200);
    const backlog = listenBacklog(target.port);
    if (backlog === undefined) return; // not Linux or no `ss`: starting and serving is all we can check
    const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
    expect(backlog).toBe(Math.min(LISTEN_BACKLOG, somaxconn));
  });

  it('reports nominal capacity as workers ÷ service time', async () => {
    target = await startTarget({ workers: 64, serviceTimeMs: 5, queue: 0 });
    expect(target.stats().capacityPerSec).toBe(12800);
  });

  it.each([
    [{ workers: 0, serviceTimeMs: 5, queue: 1 }, /workers must be an integer ≥ 1 \(got 0\)/],
    [{ workers: 2, serviceTimeMs: -1, queue: 1 }, /serviceTime must be > 0 ms/],
    [{ workers: 2, serviceTimeMs: { 'GET /item': 0 }, queue: 1 }, /serviceTime\["GET \/item"\] must be > 0/],
    [{ workers: 2, serviceTimeMs: 5, queue: 1.5 }, /queue must be an integer ≥ 0/],
    [{ workers: 2, serviceTimeMs: 5, queue: 1, port: 70000 }, /port must be an integer 0..65535/],
  ])('refuses bad options %#', async (opts, message) => {
    await expect(startTarget(opts)).rejects.toThrow(message);
  });

  it('a constant service time never answers early: 100 sequential requests at 10 ms, none under 10 ms', async () => {
    target = await startTarget({ workers: 1, serviceTimeMs: 10, queue: 10 });
    const took: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      const res = await fetch(`${target.url}/item/${i}`);
      await res.arrayBuffer();
      took.push(performance.now() - t0);
      expect(res.status).toBe(200);
    }
    // The client's time includes the service time; a timer firing early would show up under 10 ms.
    expect(Math.min(...took)).toBeGreaterThanOrEqual(10);
  });
});
