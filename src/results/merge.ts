import { InputError } from '../errors.js';
import { canonicalJson } from '../util/canonical-json.js';
import { assembleResult } from './assemble.js';
import { accumulate, newAccumulator, toEndpointData, destroyAccumulators, type EndpointAccumulator } from './aggregate.js';
import type { Environment, GeneratorSecond, IntervalRecord, ResultFile, RunInfo } from './types.js';
import { addGeneratorSecond, emptyGeneratorSecond } from './generator.js';
import { maxOf, minOf } from '../util/extrema.js';

/** Options for {@link mergeResults}. */
export interface MergeOptions {
  /** Merge even when the shards ran different profiles (the first shard's profile is kept) or look like the same run twice. */
  force?: boolean;
  /** Names of the shards (file paths) for error messages; same order as the results. */
  names?: string[];
}

/** Why two shards cannot be merged without --force, or undefined when they can. */
export function profileMismatch(a: ResultFile, b: ResultFile): string | undefined {
  if (a.profile.name !== b.profile.name) return `profile name "${b.profile.name}" differs from "${a.profile.name}"`;
  if (canonicalJson(a.profile.spec) !== canonicalJson(b.profile.spec)) return `profile "${b.profile.name}" has a different spec (the profile changed between runs)`;
  return undefined;
}

/** Per-second data of a result (counters and encoded histograms), as one comparable string. */
function intervalFingerprint(r: ResultFile): string {
  return canonicalJson(r.intervals);
}

/**
 * True when two results are the same run (a file given twice, or a copy of it): same
 * run.startEpochMs, same environment.hostname and identical intervals (per-second counters and
 * histograms: two generators on one host started in the same ms still differ there). Merging them
 * would double-count every request.
 */
export function sameRun(a: ResultFile, b: ResultFile): boolean {
  return a.run.startEpochMs === b.run.startEpochMs && a.environment.hostname === b.environment.hostname && intervalFingerprint(a) === intervalFingerprint(b);
}

/** The distinct targets of the shards (a merged input contributes its `targets`), sorted. */
export function shardTargets(results: ResultFile[]): string[] {
  return [...new Set(results.flatMap((r) => r.targets ?? [r.profile.target]))].sort();
}

/** A warning when the shards hit different target URLs (e.g. each its own built-in target): the merged result mixes systems. */
export function targetWarnings(results: ResultFile[]): string[] {
  const targets = shardTargets(results);
  if (targets.length < 2) return [];
  return [`the shards hit ${targets.length} different targets (${targets.join(', ')}): the merged result mixes separate systems (each its own built-in target?); all are listed in "targets" of the merged file`];
}

/** Distinct comma-separated parts of several strings, sorted (so merging is commutative and associative). */
function joinDistinct(values: string[]): string {
  return [...new Set(values.flatMap((v) => v.split(',')).filter((v) => v !== ''))].sort().join(',');
}

/**
 * Merged environment: workers, connections and cpus are SUMMED (the fleet of generators);
 * hostname, cpuModel, platform, arch, nodeVersion and capplanVersion list the distinct values, comma-separated.
 */
function mergeEnvironment(envs: Environment[]): Environment {
  return {
    capplanVersion: joinDistinct(envs.map((e) => e.capplanVersion)),
    nodeVersion: joinDistinct(envs.map((e) => e.nodeVersion)),
    platform: joinDistinct(envs.map((e) => e.platform)),
    arch: joinDistinct(envs.map((e) => e.arch)),
    cpus: envs.reduce((s, e) => s + e.cpus, 0),
    cpuModel: joinDistinct(envs.map((e) => e.cpuModel)),
    hostname: joinDistinct(envs.map((e) => e.hostname)),
    workers: envs.reduce((s, e) => s + e.workers, 0),
    connections: envs.reduce((s, e) => s + e.connections, 0),
  };
}

/**
 * Merged timing: start = min start, end = max(start + duration), durationMs = end − start,
 * plannedDurationMs = max, interrupted = any shard interrupted, cpuMs = Σ (when all have it), phases and scale from the
 * earliest-starting shard (phases are seconds since the merged start). Shards starting in the
 * same millisecond are ordered by their phases and scale, so the choice never depends on the
 * order the shards were given in (merge stays commutative and associative).
 */
function mergeRun(runs: RunInfo[]): RunInfo {
  const tieKey = (r: RunInfo) => JSON.stringify([r.phases, r.scale]);
  const earliest = runs.reduce((a, b) =>
    b.startEpochMs < a.startEpochMs || (b.startEpochMs === a.startEpochMs && tieKey(b) < tieKey(a)) ? b : a,
  );
  const start = earliest.startEpochMs;
  const end = maxOf(runs.map((r) => r.startEpochMs + r.durationMs));
  return {
    startedAt: new Date(start).toISOString(),
    startEpochMs: start,
    endedAt: new Date(end).toISOString(),
    durationMs: end - start,
    plannedDurationMs: maxOf(runs.map((r) => r.plannedDurationMs)),
    interrupted: runs.some((r) => r.interrupted),
    scale: earliest.scale,
    phases: earliest.phases,
    // CPU time of the fleet: the shards' generator processes added (known only when every shard recorded it).
    ...(runs.every((r) => r.cpuMs !== undefined) ? { cpuMs: runs.reduce((a, r) => a + r.cpuMs!, 0) } : {}),
  };
}

/**
 * Merge intervals on their wall-clock second (epochSec): per endpoint, counters add and
 * histograms add exactly; targetLevel and activeUsers add (each shard carried its share).
 * t = epochSec − floor(startEpochMs / 1000) of the merged start.
 */
function mergeIntervals(results: ResultFile[], startEpochMs: number): IntervalRecord[] {
  const startSec = Math.floor(startEpochMs / 1000);
  const bySecond = new Map<number, { targetLevel: number; activeUsers: number; endpoints: Map<string, EndpointAccumulator>; generator?: GeneratorSecond }>();
  for (const r of results) {
    for (const iv of r.intervals) {
      let slot = bySecond.get(iv.epochSec);
      if (!slot) bySecond.set(iv.epochSec, (slot = { targetLevel: 0, activeUsers: 0, endpoints: new Map() }));
      slot.targetLevel += iv.targetLevel;
      slot.activeUsers += iv.activeUsers;
      if (iv.generator) slot.generator = addGeneratorSecond(slot.generator ?? emptyGeneratorSecond(), iv.generator);
      for (const [name, data] of Object.entries(iv.endpoints)) {
        let acc = slot.endpoints.get(name);
        if (!acc) slot.endpoints.set(name, (acc = newAccumulator()));
        accumulate(acc, data);
      }
    }
  }
  return [...bySecond.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epochSec, slot]) => {
      const endpoints = Object.fromEntries([...slot.endpoints.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([n, acc]) => [n, toEndpointData(acc)]));
      destroyAccumulators(slot.endpoints.values());
      return { epochSec, t: epochSec - startSec, targetLevel: slot.targetLevel, activeUsers: slot.activeUsers, endpoints, ...(slot.generator ? { generator: slot.generator } : {}) };
    });
}

/**
 * Merge result files from several load generators into one, exactly: histograms and
 * counters add per wall-clock second, the summary is recomputed from the merged intervals,
 * `shards` = Σ shards of the inputs (a single result counts 1). Pure: inputs are not modified.
 *
 * When the shards hit different target URLs, `targets` lists them all (sorted) and a warning is
 * added; `profile.target` stays the first shard's.
 *
 * Throws InputError when fewer than one result is given, or, unless `force` is set, when profiles
 * differ or two shards are the same run ({@link sameRun}).
 */
export function mergeResults(results: ResultFile[], opts: MergeOptions = {}): ResultFile {
  if (results.length === 0) throw new InputError('nothing to merge: give at least one result file');
  const names = opts.names ?? results.map((_, i) => `shard ${i + 1}`);
  if (!opts.force) {
    for (let i = 1; i < results.length; i++) {
      const why = profileMismatch(results[0], results[i]);
      if (why) throw new InputError(`cannot merge with ${names[0]}: ${why}; use --force to merge anyway`, names[i]);
    }
    for (let i = 1; i < results.length; i++) {
      const j = results.findIndex((r, k) => k < i && sameRun(r, results[i]));
      if (j >= 0) {
        throw new InputError(
          `is the same run as ${names[j]} (same start ${results[i].run.startedAt}, host "${results[i].environment.hostname}", identical per-second data): merging it would count every request twice; use --force to merge anyway`,
          names[i],
        );
      }
    }
  }
  const run = mergeRun(results.map((r) => r.run));
  const endpointOrder: string[] = [];
  for (const r of results) for (const e of r.summary.endpoints) if (!endpointOrder.includes(e.name)) endpointOrder.push(e.name);
  const merged = assembleResult({
    profile: results[0].profile,
    environment: mergeEnvironment(results.map((r) => r.environment)),
    run,
    intervals: mergeIntervals(results, run.startEpochMs),
    endpointOrder,
    shards: results.reduce((s, r) => s + (r.shards ?? 1), 0),
  });
  const targets = shardTargets(results);
  if (targets.length > 1) merged.targets = targets;
  merged.summary.warnings.push(...startSpreadWarnings(results), ...targetWarnings(results));
  return merged;
}

/** Shards whose starts differ by more than this many seconds get a warning: their rates are diluted. */
export const MAX_START_SPREAD_SEC = 5;

/**
 * A warning when the shards did not run together: starts more than {@link MAX_START_SPREAD_SEC} apart.
 * Rates in the merged summary are Σ completed / (latest end − earliest start), so shards that ran at
 * different times look like one long, lighter run.
 */
export function startSpreadWarnings(results: ResultFile[]): string[] {
  const starts = results.map((r) => r.run.startEpochMs);
  const spreadSec = (maxOf(starts) - minOf(starts)) / 1000;
  if (spreadSec <= MAX_START_SPREAD_SEC) return [];
  return [`the shards started up to ${spreadSec.toFixed(1)} s apart: merged rates are per the whole merged duration, so they are lower than the load any moment saw; start generators together`];
}
