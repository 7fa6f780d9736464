/**
 * Flags of `capplan load`, validated into typed settings (UsageError naming the flag, exit 2).
 */
import { UsageError } from '../../errors.js';
import { durationFlagSec, FlagProblems, numberFlag, type NumberBounds } from './values.js';
import { targetFlag } from '../target-flag.js';
import { parseShardFlags, type ShardFlags, type ShardSettings } from './shard.js';
import type { Profile } from '../../profile/types.js';
import { capplanCommand } from '../invocation.js';

/** Raw commander options of `capplan load`. */
export interface LoadFlags extends ShardFlags {
  logResult?: boolean;
  profile?: string;
  target?: string;
  scale?: string;
  duration?: string;
  workers?: string;
  connections?: string;
  warmupRequests?: string;
  out?: string;
  seed?: string;
  grace?: string;
  maxLag?: string;
  quiet?: boolean;
  json?: boolean;
  progress?: boolean;
  insecure?: boolean;
  monitor?: string[];
  monitorEvery?: string;
  monitorPid?: string;
  metricsPort?: string;
  metricsLinger?: string;
  repeat?: string;
  coolDown?: string;
  label?: string[];
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
  /** Requests each worker sends to the target before t = 0 to warm its send path, 0 for no warm-up (overrides the profile's warmupRequests). */
  warmupRequests?: number;
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
  /** `--monitor URL` (repeatable), added to the profile's monitor.urls. */
  monitorUrls: string[];
  /** `--monitor-every`, ms. */
  monitorEveryMs?: number;
  /** `--monitor-pid`. */
  monitorPid?: number;
  /** `--metrics-port`: serve live Prometheus metrics of the run. */
  metricsPort?: number;
  /** `--metrics-linger`: keep serving them this long after the run, ms. */
  metricsLingerMs: number;
  /** Runs back to back (replicates), ≥ 1. */
  repeat: number;
  /** Pause between repeated runs, ms. */
  coolDownMs: number;
  /** `--label KEY=VALUE` pairs stored in every result file. */
  labels: Record<string, string>;
}

/** Most runs one `--repeat` may ask for. */
export const MAX_REPEAT = 100;

/** `--label KEY=VALUE` (repeatable): a key of letters, digits, `_`, `.` or `-`, and a non-empty value. */
export function parseLabels(raw: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const r of raw) {
    const m = /^([A-Za-z0-9_.-]+)=(.+)$/s.exec(r);
    if (!m) throw new UsageError(`--label: expected KEY=VALUE such as commit=abc123 (got "${r}")`);
    if (/[\u0000-\u001f\u007f]/.test(m[2])) throw new UsageError(`--label: the value of "${m[1]}" has control characters`);
    labels[m[1]] = m[2];
  }
  return labels;
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

/**
 * Validate `capplan load` flags; the profile comes from `--profile FILE` or the positional `FILE`. Every problem
 * is collected and thrown as one UsageError (`3 problems:` and a line each), not the first one only.
 */
export function parseLoadFlags(positional: string | undefined, f: LoadFlags): LoadSettings {
  const p = new FlagProblems();
  if (positional && f.profile && positional !== f.profile) p.add(`give the profile once: either "capplan load FILE" or --profile FILE (got "${positional}" and "${f.profile}")`);
  const profileFile = f.profile ?? positional;
  if (!profileFile) p.add(`missing --profile FILE: the YAML profile to run, e.g. ${capplanCommand('load', 'steady')} (${capplanCommand('profiles')} lists the shipped ones)`);
  const scale = f.scale === undefined ? undefined : p.check(() => numberFlag('--scale', f.scale!, { above: 0 }));
  const durationMs = p.check(() => durationFlag(f.duration, '--duration', { above: 0 }));
  if (f.duration !== undefined && f.scale !== undefined) p.add('use either --scale or --duration, not both (--duration sets the scale)');
  if (f.quiet && f.json) p.add('use either --quiet or --json, not both');
  if (f.target !== undefined) p.check(() => targetFlag(f.target!));
  const settings: LoadSettings = {
    profileFile: profileFile ?? '', target: f.target, scale, durationMs,
    workers: p.check(() => positiveInt(f.workers, '--workers', 64)),
    connections: p.check(() => positiveInt(f.connections, '--connections', 10_000)),
    warmupRequests: f.warmupRequests === undefined ? undefined : p.check(() => numberFlag('--warmup-requests', f.warmupRequests!, { integer: true, min: 0, max: 100_000 })),
    out: f.out,
    seed: f.seed === undefined ? undefined : p.check(() => numberFlag('--seed', f.seed!, { integer: true })),
    graceMs: p.check(() => durationFlag(f.grace, '--grace')) ?? 2000,
    maxLagMs: p.check(() => durationFlag(f.maxLag, '--max-lag', { above: 0 })),
    quiet: !!f.quiet, json: !!f.json, progressEverySecond: !!f.progress, insecure: !!f.insecure,
    ...p.check(() => parseShardFlags(f, process.env)), logResult: !!f.logResult,
    monitorUrls: (f.monitor ?? []).flatMap((u) => p.check(() => monitorUrlFlag(u)) ?? []),
    monitorEveryMs: p.check(() => durationFlag(f.monitorEvery, '--monitor-every', { above: 0 })),
    monitorPid: f.monitorPid === undefined ? undefined : p.check(() => numberFlag('--monitor-pid', f.monitorPid!, { integer: true, min: 1 })),
    metricsPort: f.metricsPort === undefined ? undefined : p.check(() => numberFlag('--metrics-port', f.metricsPort!, { integer: true, min: 0, max: 65535 })),
    metricsLingerMs: p.check(() => durationFlag(f.metricsLinger, '--metrics-linger')) ?? 0,
    repeat: p.check(() => positiveInt(f.repeat, '--repeat', MAX_REPEAT)) ?? 1,
    coolDownMs: p.check(() => durationFlag(f.coolDown, '--cool-down', { min: 0 })) ?? 1000,
    labels: p.check(() => parseLabels(f.label ?? [])) ?? {},
  };
  p.throwIfAny();
  return settings;
}

/** `--monitor`: `builtin` or an http(s) URL of a Prometheus text-format endpoint. */
function monitorUrlFlag(value: string): string {
  if (value === 'builtin') return value;
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return value;
  } catch {
    // not a URL: the message below
  }
  throw new UsageError(`--monitor: expected builtin or an http(s) URL such as http://127.0.0.1:8080/metrics (got "${value}")`);
}

/** The profile's monitor section with the command line's --monitor, --monitor-every and --monitor-pid applied. */
export function withMonitorFlags(profile: Profile, s: LoadSettings): Profile {
  if (s.monitorUrls.length === 0 && s.monitorEveryMs === undefined && s.monitorPid === undefined) return profile;
  const m = profile.monitor ?? { urls: [] };
  const monitor = {
    ...m,
    urls: [...m.urls, ...s.monitorUrls],
    ...(s.monitorEveryMs !== undefined ? { everyMs: s.monitorEveryMs } : {}),
    ...(s.monitorPid !== undefined ? { pid: s.monitorPid } : {}),
  };
  if (monitor.urls.length === 0 && monitor.pid === undefined) throw new UsageError('--monitor-every needs something to watch: --monitor URL or --monitor-pid N (or monitor: in the profile)');
  return { ...profile, monitor };
}
