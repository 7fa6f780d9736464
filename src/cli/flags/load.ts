/**
 * Flags of `capplan load`, validated into typed settings (UsageError naming the flag, exit 2).
 */
import { UsageError } from '../../errors.js';
import { durationFlagSec, numberFlag, type NumberBounds } from './values.js';
import { targetFlag } from '../target-flag.js';
import { parseShardFlags, type ShardFlags, type ShardSettings } from './shard.js';

/** Raw commander options of `capplan load`. */
export interface LoadFlags extends ShardFlags {
  logResult?: boolean;
  profile?: string;
  target?: string;
  scale?: string;
  duration?: string;
  workers?: string;
  connections?: string;
  out?: string;
  seed?: string;
  grace?: string;
  maxLag?: string;
  quiet?: boolean;
  json?: boolean;
  progress?: boolean;
  insecure?: boolean;
}

/** Validated settings. */
export interface LoadSettings extends ShardSettings {
  /** Print the result file as compressed `capplan-result` lines at the end of stdout (for `capplan collect`). */
  logResult: boolean;
  profileFile: string;
  target?: string;
  scale?: number;
  durationMs?: number;
  workers?: number;
  connections?: number;
  out?: string;
  seed?: number;
  graceMs: number;
  /** Open model: an arrival waiting longer than this for a connection is dropped (ms). */
  maxLagMs?: number;
  quiet: boolean;
  json: boolean;
  /** Plain progress lines every second even when not on a TTY. */
  progressEverySecond: boolean;
  /** Accept unverified TLS certificates. */
  insecure: boolean;
}

/** A whole number from 1 to `max` (`--workers: expected a number >= 1 (got "0")`). */
function positiveInt(value: string | undefined, flag: string, max: number): number | undefined {
  return value === undefined ? undefined : numberFlag(flag, value, { integer: true, min: 1, max });
}

/** A duration in whole ms (`--grace: expected a duration such as 250ms, 5s, 1h30m or 30d (got "soon")`). */
function durationFlag(value: string | undefined, flag: string, bounds: NumberBounds = {}): number | undefined {
  if (value === undefined) return undefined;
  return Math.round(durationFlagSec(flag, value, bounds) * 1000);
}

/** Validate `capplan load` flags; the profile comes from `--profile FILE` or the positional `FILE`. */
export function parseLoadFlags(positional: string | undefined, f: LoadFlags): LoadSettings {
  if (positional && f.profile && positional !== f.profile) throw new UsageError(`give the profile once: either "capplan load FILE" or --profile FILE (got "${positional}" and "${f.profile}")`);
  const profileFile = f.profile ?? positional;
  if (!profileFile) throw new UsageError('missing --profile FILE: the YAML profile to run, e.g. capplan load --profile profiles/steady.yaml');
  const scale = f.scale === undefined ? undefined : numberFlag('--scale', f.scale, { above: 0 });
  const durationMs = durationFlag(f.duration, '--duration', { above: 0 });
  if (durationMs !== undefined && scale !== undefined) throw new UsageError('use either --scale or --duration, not both (--duration sets the scale)');
  if (f.quiet && f.json) throw new UsageError('use either --quiet or --json, not both');
  const seed = f.seed === undefined ? undefined : numberFlag('--seed', f.seed, { integer: true });
  if (f.target !== undefined) targetFlag(f.target);
  return {
    profileFile, target: f.target, scale, durationMs,
    workers: positiveInt(f.workers, '--workers', 64),
    connections: positiveInt(f.connections, '--connections', 10_000),
    out: f.out, seed,
    graceMs: durationFlag(f.grace, '--grace') ?? 2000,
    maxLagMs: durationFlag(f.maxLag, '--max-lag', { above: 0 }),
    quiet: !!f.quiet, json: !!f.json, progressEverySecond: !!f.progress, insecure: !!f.insecure,
    ...parseShardFlags(f, process.env), logResult: !!f.logResult,
  };
}
