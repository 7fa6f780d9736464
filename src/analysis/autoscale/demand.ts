/**
 * Demand series for the auto-scaling simulator from a CSV table: column `t` (seconds from the
 * start, or a timestamp) and column `rate` (req/s). Each rate holds until the next row; the last
 * row only ends the series. The series starts at its first row. Pure: takes a parsed table.
 *
 * As stages: row i becomes a constant stage at rateᵢ for tᵢ₊₁ − tᵢ seconds, so rate(t) and its
 * exact integral come from the shared piecewise-linear shape.
 */
import { ValidationError, type ValidationIssue } from '../../errors.js';
import type { CsvTable } from '../../input/csv-table.js';
import { stagesShape } from '../../shapes/stages.js';
import type { Demand } from './types.js';

/** Seconds of a time cell: a number of seconds, or a timestamp (ms since epoch / 1000). */
function timeSec(raw: string): { sec: number; kind: 'seconds' | 'timestamp' } | undefined {
  if (raw.trim() === '') return undefined;
  const n = Number(raw);
  if (Number.isFinite(n)) return { sec: n, kind: 'seconds' };
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? { sec: ms / 1000, kind: 'timestamp' } : undefined;
}

/** Build the demand from a table's time and rate columns; every bad cell is reported at once (ValidationError). */
export function demandFromTable(table: CsvTable, timeColumn: string, rateColumn: string): Demand {
  const issues: ValidationIssue[] = [];
  const at = (i: number, col: string) => ({ path: `row ${i + 2}, column "${col}"`, line: i + 2 });
  const times: number[] = [];
  const rates: number[] = [];
  let kind: 'seconds' | 'timestamp' | undefined;
  table.rows.forEach((row, i) => {
    const t = timeSec(row[timeColumn] ?? '');
    if (!t) issues.push({ ...at(i, timeColumn), message: `expected seconds or a timestamp, got ${JSON.stringify(row[timeColumn] ?? '')}` });
    else if (kind && t.kind !== kind) issues.push({ ...at(i, timeColumn), message: `expected ${kind === 'seconds' ? 'seconds' : 'a timestamp'} like the first row, got ${JSON.stringify(row[timeColumn])}` });
    else {
      kind ??= t.kind;
      if (times.length && t.sec <= times[times.length - 1]) issues.push({ ...at(i, timeColumn), message: 'times must increase from row to row' });
      times.push(t.sec);
    }
    const rawRate = row[rateColumn] ?? '';
    const r = rawRate.trim() === '' ? NaN : Number(rawRate);
    if (!Number.isFinite(r) || r < 0) issues.push({ ...at(i, rateColumn), message: `expected a rate ≥ 0 in req/s, got ${JSON.stringify(rawRate)}` });
    rates.push(r);
  });
  if (!issues.length && table.rows.length < 2) {
    issues.push({ path: 'rows', message: 'need at least two rows: each rate holds until the next row, and the last row ends the series' });
  }
  if (issues.length) throw new ValidationError(table.file, issues);
  const stages = times.slice(0, -1).map((t, i) => ({ durationMs: (times[i + 1] - t) * 1000, from: rates[i], to: rates[i], name: 'demand' }));
  return stagesShape(stages);
}

/** What a profile's shape means as demand. */
export interface ProfileDemand {
  demand: Demand;
  /** How the rate was derived, for the report. */
  note: string;
}

/**
 * Demand from a profile's shape (`shape` is its pure rate function). Open model: the level is the
 * arrival rate. Closed model: the level is users, and each user sends one request per think time
 * plus response time; with responses much shorter than the think time the offered rate is
 *   rate(t) = users(t) / mean think time,  mean think = (min + max) / 2   (uniform think time)
 * an upper bound on what the users can send, said so in the note.
 */
export function demandFromProfile(
  shape: Demand,
  model: 'open' | 'closed',
  thinkTime: { minMs: number; maxMs: number },
): ProfileDemand {
  if (model === 'open') return { demand: shape, note: 'the profile shape: arrival rate in req/s' };
  const thinkSec = (thinkTime.minMs + thinkTime.maxMs) / 2 / 1000;
  if (!(thinkSec > 0)) throw new RangeError('a closed-model profile needs a think time > 0 to turn users into a rate');
  return {
    demand: { durationSec: shape.durationSec, rate: (t) => shape.rate(t) / thinkSec, cumulative: (t) => shape.cumulative(t) / thinkSec },
    note: `closed model: users ÷ mean think time ${thinkSec} s (the most the users send, when responses are much faster than the think time)`,
  };
}
