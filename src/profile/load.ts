import { readInputText } from '../input/read-text.js';
import { UsageError, ValidationError, type ValidationIssue } from '../errors.js';
import { crossFieldIssues } from './checks.js';
import { checkEnv } from '../mix/env.js';
import { describeValue } from '../util/config-fields.js';
import { normalise, type ProfileOptions } from './normalise.js';
import { profileSchema } from './schema.js';
import type { Profile } from './types.js';
import { parseYaml } from './yaml-source.js';
import { fromZodIssues } from './zod-issues.js';

export type { ProfileOptions } from './normalise.js';

/**
 * Parse, validate and normalise a profile from YAML text. Every problem is collected
 * (syntax errors with line:column; unknown keys with did-you-mean; wrong types,
 * ranges and cross-field rules with their field path; unset `${env:NAME}` when `opts.env` is given) and thrown as
 * one ValidationError.
 * `file` names the source in messages. A bad `opts.scale` is a UsageError (the CLI validates its flag first).
 */
export function parseProfile(text: string, file: string, opts: ProfileOptions = {}): Profile {
  if (opts.scale !== undefined && !(Number.isFinite(opts.scale) && opts.scale > 0)) {
    throw new UsageError(`scale: expected a number > 0, e.g. 0.1 to run a tenth as long (got ${opts.scale})`);
  }
  const src = parseYaml(text);
  if (src.syntaxIssues.length > 0) throw new ValidationError(file, src.syntaxIssues);
  const raw = src.value;
  if (raw === null || raw === undefined) {
    throw new ValidationError(file, [{ path: '', message: 'the file is empty; expected a profile with target, stages (or shape) and endpoints' }]);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ValidationError(file, [{ path: '', message: `expected a mapping with target, stages (or shape) and endpoints (got ${describeValue(raw)})`, line: 1, column: 1 }]);
  }
  const schema = profileSchema();
  const parsed = schema.safeParse(raw);
  const issues: ValidationIssue[] = [
    ...(parsed.success ? [] : fromZodIssues(parsed.error.issues, raw, schema, src)),
    ...crossFieldIssues(raw as Record<string, unknown>, src, opts.target),
    ...(opts.env ? checkEnv(raw, opts.env, (at) => src.locate(at)) : []),
  ];
  if (issues.length > 0 || !parsed.success) throw new ValidationError(file, sortIssues(issues));
  return normalise(parsed.data, file, opts);
}

/** Read and parse a profile file (see parseProfile). A missing file is an InputError ("no such file"). */
export async function loadProfile(path: string, opts: ProfileOptions = {}): Promise<Profile> {
  return parseProfile(await readInputText(path, 'a profile .yaml (see profiles/ for examples)'), path, opts);
}

/** Document order: by line, then column; issues without a position last. */
function sortIssues(issues: ValidationIssue[]): ValidationIssue[] {
  const key = (i: ValidationIssue) => (i.line ?? Number.MAX_SAFE_INTEGER) * 1e6 + (i.column ?? 0);
  return issues
    .map((issue, n) => ({ issue, n }))
    .sort((a, b) => key(a.issue) - key(b.issue) || a.n - b.n)
    .map((x) => x.issue);
}
