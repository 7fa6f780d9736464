/**
 * A profile draft: what `capplan init` writes, before it becomes YAML text. Built by the scaffold, the HAR
 * importer and the OpenAPI importer (pure functions); rendered by {@link renderDraft} in profile-text.ts.
 */

/** A key distribution as written in a profile (`params:`), limited to the forms the importers produce. */
export type DraftParam =
  | { list: Array<string | number> }
  | { list: { values: Array<string | number>; weights: number[] } }
  | { uniform: [number, number] };

/** One endpoint of the drafted mix. */
export interface DraftEndpoint {
  name: string;
  method: string;
  /** Path template relative to the target, e.g. `/users/{id}`. */
  path: string;
  /** Relative weight (> 0): the recorded count, or 1 for equal weights. */
  weight: number;
  params?: Record<string, DraftParam>;
  /** Header templates (secrets as `${env:NAME}`, never values). */
  headers?: Record<string, string>;
  /** JSON body template. */
  body?: unknown;
}

/** A whole drafted profile. Levels in req/s (open model), durations as profile text (`30s`). */
export interface ProfileDraft {
  name: string;
  /** `builtin` or an origin `http(s)://host[:port]`. */
  target: string;
  /** Comment lines for the top of the file (no `#`; control characters are stripped when rendered). */
  intro: string[];
  /** The gentle ramp: up to `ratePerSec` over `rampDuration`, then hold it for `holdDuration`. */
  ramp: { ratePerSec: number; rampDuration: string; holdDuration: string };
  endpoints: DraftEndpoint[];
  /** Headers every endpoint sends. */
  headers?: Record<string, string>;
  /** Per-request timeout, e.g. `5s`. */
  timeout: string;
  /** SLO expressions checked on the whole run (`total`). */
  sloTotal: string[];
  /** Environment variables the profile reads (`${env:NAME}`), for the comment that says to export them. */
  envVars: string[];
}

/** The gentle defaults of a first profile: 0 → 10 req/s over 30 s, then 1 min at 10 req/s. */
export const GENTLE_RAMP = { ratePerSec: 10, rampDuration: '30s', holdDuration: '1m' } as const;

/** Default SLO thresholds of a first profile: loose enough to pass on a healthy service, strict enough to mean something. */
export const DEFAULT_SLOS = ['p99<500ms', 'error_rate<1%'] as const;

/** Default per-request timeout of a drafted profile. */
export const DEFAULT_TIMEOUT = '5s';

/**
 * A unique, readable endpoint name from method and path: `GET /users/{id}/orders` → `get-users-id-orders`,
 * `GET /` → `get-root`. `taken` holds names already used; a clash gets `-2`, `-3`, ….
 */
export function endpointName(method: string, path: string, taken: Set<string>): string {
  const words = path
    .split('?')[0]
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = `${method.toLowerCase()}-${words || 'root'}`.slice(0, 60).replace(/-+$/, '');
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}
