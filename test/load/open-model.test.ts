import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/load/run.js';
import { buildShape } from '../../src/shapes/registry.js';
import { endpoint, startServer, testProfile } from './helpers.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer((_req, res) => res.end('hello'));
});
afterAll(() => server.close());

describe('open model against a fast local server', () => {
  it('sends exactly the schedule integral and achieves the rate within 1%', async () => {
    const profile = testProfile(server.url, { level: 300, durationMs: 3000 });
    const intended = Math.floor(buildShape(profile.shape).cumulative(3));
    const { result } = await runLoad(profile, { workers: 2 });
    const t = result.summary.total;
    expect(t.scheduled).toBe(intended);
    expect(t.sent).toBe(intended);
    expect(t.count).toBe(intended);
    expect(t.dropped).toBe(0);
    expect(t.statusCodes['200']).toBe(intended);
    expect(t.bytesIn).toBe(intended * 'hello'.length);
    // achieved = completed / measured duration; the duration ends at the last completion.
    expect(Math.abs(t.achievedRate - 300) / 300).toBeLessThan(0.01);
    // Per-second scheduled counts follow the target levels (the edges are partial seconds).
    const sumTargets = result.intervals.reduce((a, iv) => a + iv.targetLevel, 0);
    expect(sumTargets).toBeCloseTo(900, 6);
    expect(result.run.interrupted).toBe(false);
    expect(result.environment.workers).toBe(2);
  }, 20_000);
});

describe('open model when the generator cannot keep up', () => {
  it('counts dropped arrivals (never silently skipped): scheduled = sent + dropped', async () => {
    const slow = await startServer((_req, res) => setTimeout(() => res.end('slow'), 100));
    try {
      // One connection serves ≤ 10 req/s; 50 req/s are asked for, and an arrival may wait ≤ 300 ms.
      const profile = testProfile(slow.url, { level: 50, durationMs: 1000 });
      const { result } = await runLoad(profile, { workers: 1, connections: 1, maxLagMs: 300, graceMs: 500 });
      const t = result.summary.total;
      expect(t.scheduled).toBe(50);
      expect(t.dropped).toBeGreaterThan(20);
      expect(t.sent + t.dropped).toBe(t.scheduled);
      expect(result.summary.warnings.join(' ')).toMatch(/DROPPED/);
    } finally {
      await slow.close();
    }
  }, 20_000);
});

describe('runLoad API', () => {
  it('an AbortSignal stops the run early and returns the partial result', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const { result, path } = await runLoad(testProfile(server.url, { level: 50, durationMs: 30_000 }), {
      workers: 1,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.elapsedSec);
        if (seen.length === 2) controller.abort();
      },
    });
    expect(path).toBeUndefined();
    expect(result.run.interrupted).toBe(true);
    expect(result.run.durationMs).toBeLessThan(10_000);
    expect(result.summary.total.count).toBeGreaterThan(20);
    expect(result.summary.total.sent).toBe(result.summary.total.count);
    expect(seen[1]).toBe(seen[0] + 1);
    // No made-up seconds after the stop: onProgress and the intervals end with the run.
    expect(seen.length).toBeLessThanOrEqual(4);
    expect(result.intervals.length).toBeLessThanOrEqual(Math.ceil(result.run.durationMs / 1000) + 1);
    const last = result.intervals[result.intervals.length - 1];
    expect(Object.keys(last.endpoints).length).toBeGreaterThan(0);
    expect(result.summary.total.achievedRate).toBeCloseTo(result.summary.total.count / result.summary.durationSec, 2);
  }, 20_000);

  it('target: builtin starts the demo target in-process and records its URL', async () => {
    const { result } = await runLoad(
      testProfile('builtin', { level: 40, durationMs: 1000, endpoints: [endpoint('item', '/item/{id}', { params: { id: { kind: 'uniform', min: 1, max: 10 } } })] }),
      { workers: 1 },
    );
    expect(result.profile.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.profile.spec).toMatchObject({ target: 'builtin' });
    expect(result.summary.total.count).toBe(40);
    expect(result.summary.total.statusCodes['200']).toBe(40);
  }, 20_000);
});
