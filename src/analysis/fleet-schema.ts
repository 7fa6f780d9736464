/**
 * The fleet file (`capplan cost FLEET.yaml`): YAML parsed with source positions, validated
 * with zod, every problem collected with its field path (`instanceTypes[1].hourlyUsd`),
 * line and column, unknown keys with a did-you-mean. No I/O: the caller reads the text.
 */
import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { parseDurationMs } from '../util/duration.js';
import { valueAt, zodIssueMessage } from '../profile/zod-issues.js';
import { formatPath, parseYaml, type YamlSource } from '../profile/yaml-source.js';
import { suggest } from '../profile/did-you-mean.js';
import type { CostInput } from './cost.js';

const instanceTypeSchema = z.strictObject({
  name: z.string().min(1),
  vcpu: z.number().positive().optional(),
  memoryGiB: z.number().positive().optional(),
  hourlyUsd: z.number({ error: 'expected a price in USD per hour (a number)' }).min(0, { error: 'must be a price ≥ 0 (USD per hour)' }),
  capacityRps: z.number({ error: 'expected requests per second one instance sustains (a number)' }).positive({ error: 'must be > 0 (requests per second per instance)' }).optional(),
  /** A sweep.json or load result file (relative to the fleet file) the capacity is measured from. */
  capacityFrom: z.string().min(1).optional(),
});

const candidateSchema = z.strictObject({
  type: z.string().min(1),
  count: z.number().int({ error: 'must be a whole number of instances' }).min(1, { error: 'must be ≥ 1 instance' }),
});

const peakFromSchema = z.strictObject({
  /** Metrics CSV, relative to the fleet file. */
  forecast: z.string().min(1),
  metric: z.string().min(1),
  horizon: z.string().refine((h) => (parseDurationMs(h) ?? 0) > 0, { error: 'expected a duration such as 90d or 12w' }).default('90d'),
  /** `upper`: the highest upper prediction bound within the horizon; `forecast`: the highest forecast. */
  bound: z.enum(['upper', 'forecast']).default('upper'),
  time: z.string().min(1).optional(),
});

const INSTANCE_TYPES_EXPECTED = 'a list of instance types like { name, vcpu, memoryGiB, hourlyUsd, capacityRps }';

/** Top-level keys of a load profile: a file with these but no instanceTypes is a load profile given to `cost` by mistake. */
const LOAD_PROFILE_KEYS = ['endpoints', 'stages', 'shape'];

const fleetSchema = z.strictObject({
  hoursPerMonth: z.number().positive().max(744, { error: 'must be ≤ 744 (31 days × 24 h)' }).default(730),
  peakRps: z.number({ error: 'expected the peak load in requests per second (a number)' }).positive({ error: 'must be > 0 (requests per second)' }).optional(),
  peakFrom: peakFromSchema.optional(),
  averageRps: z.number().positive().optional(),
  targetUtilization: z.number().gt(0, { error: 'must be > 0 (a fraction, e.g. 0.75)' }).max(1, { error: 'must be ≤ 1 (a fraction, e.g. 0.75)' }).default(0.75),
  zones: z.number().int().min(2, { error: 'must be a whole number ≥ 2 (omit it for a single zone)' }).optional(),
  instanceTypes: z
    .array(instanceTypeSchema, { error: (iss) => `${iss.input === undefined ? 'required' : 'expected'}: ${INSTANCE_TYPES_EXPECTED}` })
    .min(1, { error: 'list at least one instance type' }),
  candidates: z.array(candidateSchema).optional(),
});

/** The validated fleet file. */
export type FleetFile = z.output<typeof fleetSchema>;

/** Keys allowed at each level, for did-you-mean suggestions. */
const KNOWN_KEYS = {
  root: Object.keys(fleetSchema.shape),
  instanceTypes: Object.keys(instanceTypeSchema.shape),
  candidates: Object.keys(candidateSchema.shape),
  peakFrom: Object.keys(peakFromSchema.shape),
};

/** Parse and validate a fleet file's text. Throws ValidationError with every problem found. */
export function parseFleetFile(text: string, file: string): FleetFile {
  const src = parseYaml(text);
  if (src.syntaxIssues.length) throw new ValidationError(file, src.syntaxIssues);
  const raw = src.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ValidationError(file, [{ path: '', message: 'expected a mapping with peakRps, instanceTypes and optionally candidates' }]);
  }
  if (!('instanceTypes' in raw) && LOAD_PROFILE_KEYS.some((k) => k in raw)) {
    throw new ValidationError(file, [{ path: '', message: 'this is a load profile, not a fleet file; see profiles/fleet.yaml' }]);
  }
  // Messages the schema does not set itself come from the profile loader's translator (`must be > 0 (got -5)`);
  // the schema's own messages get the value found appended here.
  const translated = new Set<string>();
  const parsed = fleetSchema.safeParse(raw, {
    error: (iss) => {
      const message = zodIssueMessage(iss as z.core.$ZodIssue, iss.input);
      translated.add(message);
      return message;
    },
  });
  const issues: ValidationIssue[] = [];
  /** Paths a misspelt key was taken for: their "missing" issue would only repeat the did-you-mean. */
  const suggested = new Set<string>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const suggestion = suggest(key, knownKeysAt(path));
          if (suggestion) suggested.add(formatPath([...path, suggestion]));
          issues.push({ path: formatPath([...path, key]), message: unknownKeyMessage(key, knownKeysAt(path)), ...src.locate([...path, key], true) });
        }
      } else {
        const got = valueAt(raw, path);
        const message = translated.has(issue.message) || issue.message.startsWith('required:')
          ? issue.message
          : got === undefined
            ? `required: ${issue.message}`
            : `${issue.message} (got ${JSON.stringify(got)})`;
        issues.push({ path: formatPath(path), message, ...src.locate(path) });
      }
    }
  } else {
    issues.push(...crossChecks(parsed.data, src.locate));
  }
  const shown = issues.filter((i) => !(suggested.has(i.path) && i.message.startsWith('required')));
  if (shown.length) throw new ValidationError(file, shown.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  return parsed.data!;
}

/**
 * The fleet file as cost-model input: the peak (from `peakRps` or resolved from `peakFrom`),
 * each type's capacity (`capacityRps`, or measured: `capacities[i]` for `capacityFrom`) and the margin.
 */
export function fleetToCostInput(
  f: FleetFile,
  peak: { rps: number; source?: string },
  capacities: ReadonlyArray<{ capacityRps: number; source: string } | undefined>,
  margin?: { low: number; high: number },
): CostInput {
  const { peakFrom: _unused, peakRps: _peak, instanceTypes, ...rest } = f;
  const types = instanceTypes.map(({ capacityFrom: _from, ...t }, i) => {
    const measured = capacities[i];
    return measured ? { ...t, capacityRps: measured.capacityRps, capacitySource: measured.source } : { ...t, capacityRps: t.capacityRps! };
  });
  return { ...rest, instanceTypes: types, peakRps: peak.rps, peakSource: peak.source, margin };
}

/** Checks across fields: unique type names, candidates naming known types, averageRps ≤ peakRps. */
function crossChecks(f: FleetFile, locate: YamlSource['locate']): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const names = f.instanceTypes.map((t) => t.name);
  f.instanceTypes.forEach((t, i) => {
    if ((t.capacityRps === undefined) === (t.capacityFrom === undefined)) {
      issues.push({ path: `instanceTypes[${i}].capacityRps`, message: 'give exactly one of capacityRps (a number) and capacityFrom (a sweep.json or result file)', ...locate(['instanceTypes', i]) });
    }
  });
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) issues.push({ path: `instanceTypes[${i}].name`, message: `duplicate instance type "${n}"`, ...locate(['instanceTypes', i, 'name']) });
  });
  (f.candidates ?? []).forEach((c, i) => {
    if (!names.includes(c.type)) {
      issues.push({ path: `candidates[${i}].type`, message: unknownKeyMessage(c.type, names, 'unknown instance type'), ...locate(['candidates', i, 'type']) });
    }
  });
  if ((f.peakRps === undefined) === (f.peakFrom === undefined)) {
    issues.push({ path: 'peakRps', message: 'give exactly one of peakRps (a number) and peakFrom ({ forecast: FILE.csv, metric: NAME, horizon: 90d })', ...locate(['peakRps']) });
  }
  if (f.averageRps !== undefined && f.peakRps !== undefined && f.averageRps > f.peakRps) {
    issues.push({ path: 'averageRps', message: `must be ≤ peakRps (${f.peakRps}), got ${f.averageRps}`, ...locate(['averageRps']) });
  }
  return issues;
}

function knownKeysAt(path: readonly (string | number)[]): string[] {
  if (path.length === 0) return KNOWN_KEYS.root;
  if (path[0] === 'instanceTypes') return KNOWN_KEYS.instanceTypes;
  if (path[0] === 'candidates') return KNOWN_KEYS.candidates;
  if (path[0] === 'peakFrom') return KNOWN_KEYS.peakFrom;
  return [];
}

/** `unknown key "hourlyUSD"; did you mean "hourlyUsd"?` (or the list of allowed keys). */
function unknownKeyMessage(key: string, known: readonly string[], what = 'unknown key'): string {
  const best = suggest(key, known);
  return best ? `${what} "${key}"; did you mean "${best}"?` : `${what} "${key}"; expected one of: ${known.join(', ')}`;
}
