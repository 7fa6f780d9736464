/** Helpers shared by the importers (HAR, OpenAPI): profile names and headers every endpoint sends. */
import { DEFAULT_SLOS, DEFAULT_TIMEOUT, GENTLE_RAMP, type DraftEndpoint, type ProfileDraft } from './draft.js';

/** A profile name from a host name: `api.example.com` → `api-example-com`. */
export function profileNameFor(host: string): string {
  return host.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'my-service';
}

/**
 * Move headers that every endpoint sends with the same value to the profile's `headers:` (removed from the
 * endpoints, which keep what differs). Returns the common headers. Mutates `endpoints`.
 */
export function hoistCommonHeaders(endpoints: DraftEndpoint[]): Record<string, string> {
  if (endpoints.length < 2) return {};
  const [first, ...rest] = endpoints;
  const common: Record<string, string> = {};
  for (const [name, value] of Object.entries(first.headers ?? {})) {
    if (rest.every((ep) => ep.headers?.[name] === value)) common[name] = value;
  }
  for (const ep of endpoints) {
    if (!ep.headers) continue;
    for (const name of Object.keys(common)) delete ep.headers[name];
    if (Object.keys(ep.headers).length === 0) delete ep.headers;
  }
  return common;
}

/**
 * An imported draft with the first-profile defaults (gentle ramp, timeout, SLOs): headers every endpoint
 * sends move to `headers:`, notes become `Note:` comment lines after `intro`, secrets are listed sorted.
 */
export function importedDraft(d: { name: string; target: string; intro: string; notes: string[]; extra?: string[]; endpoints: DraftEndpoint[]; envVars: Set<string> }): ProfileDraft {
  const common = hoistCommonHeaders(d.endpoints);
  return {
    name: d.name,
    target: d.target,
    intro: [d.intro, ...d.notes.map((n) => `Note: ${n}.`), ...(d.extra ?? [])],
    ramp: { ...GENTLE_RAMP },
    endpoints: d.endpoints,
    ...(Object.keys(common).length ? { headers: common } : {}),
    timeout: DEFAULT_TIMEOUT,
    sloTotal: [...DEFAULT_SLOS],
    envVars: [...d.envVars].sort(),
  };
}
