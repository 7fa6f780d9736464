/** The special target that starts the built-in demo service in-process. */
export const BUILTIN_TARGET = 'builtin';

/**
 * Validate and normalise a target: `builtin`, or `http(s)://host[:port]` (a trailing
 * slash is dropped). Returns the normalised target or an error message naming what was expected.
 */
export function normaliseTarget(input: unknown): { target: string } | { error: string } {
  const expected = 'expected builtin or a URL like http://127.0.0.1:8080 (http(s)://host[:port])';
  if (typeof input !== 'string' || input.trim() === '') return { error: `${expected} (got ${JSON.stringify(input ?? null)})` };
  const s = input.trim();
  if (s.toLowerCase() === BUILTIN_TARGET) return { target: BUILTIN_TARGET };
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return { error: `${expected} (got ${JSON.stringify(s)})` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `${expected}; the scheme must be http or https (got ${JSON.stringify(s)})` };
  if (!url.hostname) return { error: `${expected}; the host is missing (got ${JSON.stringify(s)})` };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) {
    return { error: `${expected}; no path, query or credentials — endpoint paths go under endpoints: (got ${JSON.stringify(s)})` };
  }
  return { target: `${url.protocol}//${url.host}` };
}
