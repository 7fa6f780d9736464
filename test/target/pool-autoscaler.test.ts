import { describe, expect, it } from 'vitest';
import { parseAutoscaleSpec, TARGET_AUTOSCALE_DEFAULTS } from '../../src/target/autoscale-spec.js';
import { WorkerPool } from '../../src/target/pool.js';
import { createPoolAutoscaler } from '../../src/target/pool-autoscaler.js';

describe('--autoscale spec', () => {
  it('reads every key', () => {
    expect(parseAutoscaleSpec('min=2,max=64,target=70%,up-cooldown=5s,down-cooldown=30s')).toEqual({
      config: { minWorkers: 2, maxWorkers: 64, targetUtilisation: 0.7, upCooldownSec: 5, downCooldownSec: 30, tickSec: 1 },
      problems: [],
    });
    expect(parseAutoscaleSpec('').config).toEqual(TARGET_AUTOSCALE_DEFAULTS);
  });

  it('collects every problem', () => {
    expect(parseAutoscaleSpec('min=0,max=x,target=150%,up-cooldown=soon,tick=0s,maxx=3').problems).toEqual([
      'min=0: expected a whole number ≥ 1',
      'max=x: expected a whole number ≥ 1',
      'target=150%: expected a utilisation such as 70% (0 < target ≤ 100%)',
      'up-cooldown=soon: expected a duration such as 5s',
      'tick=0s: expected a duration such as 5s (> 0)',
      'unknown key "maxx" (did you mean "max"?); expected min, max, target, up-cooldown, down-cooldown, tick',
    ]);
    expect(parseAutoscaleSpec('min=8,max=4').problems).toEqual(['max (4) must be ≥ min (8)']);
  });
});

describe('WorkerPool.resize', () => {
  it('growing starts queued jobs at once; shrinking lets running jobs finish and starts none until below the new size', () => {
    const t = { now: 0 };
    const pool = new WorkerPool(1, 100, () => t.now);
    for (let i = 0; i < 5; i++) pool.submit({ serviceMs: 60_000, done: () => {} });
    expect(pool.counters()).toMatchObject({ busy: 1, queued: 4, offered: 5 });
    pool.resize(4);
    expect(pool.counters()).toMatchObject({ busy: 4, queued: 1 });
    t.now = 1000;
    // ∫ busy dt: 4 workers × 1000 ms.
    expect(pool.counters().busyMs).toBe(4000);
    pool.resize(2);
    expect([pool.workers, pool.counters().busy]).toEqual([2, 4]);
    expect(pool.submit({ serviceMs: 1, done: () => {} })!.started).toBe(false);
    expect(() => pool.resize(0)).toThrow(RangeError);
    pool.close();
  });
});

describe('the target auto-scaler (seed rule on the live pool)', () => {
  it('measures demand and utilisation per tick and doubles / halves behind the cooldowns', () => {
    const t = { now: 0 };
    const pool = new WorkerPool(2, 10_000, () => t.now);
    // 10 ms service: one worker serves 100 req/s; min 2, target 70 %, up-cooldown 5 s, down-cooldown 30 s.
    const cfg = parseAutoscaleSpec('min=2,max=16,target=70%,up-cooldown=5s,down-cooldown=30s').config;
    const as = createPoolAutoscaler(pool, cfg, 10, () => t.now);
    const offer = (n: number) => {
      for (let i = 0; i < n; i++) pool.submit({ serviceMs: 60_000, done: () => {} });
    };
    const second = (n: number) => {
      offer(n);
      t.now += 1000;
      return as.tick();
    };
    // 400 req/s on 2 workers: u = 400 / 200 = 2 → 4; one second later still within the 5 s cooldown.
    expect(second(400)).toMatchObject({ tSec: 1, demandPerSec: 400, workers: 4, action: 'up', utilisation: 1 });
    expect(second(400)).toMatchObject({ workers: 4, action: 'hold' });
    for (let i = 0; i < 3; i++) second(400);
    expect(second(400)).toMatchObject({ tSec: 6, workers: 8, action: 'up' });
    // Demand stops: u = 0 < 35 %, but the 30 s down-cooldown runs from t = 6.
    for (let s = 7; s < 36; s++) expect(second(0).workers).toBe(8);
    expect(second(0)).toMatchObject({ tSec: 36, workers: 4, action: 'down' });
    expect(as.samples()).toHaveLength(36);
    pool.close();
  });

  it('decides on the scheduled tick time k × tick: a timer firing 1 ms early does not miss a 1 s cooldown (the replay decides the same)', () => {
    const t = { now: 0 };
    const pool = new WorkerPool(1, 100_000, () => t.now);
    const cfg = parseAutoscaleSpec('min=1,max=64,target=70%,up-cooldown=1s,down-cooldown=30s,tick=1s').config;
    const as = createPoolAutoscaler(pool, cfg, 10, () => t.now);
    const sizes: number[] = [];
    for (let k = 1; k <= 5; k++) {
      for (let i = 0; i < 2000; i++) pool.submit({ serviceMs: 60_000, done: () => {} });
      t.now += 999; // every tick 1 ms early
      const s = as.tick();
      sizes.push(s.workers);
      expect(s.tSec).toBeCloseTo((k * 999) / 1000, 9); // the sample keeps the measured time
    }
    // 2000 req/s always above 70 % of the pool: it doubles at every tick, 1 s apart on the tick clock.
    expect(sizes).toEqual([2, 4, 8, 16, 32]);
    pool.close();
  });
});
