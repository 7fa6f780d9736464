/** Small helpers for the JSON endpoints of capplan's own HTTP servers (built-in target, proxy, chaos switch). */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest JSON body read, in bytes; larger bodies get 413. */
export const MAX_JSON_BODY_BYTES = 1 << 20;

/** Answer `status` with a body (JSON unless `headers` says otherwise); a no-op once the response started or the socket closed. */
export function sendJson(res: ServerResponse, status: number, body: string, headers?: Record<string, string>): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Read and parse a JSON body (empty body = `{}`); errors: `'too large'` or `'invalid JSON'`. */
export function readJson(req: IncomingMessage, cb: (err: 'too large' | 'invalid JSON' | null, value?: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  req.on('data', (c: Buffer) => {
    if (failed) return;
    size += c.length;
    if (size > MAX_JSON_BODY_BYTES) {
      failed = true;
      cb('too large');
      return;
    }
    chunks.push(c);
  });
  req.on('end', () => {
    if (failed) return;
    const text = Buffer.concat(chunks).toString('utf8').trim();
    if (text === '') return cb(null, {});
    try {
      cb(null, JSON.parse(text));
    } catch {
      cb('invalid JSON');
    }
  });
}
