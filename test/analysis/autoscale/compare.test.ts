import { describe, expect, it } from 'vitest';
import { compareWithMeasured, type MeasuredScaler } from '../../../src/analysis/autoscale/compare.js';

const SCALER: MeasuredScaler = { minWorkers: 2, maxWorkers: 16, targetUtilisation: 0.7, upCooldownSec: 1, downCooldownSec: 5, tickSec: 1, serviceTimeMs: 10 };

describe('autoscale --compare: the replay against the live ticks', () => {
  it('a live run that followed the rule exactly agrees tick for tick', () => {
    // 100 req/s per worker. Demand 50, then 500: u = 500/200 → 4, 500/400 → 8, 500/800 = 0.625 holds; then 50: u = 0.0625 → 4 after 5 s.
    const demand = [50, 500, 500, 500, 500, 50, 50, 50, 50, 50, 50];
    const workers = [2, 4, 8, 8, 8, 8, 8, 4, 4, 4, 4];
    const ticks = demand.map((d, k) => ({ tSec: k, workers: workers[k], utilisation: 0, demandPerSec: d }));
    const c = compareWithMeasured(ticks, SCALER);
    expect(c.rows.map((r) => r.simulated)).toEqual(workers);
    expect([c.meanAbsError, c.maxAbsError, c.agreement]).toEqual([0, 0, 1]);
    expect([c.firstScaleUpMeasuredSec, c.firstScaleUpSimulatedSec, c.peakMeasured, c.peakSimulated]).toEqual([1, 1, 8, 8]);
  });

  it('a live scaler one tick late shows up as error on those ticks', () => {
    const demand = [50, 500, 500, 500, 500];
    const late = [2, 2, 4, 8, 8];
    const c = compareWithMeasured(demand.map((d, k) => ({ tSec: k, workers: late[k], utilisation: 0, demandPerSec: d })), SCALER);
    expect(c.rows.map((r) => r.error)).toEqual([0, 2, 4, 0, 0]);
    expect(c.meanAbsError).toBeCloseTo(6 / 5, 12);
    expect(c.agreement).toBe(0.6);
    expect([c.firstScaleUpMeasuredSec, c.firstScaleUpSimulatedSec]).toEqual([2, 1]);
  });
});
