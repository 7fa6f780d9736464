import { describe, expect, it } from 'vitest';
import { syntheticResult } from '../helpers/synthetic-result.js';

describe('buildSummary (via assembleResult)', () => {
  it('counts every request and splits by endpoint', () => {
    const r = syntheticResult({
      endpoints: [
        { name: 'a', rps: 100, medianMs: 10 },
        { name: 'b', rps: 50, medianMs: 40, errorRate: 0.1 },
      ],
      seconds: 10,
    });
    expect(r.summary.total.count).toBe(1500);
    expect(r.summary.endpoints.map((e) => e.name)).toEqual(['a', 'b']);
    expect(r.summary.endpoints[0].achievedRate).toBe(100);
    expect(r.summary.total.achievedRate).toBe(150);
    // Log-normal median ≈ 10 ms (HDR 3 significant digits).
    expect(r.summary.endpoints[0].latencyMs.p50).toBeGreaterThan(8);
    expect(r.summary.endpoints[0].latencyMs.p50).toBeLessThan(12);
    const b = r.summary.endpoints[1];
    expect(b.errorRate).toBeCloseTo((b.errors.http5xx ?? 0) / 500, 10);
    expect(r.summary.warnings).toEqual([]);
  });
});
