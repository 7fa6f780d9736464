import type { EndpointSpec, Profile } from '../../src/profile/types.js';

/** A minimal valid Profile around the given endpoints (fields not under test get defaults). */
export function profileWith(endpoints: Array<Partial<EndpointSpec> & { name: string }>, extra: Partial<Profile> = {}): Profile {
  return {
    name: 'test',
    target: 'builtin',
    model: 'open',
    shape: { kind: 'steady', level: 10, durationMs: 1000 },
    endpoints: endpoints.map((e) => ({ method: 'GET', path: '/', weight: 1, params: {}, headers: {}, timeoutMs: 1000, ...e })),
    thinkTime: { minMs: 0, maxMs: 0 },
    headers: {},
    timeoutMs: 1000,
    arrivals: 'uniform',
    lateThresholdMs: 10,
    seed: 1,
    thresholds: {},
    scale: 1,
    ...extra,
  };
}

/** The guide's mix (exercise 17.4.2) with a secret header. */
export const GUIDE = profileWith([
  { name: 'popular', path: '/item/{id}', weight: 80, params: { id: { kind: 'zipf', n: 1000, s: 1.1 } } },
  { name: 'random', path: '/item/{id}', weight: 20, params: { id: { kind: 'uniform', min: 1, max: 1_000_000 } } },
  {
    name: 'create',
    method: 'POST',
    path: '/item',
    weight: 5,
    body: { nombre: 'item-{random}' },
    headers: { Authorization: 'Bearer ${env:API_TOKEN}' },
  },
]);
