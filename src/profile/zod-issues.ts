import type { z } from 'zod';
import type { ValidationIssue } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { describeValue } from '../util/config-fields.js';
import { formatPath, type FieldPath, type YamlSource } from './yaml-source.js';

const EXPECTED: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  tuple: 'a list',
};

/** Convert zod issues to ValidationIssues with user-facing paths, messages, line:column and did-you-mean. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], root: unknown, schema: z.ZodType, src: YamlSource): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const iss of issues) {
    const path = iss.path.filter((p): p is string | number => typeof p !== 'symbol');
    const got = valueAt(root, path);
    if (iss.code === 'unrecognized_keys') {
      const allowed = allowedKeys(schema, path, root);
      for (const key of iss.keys) {
        const p = [...path, key];
        const hint = allowed ? didYouMean(key, allowed) : '';
        const list = allowed && !hint ? `; expected one of ${allowed.join(', ')}` : '';
        out.push({ path: formatPath(p), message: `unknown key "${key}"${hint}${list}`, ...src.locate(p, true) });
      }
      continue;
    }
    out.push({ path: formatPath(path), message: zodIssueMessage(iss, got), ...src.locate(path) });
  }
  return out;
}

/**
 * A user-facing message for one zod issue (`must be > 0 (got -5)`, `required: a list`), given
 * the value found at the issue's path. Also used for the fleet file (`capplan cost`).
 */
export function zodIssueMessage(iss: z.core.$ZodIssue, got: unknown): string {
  switch (iss.code) {
    case 'invalid_type': {
      const expected = EXPECTED[iss.expected] ?? iss.expected;
      return got === undefined ? `required: ${expected}` : `expected ${expected} (got ${describeValue(got)})`;
    }
    case 'too_small':
      if (iss.origin === 'array') return `must have at least ${String(iss.minimum)} item${iss.minimum === 1 ? '' : 's'} (got none)`;
      if (iss.origin === 'string') return iss.minimum === 1 ? 'must not be empty' : `must have at least ${String(iss.minimum)} characters (got ${describeValue(got)})`;
      return `must be ${iss.inclusive ? '≥' : '>'} ${String(iss.minimum)} (got ${describeValue(got)})`;
    case 'too_big':
      if (iss.origin === 'array') return `must have at most ${String(iss.maximum)} items`;
      return `must be ${iss.inclusive ? '≤' : '<'} ${String(iss.maximum)} (got ${describeValue(got)})`;
    case 'invalid_union': {
      const disc = (iss as { discriminator?: string; options?: unknown[] }).options;
      if (disc) {
        const opts = disc.map(String);
        return `expected one of ${opts.join(', ')} (got ${describeValue(got)})${typeof got === 'string' ? didYouMean(got, opts) : ''}`;
      }
      return `expected ${describeUnion(got)} (got ${describeValue(got)})`;
    }
    case 'invalid_value':
      return `expected one of ${iss.values.map(String).join(', ')} (got ${describeValue(got)})`;
    default:
      return iss.message;
  }
}

function describeUnion(got: unknown): string {
  return Array.isArray(got) ? 'a list of text or numbers' : 'one of the documented forms';
}

/** The raw value at a path (undefined when absent). */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType; discriminator?: string; items?: z.ZodType[] };

function defOf(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** The keys a strict object allows at `path`, found by walking the schema alongside the raw value. */
export function allowedKeys(schema: z.ZodType, path: FieldPath, root: unknown): string[] | undefined {
  let s: z.ZodType | undefined = schema;
  let v: unknown = root;
  let i = 0;
  while (s) {
    const def = defOf(s);
    switch (def.type) {
      case 'optional':
      case 'default':
      case 'nullable':
        s = def.innerType;
        continue;
      case 'pipe':
        s = def.in;
        continue;
      case 'union': {
        // A discriminated union: the option whose literal matches the value's discriminator; else the object option.
        const key = def.discriminator;
        const opts: z.ZodType[] = def.options ?? [];
        const disc = key && v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
        s =
          opts.find((o) => {
            const lit = defOf(o).shape?.[key ?? '']?._zod.def as { values?: unknown[] } | undefined;
            return lit?.values?.includes(disc);
          }) ?? opts.find((o) => defOf(o).type === 'object' && (!Array.isArray(v) || key));
        continue;
      }
    }
    if (i === path.length) return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
    const seg = path[i++];
    v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
    if (def.type === 'object') s = def.shape?.[String(seg)];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'tuple') s = def.items?.[Number(seg)];
    else if (def.type === 'record') s = def.valueType;
    else return undefined;
  }
  return undefined;
}
