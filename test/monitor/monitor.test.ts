import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { allowPredicate, Monitor } from '../../src/monitor/monitor.js';
import { parseProc, readProc } from '../../src/monitor/proc.js';
import { startTarget, type RunningTarget } from '../../src/target/index.js';

let target: RunningTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** Poll until `cond` holds (bounded). */
async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Monitor against a real target', () => {
  it('scrapes /metrics on schedule with an allow-list, samples a pid, and counts failed scrapes without stopping', async () => {
    target = await startTarget({ workers: 2, serviceTimeMs: 1, queue: 10 });
    const m = new Monitor({
      urls: [`${target.url}/metrics`, 'http://127.0.0.1:1/metrics', `${target.url}/nowhere`],
      everyMs: 100,
      allow: ['nodejs_heap_size_used_bytes', 'capplan_target_*'],
      pid: process.pid,
      limits: { stepSec: 0.1 },
    });
    m.start();
    await until(() => m.record().sources[0].scrapes >= 6);
    for (let i = 0; i < 5; i++) await (await fetch(`${target.url}/item/${i}`)).text();
    await until(() => m.record().series.some((s) => s.name === 'capplan_target_requests_served_total' && s.max.at(-1) === 5));
    const origin = Math.floor(Date.now() / 1000) - 60;
    const rec = await m.stop(origin);
    const names = new Set(rec.series.map((s) => s.name));
    expect(names.has('nodejs_heap_size_used_bytes')).toBe(true);
    expect(names.has('capplan_target_queue_length')).toBe(true);
    expect(names.has('process_resident_memory_bytes')).toBe(true); // from the pid
    expect(names.has('nodejs_eventloop_lag_seconds')).toBe(false); // not allowed
    const heap = rec.series.find((s) => s.name === 'nodejs_heap_size_used_bytes')!;
    expect(heap.t.length).toBeGreaterThanOrEqual(3);
    expect(heap.source).toBe(`${target.url}/metrics`);
    // shifted onto the origin's seconds: the samples are from the last few seconds before origin + 60
    expect(heap.t[0]).toBeGreaterThanOrEqual(40);
    expect(heap.t.at(-1)).toBeLessThanOrEqual(61);
    const [ok, refused, notFound, pid] = rec.sources;
    expect(ok.failures).toBeLessThan(ok.scrapes);
    if (ok.lastError !== undefined) expect(ok.lastError).toMatch(/still busy/);
    expect(refused.failures).toBe(refused.scrapes);
    expect(refused.lastError).toMatch(/ECONNREFUSED/);
    expect(notFound).toMatchObject({ failures: notFound.scrapes, lastError: 'HTTP 404' });
    expect(pid.source).toBe(`pid:${process.pid}`);
    // at 100 ms on a loaded machine a sample may still be running when the next is due: counted, never fatal
    expect(pid.failures).toBeLessThan(pid.scrapes);
    if (pid.lastError !== undefined) expect(pid.lastError).toMatch(/still busy/);
    const rss = rec.series.find((s) => s.source === pid.source && s.name === 'process_resident_memory_bytes')!;
    expect(rss.labels).toEqual({ pid: String(process.pid) });
    expect(rss.mean[0]).toBeGreaterThan(1e6);
  });

  it('a process that does not exist is a counted failure', async () => {
    const m = new Monitor({ urls: [], everyMs: 50, pid: 2 ** 30 });
    m.start();
    await until(() => m.record().sources[0].scrapes >= 2);
    const rec = await m.stop();
    expect(rec.sources[0].failures).toBe(rec.sources[0].scrapes);
    expect(rec.sources[0].lastError).toMatch(/ENOENT/);
    expect(rec.series).toEqual([]);
  });
});

describe('proc parsing', () => {
  it('parses this process and a comm with spaces and parentheses', async () => {
    const self = await readProc(process.pid);
    expect(self.rssBytes).toBeGreaterThan(1e6);
    expect(self.cpuSeconds).toBeGreaterThan(0);
    const status = readFileSync(`/proc/${process.pid}/status`, 'utf8');
    const stat = '42 (a (weird) name) S 1 42 42 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 1 0 100 1000000 300';
    expect(parseProc(status, stat)!.cpuSeconds).toBe(3); // (250 + 50) / 100
    expect(parseProc('nothing', stat)).toBeUndefined();
  });

  it.each([
    [[], 'anything', true],
    [['a_*'], 'a_b', true],
    [['a_*'], 'b_a', false],
    [['x.y'], 'xzy', false],
  ])('allow %j %s → %s', (allow, name, ok) => expect(allowPredicate(allow)(name)).toBe(ok));
});
