/**
 * Parsers for flag values (numbers, durations, fractions, multipliers): every bad value becomes a
 * UsageError in one form, `--flag: expected … (got "…")` (exit 2).
 */
import { UsageError } from '../../errors.js';
import { parseDurationMs } from '../../util/duration.js';
import { parseFraction, parseMultiplier, parseNumber } from '../../util/quantity.js';

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
