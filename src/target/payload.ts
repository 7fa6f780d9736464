/**
 * Response size on request (§17.5.2: HTTP capacity at 1 KB, 10 KB and 100 KB payloads):
 * `GET /item/7?size=10240` answers a body of exactly 10 240 bytes. Pure functions of the URL
 * and the item; the server sends what they return.
 */

/** Largest response size served on request, in bytes (1 MiB); larger `size` values are refused with 400. */
export const MAX_PAYLOAD_BYTES = 1 << 20;

/** The `size` query parameter: absent, a byte count 0..MAX_PAYLOAD_BYTES, or why it is refused. */
export type RequestedSize = { bytes: number } | { error: string } | undefined;

/** Read `size` from a request URL's query (`/item/7?size=10240`): a whole number of bytes. */
export function requestedSize(url: string): RequestedSize {
  const q = url.indexOf('?');
  if (q === -1) return undefined;
  for (const pair of url.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    if (key !== 'size') continue;
    const raw = eq === -1 ? '' : pair.slice(eq + 1);
    const bytes = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (!(bytes >= 0 && bytes <= MAX_PAYLOAD_BYTES)) {
      return { error: `size: expected a whole number of bytes from 0 to ${MAX_PAYLOAD_BYTES} (got ${JSON.stringify(decodeSafe(raw).slice(0, 40))})` };
    }
    return { bytes };
  }
  return undefined;
}

function decodeSafe(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

// Padding strings by size, reused across requests (a sweep asks for a few sizes, many times each).
const padCache = new Map<number, string>();
const MAX_CACHED_PADS = 16;

function pad(n: number): string {
  let p = padCache.get(n);
  if (p === undefined) {
    p = 'x'.repeat(n);
    if (padCache.size >= MAX_CACHED_PADS) padCache.delete(padCache.keys().next().value!);
    padCache.set(n, p);
  }
  return p;
}

/**
 * A body of exactly `bytes` bytes (UTF-8) for `item` (a JSON text ending in `}`):
 *   bytes ≥ |item with `"pad":""`| → the item with a `pad` field of x's making up the difference
 *                                    (JSON, `application/json`);
 *   else                           → `bytes` x's (`text/plain`), too small to hold the item.
 */
export function sizedBody(item: string, bytes: number): { body: string; contentType: string } {
  const open = `${item.slice(0, -1)},"pad":"`;
  const frame = Buffer.byteLength(open) + 2; // + `"}`
  if (bytes >= frame) return { body: `${open}${pad(bytes - frame)}"}`, contentType: 'application/json' };
  return { body: pad(bytes), contentType: 'text/plain' };
}
