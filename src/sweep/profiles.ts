import type { EndpointSpec, Profile } from '../profile/types.js';
import { BUILTIN_TARGET, joinUrlPath, type ParsedTarget } from '../util/target-url.js';

/** The endpoint a sweep drives against the built-in target: `GET /item/{id}`, id uniform in 1..1000. */
export const BUILTIN_ITEM_ENDPOINT: EndpointSpec = {
  name: 'get-item',
  method: 'GET',
  path: '/item/{id}',
  weight: 1,
  params: { id: { kind: 'uniform', min: 1, max: 1000 } },
  headers: {},
  timeoutMs: 30_000,
};

/**
 * A base profile built in code for a target parsed with `allowPath` (no profile file): one
 * GET endpoint per path in `paths`, each under the URL's path (`http://h/api` + `users`
 * → `GET /api/users`), by default the URL's own path and query; or the built-in target's
 * `GET /item/{id}`. The profile's target is the URL's origin, so the URL's path is applied
 * once. Closed model, no think time.
 */
export function adHocProfile(parsed: ParsedTarget, paths: string[] = []): Profile {
  let endpoints: EndpointSpec[];
  if (parsed.target === BUILTIN_TARGET) {
    endpoints = [BUILTIN_ITEM_ENDPOINT];
  } else {
    const basePath = parsed.path.replace(/\?.*$/, '');
    const list = paths.length ? paths.map((p) => joinUrlPath(basePath, p)) : [parsed.path];
    endpoints = list.map((path) => ({ name: `GET ${path}`, method: 'GET', path, weight: 1, params: {}, headers: {}, timeoutMs: 30_000 }));
  }
  return {
    name: 'sweep',
    target: parsed.target,
    model: 'closed',
    shape: { kind: 'steady', level: 1, durationMs: 1000 },
    endpoints,
    thinkTime: { minMs: 0, maxMs: 0 },
    headers: {},
    timeoutMs: 30_000,
    arrivals: 'uniform',
    lateThresholdMs: 100,
    seed: 1,
    thresholds: {},
    scale: 1,
  };
}

/** Outcome of {@link selectEndpoints}: the narrowed profile, or the names it does not have. */
export type EndpointSelection = { profile: Profile } | { unknown: string[]; known: string[]; source: string };

/** Keep only the named endpoints, in the given order (all of them when `names` is empty); names the profile lacks are returned, not thrown. */
export function selectEndpoints(profile: Profile, names: string[]): EndpointSelection {
  if (names.length === 0) return { profile };
  const known = new Map(profile.endpoints.map((e) => [e.name, e]));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) return { unknown, known: [...known.keys()], source: profile.file ?? profile.name };
  return { profile: { ...profile, endpoints: names.map((n) => known.get(n)!) } };
}
