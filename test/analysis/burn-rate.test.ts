import { describe, expect, it } from 'vitest';
import { alertBurnRate, errorBudget, WORKBOOK_ALERT_POLICY } from '../../src/analysis/burn-rate.js';

const DAY = 86_400;

describe('errorBudget', () => {
  it("reproduces the SRE workbook's multiwindow policy for a 30-day 99.9% SLO", () => {
    const r = errorBudget({ objective: 0.999, windowSec: 30 * DAY });
    // Workbook table: 2% in 1h → 14.4, 5% in 6h → 6, 10% in 1d → 3, 10% in 3d → 1.
    expect(r.alerts.map((a) => a.burnRate)).toEqual([14.4, 6, 3, 1]);
    expect(r.alerts.map((a) => a.errorRateThreshold)).toEqual([0.0144, 0.006, 0.003, 0.001]);
    expect(r.alerts.map((a) => [a.severity, a.longWindowSec / 3600, a.shortWindowSec / 60])).toEqual([
      ['page', 1, 5],
      ['page', 6, 30],
      ['ticket', 24, 120],
      ['ticket', 72, 360],
    ]);
    expect(r.budgetFraction).toBe(0.001);
    expect(r.budgetMinutes).toBe(43.2);
    expect(r.skippedAlerts).toEqual([]);
  });

  it.each([7, 14, 28, 90])('scales the thresholds with a %i-day window: burn = consumed × window / alert window', (days) => {
    const r = errorBudget({ objective: 0.995, windowSec: days * DAY });
    r.alerts.forEach((a, i) => {
      const rule = WORKBOOK_ALERT_POLICY[i];
      expect(a.burnRate).toBeCloseTo((rule.budgetConsumed * days * 24) / (rule.longWindowSec / 3600), 9);
      expect(a.errorRateThreshold).toBeCloseTo(a.burnRate * 0.005, 12);
    });
  });

  it('leaves out rules whose alert window is longer than the SLO window', () => {
    const r = errorBudget({ objective: 0.99, windowSec: 2 * DAY });
    expect(r.alerts.map((a) => a.longWindowSec / 3600)).toEqual([1, 6, 24]);
    expect(r.skippedAlerts.map((a) => a.longWindowSec / 3600)).toEqual([72]);
  });

  it("reproduces the guide's §17.6.3 example: 30M requests/month at 99.9% → 30 000 errors, 1000/day", () => {
    const r = errorBudget({ objective: 0.999, windowSec: 30 * DAY, requestsPerWindow: 30e6 });
    expect(r.budgetRequests).toBe(30_000);
    expect(r.budgetRequestsPerDay).toBe(1000);
  });

  it.each([
    // observed, burn, days to exhaustion, alerts firing
    [0.002, 2, 15, [false, false, false, true]],
    [0.02, 20, 1.5, [true, true, true, true]],
    [0.0005, 0.5, 60, [false, false, false, false]],
  ])('observed %d: burn %d×, exhausted in %d days', (observed, burn, days, firing) => {
    const r = errorBudget({ objective: 0.999, windowSec: 30 * DAY, observedErrorRate: observed });
    expect(r.burnRate).toBe(burn);
    expect(r.timeToExhaustionSec! / DAY).toBeCloseTo(days, 9);
    expect(r.alerts.map((a) => a.wouldFire)).toEqual(firing);
  });

  it('a zero error rate never exhausts the budget', () => {
    const r = errorBudget({ objective: 0.99, windowSec: 30 * DAY, observedErrorRate: 0 });
    expect(r.burnRate).toBe(0);
    expect(r.timeToExhaustionSec).toBe(Infinity);
  });

  it('alertBurnRate is consumed × window / alert window', () => {
    expect(alertBurnRate(0.02, 30 * DAY, 3600)).toBe(14.4);
    expect(alertBurnRate(0.05, 28 * DAY, 6 * 3600)).toBe(5.6);
  });
});
