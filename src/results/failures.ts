/**
 * The one definition of a failed request, used by every summary, report, gate, sweep and progress line.
 *
 * A request failed when it ended in any error kind (refused, reset, timeout, TLS, HTTP 4xx/5xx other
 * than backpressure, …) or in a backpressure response (HTTP 429 or 503, which the target sends to
 * shed load). Dropped and late arrivals are not failures: they are the generator's, counted apart.
 *
 *   failed = Σ errors[kind] + backpressure
 *   error rate = failed / completed
 */

/** Counts of one endpoint, interval or summary that failures are counted from. */
export interface FailureCounts {
  /** Requests that ended in an error, by kind (backpressure not included). */
  errors: Partial<Record<string, number>>;
  /** 429/503 responses. */
  backpressure: number;
}

/** Σ errors[kind]: requests that ended in an error kind, backpressure (429/503) excluded. */
export function errorCount(errors: Partial<Record<string, number>>): number {
  let n = 0;
  for (const v of Object.values(errors)) n += v ?? 0;
  return n;
}

/** Failed requests: Σ errors[kind] + backpressure (429/503); see the module comment. */
export function failedCount(c: FailureCounts): number {
  return errorCount(c.errors) + c.backpressure;
}

/** Error rate = failed / completed, as a fraction in [0, 1]; 0 when nothing completed. */
export function errorRate(c: FailureCounts, completed: number): number {
  return completed > 0 ? failedCount(c) / completed : 0;
}
