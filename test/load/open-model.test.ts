import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/load/run.js';
import { buildShape } from '../../src/shapes/registry.js';
import { startServer, testProfile } from './helpers.js';

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
