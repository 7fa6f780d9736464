/**
 * The zod schema of a whole result file (version 1). `read.ts` checks every file against it, so
 * report, gate, compare, merge, slo and cost see only well-typed data, and a bad file gets every
 * problem at once with its field path (`intervals[3].endpoints.read.latency: expected an encoded
 * histogram (got 42)`). Unknown keys are allowed (a newer capplan may add optional fields).
 */
import { z } from 'zod';
import { describeValue } from '../util/config-fields.js';
import { encodedHistogramProblem } from './histogram.js';
import { chaosRecordSchema, monitorRecordSchema } from '../monitor/record-schema.js';
import { MAX_ENDPOINTS, tooManyEndpoints } from './limits.js';
import type { ValidationIssue } from '../errors.js';

/** A count of requests, responses or bytes: a whole number ≥ 0. */
const count = z.number().int().min(0);
/** A duration, rate or level: a number ≥ 0. */
const nonNegative = z.number().min(0);

/**
 * An encoded latency histogram (compressed base64 HdrHistogram V2, µs; '' = no samples). Checked
 * down to zlib's checksum, so a corrupt one is named here, not found later by a decoder.
 */
const encodedHistogram = z.unknown().superRefine((v, ctx) => {
  const problem = typeof v === 'string' ? encodedHistogramProblem(v) : v === undefined ? 'required: an encoded histogram' : `expected an encoded histogram (got ${describeValue(v)})`;
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const counters = {
  scheduled: count,
  sent: count,
  completed: count,
  ok: count,
  statusCodes: z.record(z.string(), count),
  errors: z.record(z.string(), count),
  backpressure: count,
  retryAfter: count,
  dropped: count,
  late: count,
  bytesIn: count,
  bytesOut: count,
};

const endpointData = z.object({ ...counters, latency: encodedHistogram, service: encodedHistogram });

/** The generator's self-check of one second (optional: files before it have none). */
const generatorSecond = z.object({
  busy: z.number().min(0).max(1),
  lagP99Ms: nonNegative,
  lagMaxMs: nonNegative,
  queued: count,
  inflightMax: count,
  connectionLimit: count,
  lateness: encodedHistogram,
});

const interval = z.object({
  epochSec: z.number().int(),
  t: z.number().int(),
  targetLevel: nonNegative,
  activeUsers: nonNegative,
  endpoints: z.record(z.string(), endpointData),
  generator: generatorSecond.optional(),
});

const latencySummary = z.object({
  min: nonNegative,
  mean: nonNegative,
  stdev: nonNegative,
  p50: nonNegative,
  p90: nonNegative,
  p95: nonNegative,
  p99: nonNegative,
  p999: nonNegative,
  max: nonNegative,
});

const endpointSummary = z.object({
  name: z.string(),
  count,
  targetRate: nonNegative,
  achievedRate: nonNegative,
  latencyMs: latencySummary,
  serviceMs: latencySummary,
  errorRate: z.number().min(0).max(1),
  errors: counters.errors,
  statusCodes: counters.statusCodes,
  backpressure: count,
  retryAfter: count,
  scheduled: count,
  sent: count,
  dropped: count,
  late: count,
  bytesIn: count,
  bytesOut: count,
});

const phase = z.object({ name: z.string(), startSec: z.number(), endSec: z.number() });

/** A plan hash: sha256, 64 lower-case hex digits (src/shard/plan-hash.ts). */
const planHash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 plan hash (64 hex digits)');

/** `shard` of a sharded generator's result: index < count. */
const shardRecord = z
  .object({ index: count, count: z.number().int().min(1), planHash, startAtMs: z.number().optional(), startLateMs: nonNegative.optional() })
  .refine((s) => s.index < s.count, { message: 'expected index < count', path: ['index'] });

const shardHealth = z.object({
  index: count,
  hostname: z.string(),
  workers: count,
  cpus: count,
  durationMs: nonNegative,
  cpuMs: nonNegative.optional(),
  scheduled: count,
  sent: count,
  dropped: count,
  late: count,
  startLateMs: nonNegative.optional(),
});

/** A whole result file, version 1 (see `types.ts` for what each field means). */
export const resultFileSchema = z.object({
  kind: z.literal('capplan-result'),
  version: z.number().int(),
  profile: z.object({
    name: z.string(),
    file: z.string().optional(),
    model: z.enum(['open', 'closed']),
    target: z.string(),
    thresholds: z.record(z.string(), z.array(z.string())).optional(),
    spec: z.unknown(),
  }),
  environment: z.object({
    capplanVersion: z.string(),
    nodeVersion: z.string(),
    platform: z.string(),
    arch: z.string(),
    cpus: count,
    cpuModel: z.string(),
    hostname: z.string(),
    workers: count,
    connections: count,
  }),
  run: z.object({
    startedAt: z.string(),
    startEpochMs: z.number(),
    endedAt: z.string(),
    durationMs: nonNegative,
    plannedDurationMs: nonNegative,
    interrupted: z.boolean(),
    scale: z.number().positive(),
    phases: z.array(phase),
    cpuMs: nonNegative.optional(),
  }),
  intervals: z.array(interval),
  summary: z.object({
    durationSec: nonNegative,
    total: endpointSummary,
    endpoints: z.array(endpointSummary),
    warnings: z.array(z.string()),
    generator: z
      .object({
        latenessMs: z.object({ p50: nonNegative, p99: nonNegative, max: nonNegative, mean: nonNegative }),
        busyMax: z.number().min(0).max(1),
        lagP99MsMax: nonNegative,
        queued: count,
        connectionLimit: count,
        bottleneck: z.enum(['generator', 'target']).optional(),
      })
      .optional(),
  }),
  shards: z.number().int().min(1).optional(),
  targets: z.array(z.string()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  shard: shardRecord.optional(),
  shardSet: z.object({ count: z.number().int().min(1), planHash, indices: z.array(count), health: z.array(shardHealth) }).optional(),
  monitor: monitorRecordSchema.optional(),
  chaos: chaosRecordSchema.optional(),
});

/** One `intervals[]` record (validated one at a time on read: see {@link resultHeadSchema}). */
export const intervalSchema = interval;

/**
 * The result file with `intervals` only checked to be an array. `parseResult` checks the intervals
 * one by one against {@link intervalSchema}, so each parsed copy is garbage at once: validating a
 * 130 000-interval file whole held a second copy of every interval (+800 MB of 1.2 GB).
 */
export const resultHeadSchema = resultFileSchema.extend({ intervals: z.array(z.unknown()) });

/**
 * More than MAX_ENDPOINTS distinct endpoint names in `summary.endpoints` and the intervals' keys:
 * the field where the limit was passed and why; undefined otherwise. Run before the schema, so a
 * file with 100 000 endpoint keys is refused without validating (or later reporting) them all.
 */
export function endpointCountProblem(data: unknown): ValidationIssue | undefined {
  const d = data as { summary?: { endpoints?: unknown }; intervals?: unknown } | null;
  const names = new Set<string>();
  const over = (path: string): ValidationIssue => ({ path, message: tooManyEndpoints(`more than ${MAX_ENDPOINTS}`) });
  if (Array.isArray(d?.summary?.endpoints)) {
    if (d.summary.endpoints.length > MAX_ENDPOINTS) return { path: 'summary.endpoints', message: tooManyEndpoints(d.summary.endpoints.length) };
  }
  if (!Array.isArray(d?.intervals)) return undefined;
  for (let i = 0; i < d.intervals.length; i++) {
    const eps = (d.intervals[i] as { endpoints?: unknown } | null)?.endpoints;
    if (eps === null || typeof eps !== 'object') continue;
    for (const name in eps) {
      names.add(name);
      if (names.size > MAX_ENDPOINTS) return over(`intervals[${i}].endpoints`);
    }
  }
  return undefined;
}
