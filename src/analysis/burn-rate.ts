/**
 * Error budgets and burn rates for an availability SLO, with multiwindow burn-rate
 * alerts in the style of Google's SRE workbook ("Alerting on SLOs"). Pure.
 *
 *   budget fraction   b = 1 − objective
 *   budget in time    b·window                (minutes of full outage the window tolerates)
 *   budget requests   b·requests               (failed requests the window tolerates)
 *   burn rate         r = observed error rate / b
 *   exhaustion        window / r               (time until the budget is gone at this rate)
 *   alert burn rate   r_alert = consumed · window / alertWindow
 *   alert error rate  r_alert · b
 *
 * The workbook's policy for a 30-day window: page at 2 % of the budget in 1 h (burn 14.4,
 * short window 5 m), page at 5 % in 6 h (burn 6, 30 m), ticket at 10 % in 1 d (burn 3, 2 h),
 * ticket at 10 % in 3 d (burn 1, 6 h). The consumed fractions and alert windows stay fixed;
 * the burn rates scale with the SLO window.
 */

/** One multiwindow alert rule of the policy. */
export interface BurnAlertRule {
  severity: 'page' | 'ticket';
  /** Fraction of the whole budget consumed within the long window that triggers the alert. */
  budgetConsumed: number;
  /** Long (alert) window, seconds. */
  longWindowSec: number;
  /** Short window, seconds (1/12 of the long one): stops the alert soon after the burn ends. */
  shortWindowSec: number;
}

const HOUR = 3600;
const MIN = 60;

/** The SRE workbook's recommended multiwindow, multi-burn-rate policy. */
export const WORKBOOK_ALERT_POLICY: readonly BurnAlertRule[] = [
  { severity: 'page', budgetConsumed: 0.02, longWindowSec: 1 * HOUR, shortWindowSec: 5 * MIN },
  { severity: 'page', budgetConsumed: 0.05, longWindowSec: 6 * HOUR, shortWindowSec: 30 * MIN },
  { severity: 'ticket', budgetConsumed: 0.1, longWindowSec: 24 * HOUR, shortWindowSec: 2 * HOUR },
  { severity: 'ticket', budgetConsumed: 0.1, longWindowSec: 72 * HOUR, shortWindowSec: 6 * HOUR },
];

/** An alert rule with its thresholds for one SLO. */
export interface BurnAlert extends BurnAlertRule {
  /** consumed · window / longWindow. */
  burnRate: number;
  /** burnRate · (1 − objective): the error rate over both windows that fires the alert. */
  errorRateThreshold: number;
  /** Whether the observed error rate, if sustained over both windows, would fire it (only with an observed rate). */
  wouldFire?: boolean;
}

/** Input of {@link errorBudget}. */
export interface ErrorBudgetInput {
  /** Objective as a fraction in (0, 1), e.g. 0.999. */
  objective: number;
  /** SLO window, seconds (> 0), e.g. 30 days = 2 592 000. */
  windowSec: number;
  /** Observed error rate as a fraction in [0, 1]. */
  observedErrorRate?: number;
  /** Requests per window (≥ 0). */
  requestsPerWindow?: number;
  /** Alert policy; default {@link WORKBOOK_ALERT_POLICY}. */
  policy?: readonly BurnAlertRule[];
}

/** Result of {@link errorBudget}. Infinite durations are `Infinity` (JSON: null). */
export interface ErrorBudgetResult {
  objective: number;
  windowSec: number;
  /** 1 − objective. */
  budgetFraction: number;
  /** budget · window, in minutes. */
  budgetMinutes: number;
  requestsPerWindow?: number;
  /** budget · requests. */
  budgetRequests?: number;
  /** budget · requests · 1 d / window: the daily share of the budget. */
  budgetRequestsPerDay?: number;
  observedErrorRate?: number;
  /** observed / budget (1 = exactly spends the budget over the window). */
  burnRate?: number;
  /** window / burn rate, seconds (Infinity when nothing fails). */
  timeToExhaustionSec?: number;
  /** Expected failed requests over the window at the observed rate. */
  expectedErrors?: number;
  /** Alert rules whose long window fits in the SLO window. */
  alerts: BurnAlert[];
  /** Rules left out because their long window is longer than the SLO window. */
  skippedAlerts: BurnAlertRule[];
}

/** Error budget, burn rate and alert thresholds (formulas in the module comment). */
export function errorBudget(input: ErrorBudgetInput): ErrorBudgetResult {
  const { objective, windowSec, observedErrorRate, requestsPerWindow } = input;
  const budget = clean(1 - objective);
  const out: ErrorBudgetResult = {
    objective,
    windowSec,
    budgetFraction: budget,
    budgetMinutes: clean((budget * windowSec) / 60),
    alerts: [],
    skippedAlerts: [],
  };
  if (requestsPerWindow !== undefined) {
    out.requestsPerWindow = requestsPerWindow;
    out.budgetRequests = clean(budget * requestsPerWindow);
    out.budgetRequestsPerDay = clean((out.budgetRequests * 86_400) / windowSec);
  }
  if (observedErrorRate !== undefined) {
    out.observedErrorRate = observedErrorRate;
    out.burnRate = clean(observedErrorRate / budget);
    out.timeToExhaustionSec = out.burnRate > 0 ? clean(windowSec / out.burnRate) : Infinity;
    if (requestsPerWindow !== undefined) out.expectedErrors = clean(observedErrorRate * requestsPerWindow);
  }
  for (const rule of input.policy ?? WORKBOOK_ALERT_POLICY) {
    if (rule.longWindowSec > windowSec) {
      out.skippedAlerts.push(rule);
      continue;
    }
    const burnRate = alertBurnRate(rule.budgetConsumed, windowSec, rule.longWindowSec);
    const alert: BurnAlert = { ...rule, burnRate, errorRateThreshold: clean(burnRate * budget) };
    if (observedErrorRate !== undefined) alert.wouldFire = observedErrorRate >= alert.errorRateThreshold;
    out.alerts.push(alert);
  }
  return out;
}

/** Burn rate that consumes `budgetConsumed` of the budget in `alertWindowSec`: consumed · window / alertWindow. */
export function alertBurnRate(budgetConsumed: number, windowSec: number, alertWindowSec: number): number {
  return clean((budgetConsumed * windowSec) / alertWindowSec);
}

/**
 * Drop binary floating-point noise from results derived from decimal inputs
 * (1 − 0.999 = 0.0010000000000000009 → 0.001): 12 significant digits, far beyond
 * what any SLO input carries.
 */
export function clean(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}
