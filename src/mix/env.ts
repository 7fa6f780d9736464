import type { ValidationIssue } from '../errors.js';
import { jsonStrings, templateRefs } from './template.js';

/** Where a profile can hold templates; loose, so a raw (not yet validated) document can be checked too. */
interface TemplateFields {
  headers?: unknown;
  endpoints?: unknown;
}

/** A `${env:NAME}` reference: the field path as printed, its keys and indexes (to locate it in the YAML), the name. */
export interface EnvReference {
  path: string;
  at: Array<string | number>;
  name: string;
}

const entries = (o: unknown): Array<[string, unknown]> => (o !== null && typeof o === 'object' && !Array.isArray(o) ? Object.entries(o) : []);

/**
 * Every `${env:NAME}` template in a profile (or a raw profile document: fields of the wrong type are skipped), with
 * the field path that holds it: headers, and each endpoint's path, headers and body strings.
 */
export function envReferences(profile: TemplateFields): EnvReference[] {
  const out: EnvReference[] = [];
  const add = (path: string, at: Array<string | number>, text: unknown) => {
    if (typeof text !== 'string') return;
    for (const name of templateRefs(text).env) out.push({ path, at, name });
  };
  for (const [h, v] of entries(profile.headers)) add(`headers.${h}`, ['headers', h], v);
  (Array.isArray(profile.endpoints) ? profile.endpoints : []).forEach((ep: unknown, i) => {
    const e = Object.fromEntries(entries(ep));
    add(`endpoints[${i}].path`, ['endpoints', i, 'path'], e.path);
    for (const [h, v] of entries(e.headers)) add(`endpoints[${i}].headers.${h}`, ['endpoints', i, 'headers', h], v);
    for (const s of jsonStrings(e.body)) add(`endpoints[${i}].body${s.path}`, ['endpoints', i, 'body'], s.text);
  });
  return out;
}

/**
 * Check that every `${env:NAME}` the profile uses is set in `env` (the profile loader does it with every other
 * problem when it is given the environment; `load` checks again when it starts, before any request). One issue
 * per unset reference, e.g. `endpoints[2].headers.Authorization: environment variable API_TOKEN is not set`, located
 * by `locate` when given. Values are never echoed.
 */
export function checkEnv(
  profile: TemplateFields,
  env: Record<string, string | undefined>,
  locate?: (at: Array<string | number>) => { line?: number; column?: number },
): ValidationIssue[] {
  return envReferences(profile)
    .filter((r) => env[r.name] === undefined)
    .map((r) => ({ path: r.path, message: `environment variable ${r.name} is not set (export it before running: export ${r.name}=…)`, ...locate?.(r.at) }));
}
