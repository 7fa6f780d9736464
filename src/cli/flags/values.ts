/**
 * Parsers for flag values (numbers, durations, fractions, multipliers): every bad value becomes a
 * UsageError in one form, `--flag: expected … (got "…")` (exit 2).
 */
import { UsageError } from '../../errors.js';
import { parseDurationMs } from '../../util/duration.js';
import { parseBytes, parseFraction, parseMultiplier, parseNumber } from '../../util/quantity.js';

/** Bounds for a numeric flag. */
export interface NumberBounds {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Exclusive upper bound. */
  below?: number;
  integer?: boolean;
}

function checkBounds(flag: string, raw: string, v: number, b: NumberBounds, what: string): number {
  const fail = (expect: string) => {
    throw new UsageError(`${flag}: expected ${what} ${expect} (got "${raw}")`);
  };
  if (b.integer && !Number.isInteger(v)) fail('that is a whole number');
  if (b.min !== undefined && v < b.min) fail(`>= ${b.min}`);
  if (b.above !== undefined && v <= b.above) fail(`> ${b.above}`);
  if (b.max !== undefined && v > b.max) fail(`<= ${b.max}`);
  if (b.below !== undefined && v >= b.below) fail(`< ${b.below}`);
  return v;
}

/** A number such as `1000`, `2.5`, `1k`, `2.5M`. */
export function numberFlag(flag: string, raw: string, bounds: NumberBounds = {}): number {
  const v = parseNumber(raw);
  if (v === undefined) throw new UsageError(`${flag}: expected a number such as 1000, 2.5 or 1k (got "${raw}")`);
  return checkBounds(flag, raw, v, bounds, 'a number');
}

/** A duration such as `10ms`, `5s`, `1h30m`, `30d`; returns seconds. */
export function durationFlagSec(flag: string, raw: string, bounds: NumberBounds = {}): number {
  const ms = parseDurationMs(raw);
  if (ms === undefined) throw new UsageError(`${flag}: expected a duration such as 250ms, 5s, 1h30m or 30d (got "${raw}")`);
  return checkBounds(flag, raw, ms / 1000, bounds, 'a duration (in seconds)');
}

/** A fraction written `10%` or `0.1`; returns the fraction (0.1). */
export function fractionFlag(flag: string, raw: string, bounds: NumberBounds = {}): number {
  const v = parseFraction(raw);
  if (v === undefined) throw new UsageError(`${flag}: expected a percentage such as 99.9% or a fraction such as 0.999 (got "${raw}")`);
  return checkBounds(flag, raw, v, bounds, 'a fraction');
}

/** A multiplier written `3x` or `3`. */
export function multiplierFlag(flag: string, raw: string, bounds: NumberBounds = {}): number {
  const v = parseMultiplier(raw);
  if (v === undefined) throw new UsageError(`${flag}: expected a multiplier such as 2x or 3 (got "${raw}")`);
  return checkBounds(flag, raw, v, bounds, 'a multiplier');
}

/** A size such as `20KB`, `512MiB`, `2G` (binary units: KB = 1024 B); returns bytes. */
export function bytesFlag(flag: string, raw: string, bounds: NumberBounds = {}): number {
  const v = parseBytes(raw);
  if (v === undefined) throw new UsageError(`${flag}: expected a size such as 20KB, 512MB or 2GiB (got "${raw}")`);
  return checkBounds(flag, raw, v, bounds, 'a size in bytes');
}

/** A duration such as `10ms`, `5s`, `1h30m`; returns whole milliseconds (bounds in seconds, like {@link durationFlagSec}). */
export function durationFlagMs(flag: string, raw: string, bounds: NumberBounds = {}): number {
  return Math.round(durationFlagSec(flag, raw, bounds) * 1000);
}

/** One UsageError for every problem with the flags (and what they name): the line itself, or `N problems:` and one indented line each. */
export class UsageProblems extends UsageError {
  constructor(public readonly lines: readonly string[]) {
    super(lines.length === 1 ? lines[0] : `${lines.length} problems:\n  ${lines.join('\n  ')}`);
  }
}

/**
 * Collects flag problems instead of stopping at the first: `check(fn)` runs one parser and keeps its UsageError
 * (giving undefined), `add` notes one, and `throwIfAny` throws them all as one {@link UsageProblems} error.
 */
export class FlagProblems {
  private readonly lines: string[] = [];

  check<T>(parse: () => T): T | undefined {
    try {
      return parse();
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      this.lines.push(err.message);
      return undefined;
    }
  }

  add(line: string): void {
    this.lines.push(line);
  }

  throwIfAny(): void {
    if (this.lines.length > 0) throw new UsageProblems(this.lines);
  }
}

/** A file path to write (`--out`): not empty (`--out: expected a file path such as reports/run.json (got "")`). */
export function filePathFlag(flag: string, raw: string): string {
  if (raw.trim() === '') throw new UsageError(`${flag}: expected a file path such as reports/run.json (got "${raw}")`);
  return raw;
}

/** One of a fixed set of words (`--distribution: expected one of constant, exponential, lognormal (got "pareto")`). */
export function choiceFlag<T extends string>(flag: string, raw: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`${flag}: expected one of ${choices.join(', ')} (got "${raw}")`);
  return raw as T;
}

/** A comma list of whole numbers ≥ 1 (`"1,2,4,8"`), sorted ascending and deduplicated. */
export function integerListFlag(flag: string, raw: string): number[] {
  return listFlag(flag, raw, 'whole numbers >= 1 such as 1,2,4,8', (p) => {
    const n = parseNumber(p);
    return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
  });
}

/** A comma list of durations > 0 (`"1ms,10ms,100ms"`), in ms, sorted ascending and deduplicated. */
export function durationListFlag(flag: string, raw: string): number[] {
  return listFlag(flag, raw, 'durations > 0 such as 1ms,10ms,100ms', (p) => {
    const ms = parseDurationMs(p);
    return ms !== undefined && ms > 0 ? ms : undefined;
  });
}

function listFlag(flag: string, raw: string, what: string, parse: (part: string) => number | undefined): number[] {
  const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
  const values = parts.map(parse);
  const bad = parts.filter((_, i) => values[i] === undefined);
  if (parts.length === 0 || bad.length) throw new UsageError(`${flag}: expected a comma list of ${what} (got "${bad.length ? bad.join('", "') : raw}")`);
  return [...new Set(values as number[])].sort((a, b) => a - b);
}
