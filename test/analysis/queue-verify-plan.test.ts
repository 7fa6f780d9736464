import { describe, expect, it } from 'vitest';
import { planQueueVerify } from '../../src/analysis/queue-verify-plan.js';

describe('queue --verify plan', () => {
  it('with servers, the capacity is servers ÷ service time, and both runs are predicted', () => {
    // λ = 50/s, S = 20 ms, c = 2 → R = 100/s; 4× for 2 s: B = (200 − 100)·2 = 200; P = 1 + 200; Q = ⌈201·1.1⌉ = 222.
    const p = planQueueVerify({ baseRatePerSec: 50, serviceTimeSec: 0.02, servers: 2, spikeMultiplier: 4, spikeDurationSec: 2, margin: 0.1 });
    if (!p.ok) throw new Error(p.problems.join('; '));
    expect([p.capacityPerSec, p.capacityFrom, p.formula.backlog, p.recommended.queue, p.undersized.queue]).toEqual([100, 'servers', 200, 222, 177]);
    // Waiting at the peak: λS + B − c = 1 + 200 − 2 = 199.
    expect(p.expectedPeakWaiting).toBe(199);
    expect(p.recommended.expectedRejected).toBe(0);
    expect(p.undersized.expectedRejected).toBe(22);
    // 2 s at 50/s, 2 s at 200/s, then the drain B / (R − λ) = 4 s plus 1 s at 50/s.
    expect(p.stages.filter((s) => s.durationMs > 0).map((s) => [s.name, s.durationMs, s.from])).toEqual([
      ['baseline', 2000, 50],
      ['spike', 2000, 200],
      ['recovery', 5000, 50],
    ]);
    expect(p.durationSec).toBe(9);
  });

  it("the guide's default (capacity = the base rate) needs a whole number of servers: 1000/s × 10 ms = 10", () => {
    const p = planQueueVerify({ baseRatePerSec: 1000, serviceTimeSec: 0.01, spikeMultiplier: 3, spikeDurationSec: 30, margin: 0.1 });
    if (!p.ok) throw new Error(p.problems.join('; '));
    expect([p.servers, p.capacityFrom, p.recommended.queue]).toEqual([10, 'base-rate', 66_011]);
    expect(p.stages.at(-1)!.durationMs).toBe(1000); // never drains at R = λ: one second of base rate after the spike
  });

  it.each([
    [{ servers: 2, capacityPerSec: 150 }, /disagrees with servers ÷ service time/],
    [{ capacityPerSec: 125 }, /2\.5 is not a whole number of servers/],
    [{ servers: 10 }, /fits the capacity/],
  ])('refuses a plan that cannot check the formula: %j', (extra, message) => {
    const p = planQueueVerify({ baseRatePerSec: 50, serviceTimeSec: 0.02, spikeMultiplier: 4, spikeDurationSec: 2, margin: 0.1, ...extra });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems.join('\n')).toMatch(message);
  });
});
