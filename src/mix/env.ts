import type { ValidationIssue } from '../errors.js';
import type { Profile } from '../profile/types.js';
import { jsonStrings, templateRefs } from './template.js';

/** Every `${env:NAME}` template in a profile, with the field path that holds it. */
export function envReferences(profile: Profile): Array<{ path: string; name: string }> {
  const out: Array<{ path: string; name: string }> = [];
  const add = (path: string, text: string) => {
    for (const name of templateRefs(text).env) out.push({ path, name });
  };
  for (const [h, v] of Object.entries(profile.headers)) add(`headers.${h}`, v);
  profile.endpoints.forEach((ep, i) => {
    add(`endpoints[${i}].path`, ep.path);
    for (const [h, v] of Object.entries(ep.headers)) add(`endpoints[${i}].headers.${h}`, v);
    for (const s of jsonStrings(ep.body)) add(`endpoints[${i}].body${s.path}`, s.text);
  });
  return out;
}

/**
 * Check that every `${env:NAME}` the profile uses is set in `env` (call when `load`
 * starts, before any request). One issue per unset reference, e.g.
 * `endpoints[2].headers.Authorization: environment variable API_TOKEN is not set`.
 * Values are never echoed.
 */
export function checkEnv(profile: Profile, env: Record<string, string | undefined>): ValidationIssue[] {
  return envReferences(profile)
    .filter((r) => env[r.name] === undefined)
    .map((r) => ({ path: r.path, message: `environment variable ${r.name} is not set (export it before running: export ${r.name}=…)` }));
}
