/**
 * The zod schemas of the result file's optional `monitor` and `chaos` fields (written by `load`
 * when it monitored the target or ran a chaos schedule). Result files without them stay valid.
 */
import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** One stored series (see SeriesStore): parallel arrays of equal length. */
export const storedSeriesSchema = z
  .object({
    name: z.string(),
    labels: z.record(z.string(), z.string()),
    source: z.string(),
    stepSec: z.number().positive(),
    t: z.array(finite),
    mean: z.array(finite),
    min: z.array(finite),
    max: z.array(finite),
    n: z.array(z.number().int().nonnegative()),
  })
  .refine((s) => [s.mean, s.min, s.max, s.n].every((a) => a.length === s.t.length), { message: 't, mean, min, max and n must have the same length' });

/** `monitor`: scrape settings, per-source counts and the series. */
export const monitorRecordSchema = z.object({
  everyMs: z.number().positive(),
  sources: z.array(
    z.object({ source: z.string(), scrapes: z.number().int().nonnegative(), failures: z.number().int().nonnegative(), lastError: z.string().optional() }),
  ),
  series: z.array(storedSeriesSchema),
  droppedSeries: z.number().int().nonnegative(),
});

const chaosConfigSchema = z.object({
  errorRate: z.number().min(0).max(1),
  resetRate: z.number().min(0).max(1),
  slowRate: z.number().min(0).max(1),
  slowMinMs: z.number().nonnegative(),
  slowMaxMs: z.number().nonnegative(),
});

/** `chaos`: the schedule as applied and the windows with faults on (seconds since the load started). */
export const chaosRecordSchema = z.object({
  /** Where the updates were sent: a switch URL, or `builtin`. */
  switch: z.string(),
  steps: z.array(
    z.object({
      atSec: finite,
      appliedAtSec: finite.nullable(),
      patch: z.record(z.string(), z.unknown()),
      ok: z.boolean(),
      error: z.string().optional(),
    }),
  ),
  windows: z.array(z.object({ fromSec: finite, toSec: finite, config: chaosConfigSchema })),
});

export type MonitorRecordJson = z.output<typeof monitorRecordSchema>;
export type ChaosRecord = z.output<typeof chaosRecordSchema>;
