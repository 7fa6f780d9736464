import { InputError } from '../errors.js';
import type { ResultFile } from '../results/types.js';
import type { Correction } from '../stats/multiple-testing.js';
import type { StatOptions } from './metrics.js';

/** A result file and the name it is shown under (its path). */
export interface NamedResult {
  result: ResultFile;
  name: string;
}

/** A short description of a run, for reports. */
export interface RunRef {
  file: string;
  profile: string;
  startedAt: string;
  /** Measured duration, seconds (one decimal). */
  durationSec: number;
  requests: number;
}

/** Describe a run for a report. */
export function runRef(run: NamedResult): RunRef {
  const r = run.result;
  return { file: run.name, profile: r.profile.name, startedAt: r.run.startedAt, durationSec: Math.round(r.summary.durationSec * 10) / 10, requests: r.summary.total.count };
}

/** Refuse a result with no intervals (exit 2): there is nothing to test. */
export function requireIntervals(run: NamedResult, what: string): void {
  if (run.result.intervals.length === 0) throw new InputError(`the result has no intervals (an empty run); nothing to ${what}`, run.name);
}

/** The statistics settings a report was made with (all defaults filled in). */
export interface StatSettings {
  /** Significance level. */
  alpha: number;
  correction: Correction;
  /** Confidence of the intervals. */
  confidence: number;
}

/** Fill in the defaults: α 0.05, Holm, 95% intervals. */
export function statSettings(opts: StatOptions & { alpha?: number; correction?: Correction }): StatSettings {
  return { alpha: opts.alpha ?? 0.05, correction: opts.correction ?? 'holm', confidence: opts.confidence ?? 0.95 };
}

function runLine(label: string, r: RunRef): string {
  return `${label}: ${r.file} (profile "${r.profile}", ${r.durationSec} s, ${r.requests} requests, started ${r.startedAt})`;
}

/** One line for a side: the run itself, or how many runs and which. */
export function runsLine(label: string, runs: RunRef[]): string {
  if (runs.length === 1) return runLine(label, runs[0]);
  return `${label}: ${runs.length} runs (${runs.map((r) => r.file).join(', ')})`;
}

/** A side in the title: the file, or `3 runs`. */
export const sideTitle = (runs: RunRef[]) => (runs.length === 1 ? runs[0].file : `${runs.length} runs`);
