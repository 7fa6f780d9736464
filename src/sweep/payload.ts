/**
 * The payload dimension of a sweep (§17.5.2: HTTP capacity at 1 KB, 10 KB and 100 KB responses).
 * The sweep runs once per response size:
 *   built-in target  → `GET /item/{id}?size=<bytes>` (the target answers exactly that many bytes,
 *                      up to MAX_PAYLOAD_BYTES);
 *   your own service → `GET <path>` from a size → path mapping (e.g. 1 KB → /small), one per size.
 * Pure: sizes and paths in, per-size profiles or typed problems out (the CLI words them).
 */
import type { Profile } from '../profile/types.js';
import { MAX_PAYLOAD_BYTES } from '../target/payload.js';
import { formatBytes } from '../render/format.js';
import { BUILTIN_ITEM_ENDPOINT } from './profiles.js';

/** Response size → request path, for a service that is not the built-in target. */
export type PayloadPaths = ReadonlyMap<number, string>;

/** What is wrong with a payload plan (sizes in bytes). */
export interface PayloadProblems {
  /** Sizes with no path (own service only). */
  missingPath: number[];
  /** Paths given for sizes not in the list. */
  unusedPath: number[];
  /** Sizes above the built-in target's maximum. */
  tooLarge: number[];
  /** Paths given while the built-in target serves every size itself. */
  pathsForBuiltin: boolean;
}

/** Check a plan; every problem at once. `builtin`: the sweep drives the built-in target. */
export function payloadProblems(sizes: readonly number[], paths: PayloadPaths | undefined, builtin: boolean): PayloadProblems | null {
  const p: PayloadProblems = {
    missingPath: builtin ? [] : sizes.filter((s) => !paths?.has(s)),
    unusedPath: paths ? [...paths.keys()].filter((s) => !sizes.includes(s)) : [],
    tooLarge: builtin ? sizes.filter((s) => s > MAX_PAYLOAD_BYTES) : [],
    pathsForBuiltin: builtin && paths !== undefined,
  };
  return p.missingPath.length || p.unusedPath.length || p.tooLarge.length || p.pathsForBuiltin ? p : null;
}

/** How a size reads in tables and names: 10240 → "10 KB". */
export function payloadLabel(bytes: number): string {
  return formatBytes(bytes);
}

/**
 * The base profile of one payload size: one GET endpoint (the built-in target's sized item, or the
 * mapped path on the profile's origin), keeping the base's headers, think time and timeouts.
 */
export function payloadProfile(base: Profile, bytes: number, paths: PayloadPaths | undefined): Profile {
  const label = payloadLabel(bytes);
  const path = paths?.get(bytes);
  if (base.target !== 'builtin' && path === undefined) throw new Error(`no path for ${label} (payloadProblems should have refused it)`);
  const endpoint =
    base.target === 'builtin'
      ? { ...BUILTIN_ITEM_ENDPOINT, name: `get-item ${label}`, path: `/item/{id}?size=${bytes}` }
      : { name: `GET ${path!} (${label})`, method: 'GET', path: path!, weight: 1, params: {}, headers: {}, timeoutMs: base.timeoutMs };
  return { ...base, name: `${base.name}-${bytes}B`, endpoints: [endpoint] };
}
