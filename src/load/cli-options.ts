/**
 * Flags of `capplan load`, validated into typed settings (UsageError naming the flag, exit 2).
 */
import { UsageError } from '../errors.js';
import { parseDurationMs } from '../util/duration.js';
import { parseNumber } from '../util/quantity.js';

/** Raw commander options of `capplan load`. */
export interface LoadFlags {
  profile?: string;
  target?: string;
  scale?: string;
  duration?: string;
  workers?: string;
  connections?: string;
  out?: string;
  seed?: string;
  grace?: string;
  quiet?: boolean;
  json?: boolean;
  progress?: boolean;
  insecure?: boolean;
}

/** Validated settings. */
export interface LoadSettings {
  profileFile: string;
  target?: string;
  scale?: number;
  durationMs?: number;
  workers?: number;
  connections?: number;
  out?: string;
  seed?: number;
  graceMs: number;
  quiet: boolean;
  json: boolean;
  /** Plain progress lines every second even when not on a TTY. */
  progressEverySecond: boolean;
  /** Accept unverified TLS certificates. */
  insecure: boolean;
}

function positiveInt(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = parseNumber(value);
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max} (got "${value}")`);
  return n;
}

function durationFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDurationMs(value);
  if (ms === undefined || !Number.isFinite(ms)) throw new UsageError(`${flag} must be a duration such as 30s, 5m or 250ms (got "${value}")`);
  return ms;
}

/** Validate `capplan load` flags; the profile comes from `--profile FILE` or the positional `FILE`. */
export function parseLoadFlags(positional: string | undefined, f: LoadFlags): LoadSettings {
  if (positional && f.profile && positional !== f.profile) throw new UsageError(`give the profile once: either "capplan load FILE" or --profile FILE (got "${positional}" and "${f.profile}")`);
  const profileFile = f.profile ?? positional;
  if (!profileFile) throw new UsageError('missing --profile FILE: the YAML profile to run, e.g. capplan load --profile profiles/steady.yaml');
  let scale: number | undefined;
  if (f.scale !== undefined) {
    scale = parseNumber(f.scale);
    if (scale === undefined || !(scale > 0) || !Number.isFinite(scale)) throw new UsageError(`--scale must be a number > 0, e.g. 0.1 (got "${f.scale}")`);
  }
  const durationMs = durationFlag(f.duration, '--duration');
  if (durationMs !== undefined && durationMs <= 0) throw new UsageError(`--duration must be > 0 (got "${f.duration}")`);
  if (durationMs !== undefined && scale !== undefined) throw new UsageError('use either --scale or --duration, not both (--duration sets the scale)');
  if (f.quiet && f.json) throw new UsageError('use either --quiet or --json, not both');
  let seed: number | undefined;
  if (f.seed !== undefined) {
    seed = parseNumber(f.seed);
    if (seed === undefined || !Number.isInteger(seed)) throw new UsageError(`--seed must be an integer (got "${f.seed}")`);
  }
  if (f.target !== undefined && f.target !== 'builtin') {
    try {
      const u = new URL(f.target);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    } catch {
      throw new UsageError(`--target must be an http:// or https:// URL or "builtin" (got "${f.target}")`);
    }
  }
  return {
    profileFile, target: f.target, scale, durationMs,
    workers: positiveInt(f.workers, '--workers', 64),
    connections: positiveInt(f.connections, '--connections', 10_000),
    out: f.out, seed,
    graceMs: durationFlag(f.grace, '--grace') ?? 2000,
    quiet: !!f.quiet, json: !!f.json, progressEverySecond: !!f.progress, insecure: !!f.insecure,
  };
}
