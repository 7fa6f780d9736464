import { basename, extname } from 'node:path';
import { derivePhaseName } from '../shapes/phase-name.js';
import { normaliseNamedShape } from '../shapes/registry.js';
import type { EndpointSpec, KeyDistribution, Profile, ShapeSpec, Stage } from './types.js';
import { PROFILE_DEFAULTS } from './defaults.js';
import type { RawParam, RawProfile } from './schema.js';
import { parseTarget } from '../util/target-url.js';
import { parseChaosSchedule } from '../chaos/schedule.js';

/** Options shared by parseProfile and loadProfile. */
export interface ProfileOptions {
  /** Multiply every shape duration (stages, shape durations, diurnal period and phase) by this factor (> 0). Think time, timeouts and lateThreshold are not scaled. */
  scale?: number;
  /** Override the profile's `target` (builtin or http(s)://host[:port]). */
  target?: string;
  /** Check every `${env:NAME}` the profile uses against this environment, with the other problems (`load` passes its own). */
  env?: Record<string, string | undefined>;
}

/**
 * Turn a schema-valid, cross-field-valid raw profile into the normalised Profile.
 * Stage levels: a stage starts at its `from:`, else where the previous stage ended
 * (0 for the first); `to:` ramps, `rate:`/`users:` holds. Durations × scale.
 */
export function normalise(raw: RawProfile, file: string | undefined, opts: ProfileOptions): Profile {
  const scale = opts.scale ?? 1;
  const target = parseTarget(opts.target ?? raw.target);
  if ('error' in target) throw new Error(`normalise called on an invalid target: ${target.error}`);
  const timeoutMs = raw.timeout ?? PROFILE_DEFAULTS.timeoutMs;
  const deadlineMs = raw.deadline;
  const profile: Profile = {
    name: raw.name ?? (file ? basename(file, extname(file)) : 'profile'),
    target: target.target,
    model: raw.model ?? PROFILE_DEFAULTS.model,
    shape: normaliseShapeSpec(raw, scale),
    endpoints: raw.endpoints.map((ep): EndpointSpec => ({
      name: ep.name,
      method: ep.method ?? 'GET',
      path: ep.path,
      weight: ep.weight ?? PROFILE_DEFAULTS.weight,
      params: Object.fromEntries(Object.entries(ep.params ?? {}).map(([k, d]) => [k, normaliseParam(d)])),
      headers: ep.headers ?? {},
      ...(ep.body !== undefined ? { body: ep.body } : {}),
      timeoutMs: ep.timeout ?? timeoutMs,
      ...((ep.deadline ?? deadlineMs) !== undefined ? { deadlineMs: ep.deadline ?? deadlineMs } : {}),
    })),
    thinkTime: raw.thinkTime ? { minMs: raw.thinkTime.min, maxMs: raw.thinkTime.max } : { ...PROFILE_DEFAULTS.thinkTime },
    headers: raw.headers ?? {},
    timeoutMs,
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    arrivals: raw.arrivals ?? PROFILE_DEFAULTS.arrivals,
    lateThresholdMs: raw.lateThreshold ?? PROFILE_DEFAULTS.lateThresholdMs,
    ...(raw.warmupRequests !== undefined ? { warmupRequests: raw.warmupRequests } : {}),
    seed: raw.seed ?? PROFILE_DEFAULTS.seed,
    thresholds: Object.fromEntries(Object.entries(raw.thresholds ?? {}).map(([k, v]) => [k, typeof v === 'string' ? [v] : (v as string[])])),
    scale,
  };
  if (file !== undefined) profile.file = file;
  if (raw.builtinTarget) {
    const b = raw.builtinTarget;
    profile.builtinTarget = {
      ...(b.workers !== undefined ? { workers: b.workers } : {}),
      ...(b.serviceTime !== undefined ? { serviceTimeMs: b.serviceTime } : {}),
      ...(b.queue !== undefined ? { queue: b.queue } : {}),
    };
  }
  if (raw.monitor) {
    const m = raw.monitor;
    profile.monitor = {
      urls: m.urls ?? [],
      ...(m.every !== undefined ? { everyMs: m.every } : {}),
      ...(m.allow ? { allow: m.allow } : {}),
      ...(m.pid !== undefined ? { pid: m.pid } : {}),
    };
  }
  if (raw.chaos !== undefined) {
    // Validated by checks.ts; times scale with the rest of the profile.
    profile.chaos = parseChaosSchedule(raw.chaos).steps.map((st) => ({ ...st, atSec: st.atSec * scale }));
  }
  return profile;
}

/** The shape of a raw profile: its stages, else its named shape (durations × `scale`). One of the two must be present. */
export function normaliseShapeSpec(raw: Pick<RawProfile, 'stages' | 'shape'>, scale: number): ShapeSpec {
  return raw.stages ? { kind: 'stages', stages: normaliseStages(raw.stages, scale) } : normaliseNamedShape(raw.shape!, scale);
}

function normaliseStages(stages: NonNullable<RawProfile['stages']>, scale: number): Stage[] {
  let prev = 0;
  return stages.map((st) => {
    const hold = st.rate ?? st.users;
    const to = st.to ?? hold ?? 0;
    const from = st.to !== undefined ? (st.from ?? prev) : to;
    prev = to;
    return { durationMs: st.duration * scale, from, to, name: st.name ?? derivePhaseName(from, to) };
  });
}

function normaliseParam(p: RawParam): KeyDistribution {
  if (p.uniform) return { kind: 'uniform', min: p.uniform[0], max: p.uniform[1] };
  if (p.zipf) return { kind: 'zipf', n: p.zipf.n, s: p.zipf.s };
  if (p.pareto) return { kind: 'pareto', xm: p.pareto.xm, alpha: p.pareto.alpha, ...(p.pareto.max !== undefined ? { max: p.pareto.max } : {}) };
  if (p.list) {
    return Array.isArray(p.list)
      ? { kind: 'list', values: p.list }
      : { kind: 'list', values: p.list.values, ...(p.list.weights ? { weights: p.list.weights } : {}) };
  }
  return { kind: 'sequence', start: p.sequence ?? 1 };
}
