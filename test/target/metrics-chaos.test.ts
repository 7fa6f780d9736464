import { afterEach, describe, expect, it } from 'vitest';
import { startTarget, type RunningTarget } from '../../src/target/index.js';
import { parsePrometheusText } from '../../src/monitor/parse.js';

let target: RunningTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

async function metric(url: string, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const { samples } = parsePrometheusText(await res.text());
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

describe('built-in target: GET /metrics', () => {
  it('serves runtime gauges and its exact counters', async () => {
    target = await startTarget({ workers: 1, serviceTimeMs: 200, queue: 0 });
    const res = await Promise.all([1, 2, 3].map((i) => fetch(`${target!.url}/item/${i}`).then((r) => r.status)));
    expect(res.sort()).toEqual([200, 429, 429]);
    expect(await metric(target.url, 'capplan_target_requests_served_total')).toBe(1);
    expect(await metric(target.url, 'capplan_target_requests_rejected_total')).toBe(2);
    expect(await metric(target.url, 'capplan_target_queue_length')).toBe(0);
    expect(await metric(target.url, 'capplan_target_workers')).toBe(1);
    expect(await metric(target.url, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(1e6);
    expect(await metric(target.url, 'process_resident_memory_bytes')).toBeGreaterThan(1e6);
    expect(await metric(target.url, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    // /metrics, /health, /__chaos are not item requests
    expect(target.stats().served).toBe(1);
  });

  it('--leak retains exactly bytes × served requests', async () => {
    target = await startTarget({ workers: 4, serviceTimeMs: 1, queue: 100, leakBytesPerRequest: 20 * 1024 });
    for (let i = 0; i < 50; i++) await (await fetch(`${target.url}/item/${i}`)).text();
    expect(await metric(target.url, 'capplan_target_leaked_bytes')).toBe(50 * 20 * 1024);
  });
});

describe('built-in target: chaos switch', () => {
  it('starts with the configured chaos, switches at run time and counts what it injected', async () => {
    target = await startTarget({ workers: 8, serviceTimeMs: 1, queue: 100, chaos: { errorRate: 1, resetRate: 0, slowRate: 0, slowMinMs: 0, slowMaxMs: 0 } });
    expect((await fetch(`${target.url}/item/1`)).status).toBe(500);
    // health and metrics are never faulted
    expect((await fetch(`${target.url}/health`)).status).toBe(200);
    const off = await fetch(`${target.url}/__chaos`, { method: 'POST', body: '{"off":true}' });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ errorRate: 0, injected: { error: 1 } });
    expect((await fetch(`${target.url}/item/2`)).status).toBe(200);

    const slow = await fetch(`${target.url}/__chaos`, { method: 'POST', body: JSON.stringify({ slowRate: 1, slowMinMs: 150, slowMaxMs: 150 }) });
    expect(slow.status).toBe(200);
    const t0 = performance.now();
    expect((await fetch(`${target.url}/item/3`)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
    const state = await (await fetch(`${target.url}/__chaos`)).json();
    expect(state).toEqual({ errorRate: 0, resetRate: 0, slowRate: 1, slowMinMs: 150, slowMaxMs: 150, injected: { error: 1, reset: 0, slow: 1 } });
    expect(await metric(target.url, 'capplan_target_chaos_injected_total', { fault: 'error' })).toBe(1);

    await fetch(`${target.url}/__chaos`, { method: 'POST', body: '{"off":true,"resetRate":1}' });
    await expect(fetch(`${target.url}/item/4`)).rejects.toThrow();
  });

  it('answers 400 with every problem and keeps the old config', async () => {
    target = await startTarget({ workers: 1, serviceTimeMs: 1, queue: 10 });
    const bad = await fetch(`${target.url}/__chaos`, { method: 'POST', body: '{"errorRate":2,"nope":1}' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { problems: string[] };
    expect(body.problems).toHaveLength(2);
    expect(body.problems[0]).toMatch(/errorRate must be a fraction/);
    const notJson = await fetch(`${target.url}/__chaos`, { method: 'POST', body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ problems: ['body is invalid JSON'] });
    expect(target.chaos.state().errorRate).toBe(0);
    const del = await fetch(`${target.url}/__chaos`, { method: 'DELETE' });
    expect(del.status).toBe(405);
    await del.text();
  });
});
