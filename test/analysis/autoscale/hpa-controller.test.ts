import { describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOR, resolveBehavior, type HpaBehaviorSpec } from '../../../src/analysis/autoscale/hpa-behavior.js';
import { hpaPolicy, hpaRecommendation } from '../../../src/analysis/autoscale/hpa-controller.js';
import { simulateAutoscaling } from '../../../src/analysis/autoscale/simulate.js';
import { stagesShape } from '../../../src/shapes/stages.js';

const TOL = { up: 0.1, down: 0.1 };

describe('HPA recommendation (Kubernetes docs, "Algorithm details")', () => {
  it.each([
    // current, ready, utilisation, target, expected
    ['current 200m for a 100m target doubles', 4, 4, 2.0, 1.0, 8],
    ['current 50m for a 100m target halves', 4, 4, 0.5, 1.0, 2],
    ['50 replicas at 90 % for a 75 % target become 60 (ratio 1.2)', 50, 50, 0.9, 0.75, 60],
    ['a ratio of 1.05 is within the 0.1 tolerance', 10, 10, 0.735, 0.7, 10],
    ['a ratio of 0.95 is within the tolerance', 10, 10, 0.665, 0.7, 10],
    ['a ratio of exactly 1.1 is within the tolerance (float noise dropped)', 10, 10, 0.77, 0.7, 10],
    ['a ratio of 1.11 scales', 10, 10, 0.777, 0.7, 12],
  ])('%s', (_n, current, ready, u, target, expected) => {
    expect(hpaRecommendation(current, ready, u, target, TOL)).toBe(expected);
  });

  it('not-yet-ready pods count as 0 % on a scale-up, which dampens it or cancels it', () => {
    // 10 pods, 5 ready at ratio 2: assumed ratio 2 × 5 / 10 = 1.0 → within tolerance, no change.
    expect(hpaRecommendation(10, 5, 1.6, 0.8, TOL)).toBe(10);
    // ratio 3: assumed 1.5 → ⌈1.5 × 10⌉ = 15.
    expect(hpaRecommendation(10, 5, 2.4, 0.8, TOL)).toBe(15);
    // ratio 1.6: assumed 0.8 < 1 reverses the direction → no change.
    expect(hpaRecommendation(10, 5, 1.28, 0.8, TOL)).toBe(10);
  });

  it('no ready pods: no metrics, no change', () => {
    expect(hpaRecommendation(3, 0, NaN, 0.7, TOL)).toBe(3);
  });
});

/** Drive the controller with a constant demand that asks for `wanted` replicas (all ready), every 15 s. */
function drive(spec: HpaBehaviorSpec, start: number, wanted: (t: number) => number, syncs: number, limits = { minReplicas: 1, maxReplicas: 1000 }) {
  const p = hpaPolicy(0.5, resolveBehavior(spec), limits);
  let replicas = start;
  const out: number[] = [];
  for (let k = 0; k < syncs; k++) {
    const t = k * 15;
    // utilisation = demand / (replicas × 1); demand = wanted × target × 1 makes ⌈ratio × replicas⌉ = wanted.
    replicas = p.decide({ tSec: t, replicas, readyReplicas: replicas, demandPerSec: wanted(t) * 0.5, capacityPerReplicaPerSec: 1 }).replicas;
    out.push(replicas);
  }
  return out;
}

describe('HPA behaviour (Kubernetes docs, "Configurable scaling behavior")', () => {
  it('default scale-up: the larger of +100 % and +4 pods every 15 s, no stabilisation', () => {
    // 1 → max(2, 5) = 5 → max(10, 9) = 10 → 20 → 40 → 80 → 100 (the wanted count).
    expect(drive({}, 1, () => 100, 7)).toEqual([5, 10, 20, 40, 80, 100, 100]);
  });

  it('scale-down policies Pods 4/60 s and Percent 10/60 s (Max): 80 → 72 → 64 …, then 4 at a time below 40', () => {
    const spec: HpaBehaviorSpec = {
      scaleDown: { policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }, { type: 'Percent', value: 10, periodSeconds: 60 }] },
    };
    const every60 = drive(spec, 80, () => 10, 15 * 4).filter((_, i) => i % 4 === 0);
    // 80 → 72 (8 removed); at 72, 10 % is 7.2, rounded up to 8 → 64; 57.6 → 57; 51.3 → 51; 45.9 → 45; 40.5 → 40; then −4.
    expect(every60).toEqual([72, 64, 57, 51, 45, 40, 36, 32, 28, 24, 20, 16, 12, 10, 10]);
    // Nothing moves between the 60 s steps: the period's removals count against it.
    expect(drive(spec, 80, () => 10, 4)).toEqual([72, 72, 72, 72]);
  });

  it('limit scale-down to 10 % per minute: 100 → 90 → 81 → 72', () => {
    const spec: HpaBehaviorSpec = { scaleDown: { policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] } };
    expect(drive(spec, 100, () => 1, 12).filter((_, i) => i % 4 === 0)).toEqual([90, 81, 72]);
  });

  it('Percent 10 and Pods 5 with selectPolicy Min: no more than 5 pods removed per minute', () => {
    const spec: HpaBehaviorSpec = {
      scaleDown: { policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }, { type: 'Pods', value: 5, periodSeconds: 60 }], selectPolicy: 'Min' },
    };
    expect(drive(spec, 100, () => 1, 16).filter((_, i) => i % 4 === 0)).toEqual([95, 90, 85, 80]);
  });

  it('selectPolicy Disabled: never scales down', () => {
    expect(drive({ scaleDown: { selectPolicy: 'Disabled' } }, 20, () => 1, 40)).toEqual(Array(40).fill(20));
  });

  it('scale-down stabilisation: the highest recommendation of the last 300 s (default) or 60 s holds the count', () => {
    // Wanted 10 until t = 135, then 2. The last recommendation of 10 (t = 135) leaves the window at 135 + 300.
    const wanted = (t: number) => (t < 150 ? 10 : 2);
    const byDefault = drive({}, 10, wanted, 32);
    expect(byDefault.findIndex((r) => r === 2) * 15).toBe(435);
    expect(byDefault.slice(0, 29).every((r) => r === 10)).toBe(true);
    const oneMinute = drive({ scaleDown: { stabilizationWindowSeconds: 60 } }, 10, wanted, 32);
    expect(oneMinute.findIndex((r) => r === 2) * 15).toBe(195);
  });

  it('scale-up stabilisation takes the lowest recommendation of its window', () => {
    // Wanted 8 only at t = 15; with a 30 s up window the lower earlier recommendation (4) holds.
    const r = drive({ scaleUp: { stabilizationWindowSeconds: 30 } }, 4, (t) => (t === 15 ? 8 : 4), 4);
    expect(r).toEqual([4, 4, 4, 4]);
  });

  it('min and max replicas bound the change', () => {
    expect(drive({}, 4, () => 100, 3, { minReplicas: 2, maxReplicas: 10 })).toEqual([8, 10, 10]);
    expect(drive({ scaleDown: { stabilizationWindowSeconds: 0 } }, 8, () => 1, 2, { minReplicas: 3, maxReplicas: 10 })).toEqual([3, 3]);
  });

  it('a partial behaviour keeps the defaults of the fields left out', () => {
    const b = resolveBehavior({ scaleDown: { stabilizationWindowSeconds: 60 } });
    expect(b.scaleDown.policies).toEqual(DEFAULT_BEHAVIOR.scaleDown.policies);
    expect(b.scaleDown.stabilizationWindowSeconds).toBe(60);
    expect(b.scaleUp).toEqual(DEFAULT_BEHAVIOR.scaleUp);
  });
});

describe('HPA over a 10× spike (simulated, hand-computed)', () => {
  it('2 → 6 → 12 → 15 on the spike, back to 2 once the 300 s window has passed', () => {
    // 100 req/s for 60 s, 1000 req/s for 120 s, 100 req/s to 480 s; 100 req/s per replica, target 70 %.
    const demand = stagesShape([
      { durationMs: 60_000, from: 100, to: 100, name: 'base' },
      { durationMs: 120_000, from: 1000, to: 1000, name: 'spike' },
      { durationMs: 300_000, from: 100, to: 100, name: 'after' },
    ]);
    const r = simulateAutoscaling({
      demand,
      capacityPerReplicaPerSec: 100,
      tickSec: 15,
      minReplicas: 2,
      maxReplicas: 20,
      readyDelaySec: 0,
      policy: { kind: 'hpa', targetUtilisation: 0.7, behavior: resolveBehavior() },
    });
    const at = (t: number) => r.ticks[t / 15].replicas;
    // t = 60: ratio (1000/200)/0.7 = 7.14 → ⌈14.3⌉ = 15, limited to max(2 × 2, 2 + 4) = 6; then 12; then 15.
    expect([at(45), at(60), at(75), at(90), at(105)]).toEqual([2, 6, 12, 15, 15]);
    // t = 180: the recommendation falls to 2, but 15 (last at t = 165) stays in the window until 465.
    expect(at(450)).toBe(15);
    expect(at(465)).toBe(2);
    expect(r.verdicts.spike!.startSec).toBe(60);
    expect(r.verdicts.warnings).toEqual([]);
  });
});
