/**
 * Per-instance capacity measured by capplan itself, for `capacityFrom` in a fleet file:
 * a sweep (`sweep.json` written by `capplan sweep`) or a load result file. Pure: the
 * caller reads and parses the file.
 */
import type { ResultFile } from '../results/types.js';

/** A capacity and how it was derived (shown in the report). */
export interface MeasuredCapacity {
  /** Requests per second one instance sustains. */
  capacityRps: number;
  /** How it was derived, e.g. `highest 5-s mean of successful responses in x.json`. */
  source: string;
}

/** The parts of a sweep's JSON output this reads. */
export interface SweepJson {
  analysis: {
    max: { concurrency: number; throughput: number };
    slo?: { slo: string; lastPass: { concurrency: number; throughput: number } | null } | null;
  };
}

/** Width of the rolling window for a result file's highest sustained rate (seconds). */
export const SUSTAINED_WINDOW_SEC = 5;

/** Whether parsed JSON looks like a sweep's output (it has analysis.max.throughput). */
export function isSweepJson(data: unknown): data is SweepJson {
  const max = (data as { analysis?: { max?: { throughput?: unknown } } } | null)?.analysis?.max;
  return typeof max?.throughput === 'number';
}

/**
 * A sweep's capacity: the throughput at the last step where its SLO held (capacity at
 * acceptable latency), or, without an SLO, the highest throughput it measured.
 */
export function capacityFromSweep(sweep: SweepJson, file: string): MeasuredCapacity {
  const slo = sweep.analysis.slo;
  if (slo?.lastPass) {
    return {
      capacityRps: slo.lastPass.throughput,
      source: `throughput at the last sweep step meeting ${slo.slo} (${slo.lastPass.concurrency} users) in ${file}`,
    };
  }
  const { max } = sweep.analysis;
  return { capacityRps: max.throughput, source: `highest sweep throughput (${max.concurrency} users) in ${file}` };
}

/**
 * A load result's capacity: the highest mean rate of successful responses (status < 400)
 * over any `SUSTAINED_WINDOW_SEC` consecutive 1-second intervals (all of them when the run
 * is shorter): max over windows of Σ ok / window seconds.
 */
export function capacityFromResult(result: ResultFile, file: string): MeasuredCapacity {
  const ok = result.intervals.map((iv) => Object.values(iv.endpoints).reduce((s, e) => s + e.ok, 0));
  const w = Math.min(SUSTAINED_WINDOW_SEC, ok.length);
  let best = 0;
  let sum = 0;
  for (let i = 0; i < ok.length; i++) {
    sum += ok[i] - (i >= w ? ok[i - w] : 0);
    if (i >= w - 1) best = Math.max(best, sum / w);
  }
  return { capacityRps: best, source: `highest ${w}-s mean of successful responses in ${file}` };
}
