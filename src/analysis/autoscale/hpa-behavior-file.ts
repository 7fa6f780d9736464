/**
 * Read an HPA `behavior:` block from YAML text, so users can paste theirs: a whole
 * HorizontalPodAutoscaler manifest (`spec.behavior`), a document with a top-level `behavior:`, or
 * just `scaleUp:` / `scaleDown:`. Validated as the Kubernetes API does (window 0..3600 s, period
 * 1..1800 s, value > 0, type Pods|Percent, selectPolicy Max|Min|Disabled), every problem with its
 * path and line. A manifest's minReplicas, maxReplicas and CPU averageUtilization come along.
 * No I/O: the caller reads the text.
 */
import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import { parseYaml } from '../../profile/yaml-source.js';
import { fromZodIssues } from '../../profile/zod-issues.js';
import type { HpaBehaviorSpec } from './hpa-behavior.js';

const policySchema = z.strictObject({
  type: z.enum(['Pods', 'Percent']),
  value: z.number().int().positive(),
  periodSeconds: z.number().int().min(1).max(1800),
});

const rulesSchema = z.strictObject({
  stabilizationWindowSeconds: z.number().int().min(0).max(3600).optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z.array(policySchema).min(1).optional(),
  tolerance: z.number().min(0).optional(),
});

const behaviorSchema = z.strictObject({ scaleUp: rulesSchema.optional(), scaleDown: rulesSchema.optional() });

const metricSchema = z.looseObject({
  resource: z.looseObject({ target: z.looseObject({ averageUtilization: z.number().int().positive().optional() }).optional() }).optional(),
});

const manifestSchema = z.looseObject({
  spec: z.looseObject({
    behavior: behaviorSchema.optional(),
    minReplicas: z.number().int().min(1).optional(),
    maxReplicas: z.number().int().min(1).optional(),
    metrics: z.array(metricSchema).optional(),
  }),
});

const wrappedSchema = z.looseObject({ behavior: behaviorSchema });

/** What a behaviour file holds. */
export interface HpaBehaviorFile {
  behavior: HpaBehaviorSpec;
  /** From a manifest's spec, when present. */
  minReplicas?: number;
  maxReplicas?: number;
  /** A manifest's first Resource metric averageUtilization, as a fraction (70 → 0.7). */
  targetUtilisation?: number;
}

/** Parse and validate a behaviour file's text. Throws ValidationError with every problem found. */
export function parseHpaBehaviorFile(text: string, file: string): HpaBehaviorFile {
  const src = parseYaml(text);
  if (src.syntaxIssues.length) throw new ValidationError(file, src.syntaxIssues);
  const raw = src.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ValidationError(file, [{ path: '', message: 'expected a mapping: an HPA manifest, a `behavior:` block, or `scaleUp:` / `scaleDown:`' }]);
  }
  const schema: z.ZodType = 'spec' in raw ? manifestSchema : 'behavior' in raw ? wrappedSchema : behaviorSchema;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(file, fromZodIssues(parsed.error.issues, raw, schema, src));
  if (schema === behaviorSchema) return { behavior: parsed.data as HpaBehaviorSpec };
  if (schema === wrappedSchema) return { behavior: (parsed.data as z.output<typeof wrappedSchema>).behavior };
  const spec = (parsed.data as z.output<typeof manifestSchema>).spec;
  const util = spec.metrics?.find((m) => m.resource?.target?.averageUtilization !== undefined)?.resource?.target?.averageUtilization;
  return {
    behavior: spec.behavior ?? {},
    ...(spec.minReplicas !== undefined ? { minReplicas: spec.minReplicas } : {}),
    ...(spec.maxReplicas !== undefined ? { maxReplicas: spec.maxReplicas } : {}),
    ...(util !== undefined ? { targetUtilisation: util / 100 } : {}),
  };
}
