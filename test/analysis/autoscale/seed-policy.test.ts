import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../../src/input/csv-table.js';
import { demandFromTable } from '../../../src/analysis/autoscale/demand.js';
import { cooldownWarning, seedPolicy } from '../../../src/analysis/autoscale/seed-policy.js';
import { simulateAutoscaling } from '../../../src/analysis/autoscale/simulate.js';
import type { AutoscaleInput, SeedPolicyConfig } from '../../../src/analysis/autoscale/types.js';

/** 100 req/s for 60 s, a 10× spike to 1000 req/s for 120 s, then 100 req/s until 480 s. */
const SPIKE_CSV = 't,rate\n0,100\n60,1000\n180,100\n480,100\n';
const spike = demandFromTable(parseCsvTable(SPIKE_CSV, 'spike.csv'), 't', 'rate');
const SEED: SeedPolicyConfig = { kind: 'seed', targetUtilisation: 0.7, upCooldownSec: 15, downCooldownSec: 75 };

function run(over: Partial<AutoscaleInput> = {}) {
  return simulateAutoscaling({
    demand: spike,
    capacityPerReplicaPerSec: 100,
    tickSec: 15,
    minReplicas: 2,
    maxReplicas: 16,
    readyDelaySec: 0,
    policy: SEED,
    ...over,
  });
}

describe('seed rule, decision by decision', () => {
  const obs = (tSec: number, replicas: number, demandPerSec: number) => ({ tSec, replicas, readyReplicas: replicas, demandPerSec, capacityPerReplicaPerSec: 100 });

  it.each([
    // u = demand / (replicas × 100); band (0.35, 0.7]
    ['u 5 > 0.7 doubles', 2, 1000, 4],
    ['u 0.7 is not above the target', 2, 140, 2],
    ['u 0.35 is not below half the target', 2, 70, 2],
    ['u 0.34 halves, floor', 5, 170, 2],
    ['at max: stays', 16, 10_000, 16],
    ['halving stops at min', 3, 0, 2],
  ])('%s', (_name, replicas, demand, expected) => {
    const p = seedPolicy(SEED, { minReplicas: 2, maxReplicas: 16 });
    expect(p.decide(obs(0, replicas, demand)).replicas).toBe(expected);
  });

  it('cooldowns count from the last change, inclusive (t − lastScale ≥ cooldown)', () => {
    const p = seedPolicy({ ...SEED, upCooldownSec: 30 }, { minReplicas: 2, maxReplicas: 64 });
    expect(p.decide(obs(0, 2, 1000)).replicas).toBe(4);
    expect(p.decide(obs(15, 4, 1000)).replicas).toBe(4); // 15 < 30
    expect(p.decide(obs(30, 4, 1000)).replicas).toBe(8); // 30 ≥ 30
    expect(p.decide(obs(60, 8, 100)).replicas).toBe(8); // down-cooldown 75 from t = 30
    expect(p.decide(obs(105, 8, 100)).replicas).toBe(4);
  });

  it('a hold at max does not restart the cooldown', () => {
    const p = seedPolicy(SEED, { minReplicas: 2, maxReplicas: 4 });
    expect(p.decide(obs(0, 2, 1000)).replicas).toBe(4);
    expect(p.decide(obs(60, 4, 1000)).replicas).toBe(4); // at max
    expect(p.decide(obs(75, 4, 10)).replicas).toBe(2); // 75 − 0 ≥ 75
  });
});

describe('seed rule over the 10× spike, tick by tick (hand-computed)', () => {
  it('replicas: hold at 2, double at 60, 75, 90 to 16, halve at 180, 255, 330 (down-cooldown 75 s)', () => {
    const r = run();
    expect(r.ticks).toHaveLength(32);
    const replicas = r.ticks.map((t) => t.replicas);
    // t = 0..45: u = 100/200 = 0.5, in the band. 60: u = 5 → 4; 75: 2.5 → 8; 90: 1.25 → 16; 105..165: 0.625.
    // 180: u = 0.0625, 90 s since → 8; 195..240 cooldown; 255 → 4; 270..315 cooldown; 330 → 2.
    expect(replicas).toEqual([2, 2, 2, 2, 4, 8, ...Array(6).fill(16), ...Array(5).fill(8), ...Array(5).fill(4), ...Array(10).fill(2)]);
    expect(r.ticks.map((t) => t.action).filter((a) => a !== 'hold')).toEqual(['up', 'up', 'up', 'down', 'down', 'down']);
    expect(r.ticks[4].metric).toBe(5);
    expect(r.ticks[12].reason).toMatch(/halved/);
    expect(r.ticks[13].reason).toMatch(/down-cooldown/);
  });

  it('backlog: +600/s for 15 s, +200/s for 15 s, then drains at 600/s: peak 12 000, absorbed at 110 s', () => {
    const r = run();
    expect(r.ticks.slice(3, 8).map((t) => t.backlog)).toEqual([0, 9000, 12_000, 3000, 0]);
    expect(r.ticks.slice(3, 8).map((t) => t.utilisation)).toEqual([0.5, 1, 1, 1, 0.75]);
    expect(r.verdicts.spike).toEqual({ startSec: 60, absorbedSec: 110, durationSec: 50, peakBacklog: 12_000, rejected: 0 });
    expect(r.verdicts.absorbed).toBe(true);
    expect(r.verdicts.rejected).toBe(0);
    expect(r.verdicts.peakBacklog).toBe(12_000);
  });

  it('replica-hours against a fixed fleet sized for the peak: 196 replica-ticks vs ⌈1000 / 70⌉ = 15 replicas', () => {
    const r = run({ hourlyUsd: 0.36 });
    expect(r.verdicts.replicaHours).toBeCloseTo((196 * 15) / 3600, 12);
    expect(r.verdicts.fixedFleetReplicas).toBe(15);
    expect(r.verdicts.fixedFleetReplicaHours).toBe(2);
    expect(r.verdicts.costUsd).toBeCloseTo(0.36 * (196 * 15) / 3600, 12);
    expect(r.verdicts.fixedFleetCostUsd).toBeCloseTo(0.72, 12);
    expect(r.ticks[0].costUsd).toBeCloseTo((2 * 15 * 0.36) / 3600, 15);
  });

  it('ready delay 20 s: the rule doubles on replicas, capacity follows 20 s late; backlog 28 000, absorbed at 156.7 s', () => {
    const r = run({ readyDelaySec: 20 });
    expect(r.ticks.slice(4, 9).map((t) => [t.replicas, t.readyReplicas])).toEqual([[4, 2], [8, 2], [16, 4], [16, 8], [16, 16]]);
    // Ready 2 on [60, 80): +800/s → 16 000; 4 on [80, 95): +600/s → 25 000; 8 on [95, 110): +200/s → 28 000; then −600/s.
    const s = r.verdicts.spike!;
    expect(s.startSec).toBe(60);
    expect(s.peakBacklog).toBeCloseTo(28_000, 6);
    expect(s.absorbedSec).toBeCloseTo(110 + 28_000 / 600, 6);
  });

  it('a queue bound of 1000 per ready replica rejects 5000 requests in the first spike tick', () => {
    const r = run({ queuePerReplica: 1000 });
    // [60, 75): bound 4000 reached after 6.67 s at +600/s; the remaining 5000 of the 9000 excess are rejected.
    expect(r.ticks[4].rejected).toBeCloseTo(5000, 6);
    expect(r.ticks[4].backlog).toBe(4000);
    expect(r.ticks[5].backlog).toBe(7000); // bound 8000, +200/s
    expect(r.verdicts.rejected).toBeCloseTo(5000, 6);
    expect(r.verdicts.spike!.absorbedSec).toBeCloseTo(90 + 7000 / 600, 6);
  });

  it('no flapping here; a down-cooldown under 5× the up-cooldown is warned about', () => {
    expect(run().verdicts.flaps).toEqual([]);
    expect(run().verdicts.warnings).toEqual([]);
    expect(run({ policy: { ...SEED, downCooldownSec: 30 } }).verdicts.warnings[0]).toMatch(/less than 5 × the up-cooldown/);
    expect(cooldownWarning(15, 75)).toBeUndefined();
    expect(cooldownWarning(15, 74)).toMatch(/74 s/);
  });

  it('flapping: a 30 s up/down oscillation with short cooldowns reverses within the window', () => {
    const csv = 't,rate\n' + Array.from({ length: 12 }, (_, i) => `${i * 30},${i % 2 ? 100 : 1000}`).join('\n') + '\n360,100\n';
    const demand = demandFromTable(parseCsvTable(csv, 'flap.csv'), 't', 'rate');
    const r = run({ demand, policy: { ...SEED, downCooldownSec: 15 } });
    // Reversals at 30 (down), 60 (up), 90 (down), …: each pair is 30 s apart.
    expect(r.verdicts.flaps[0]).toEqual({ startSec: 30, endSec: 60 });
    expect(r.verdicts.flaps[0].endSec - r.verdicts.flaps[0].startSec).toBeLessThanOrEqual(300);
  });
});
