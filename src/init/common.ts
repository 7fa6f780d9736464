/** Helpers shared by the importers (HAR, OpenAPI): profile names and headers every endpoint sends. */
import type { DraftEndpoint } from './draft.js';

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
