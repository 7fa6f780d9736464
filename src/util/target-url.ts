/**
 * The one parser of target URLs, used by profiles, `--target` flags, the probe, the load
 * engine and sweeps. A target is `builtin` (the in-process demo service) or an origin,
 * `http(s)://host[:port]`: paths belong to endpoints, and userinfo is never accepted (a
 * password would end up in result files). Every message shows the input with its userinfo
 * redacted (`user:***@`), so a secret never reaches a terminal, log or file.
 */

/** The special target that starts the built-in demo service in-process. */
export const BUILTIN_TARGET = 'builtin';

/** A target base URL split into the undici origin and a path prefix. */
export interface TargetUrl {
  /** e.g. `http://127.0.0.1:8080` */
  origin: string;
  /** Path prefix without a trailing slash, e.g. `/api` or `` (empty). */
  basePath: string;
}

/** A parsed target: `target` is `builtin` or the origin; `path` is the URL's path and query (`/` when none). */
export interface ParsedTarget {
  target: string;
  path: string;
}

/** Options of parseTarget. */
export interface ParseTargetOptions {
  /**
   * Accept a path and query and return them in `path` (a sweep's `--target URL` with no
   * profile GETs the URL itself). Otherwise a path, query or fragment is a problem.
   */
  allowPath?: boolean;
}

const EXPECTED = 'expected builtin or a URL like http://127.0.0.1:8080 (http(s)://host[:port])';

/**
 * Validate a target. Returns `{ target, path }`, or `{ error }` naming what was expected and
 * what was given (userinfo redacted). The origin keeps the scheme, host and non-default port.
 */
export function parseTarget(input: unknown, opts: ParseTargetOptions = {}): ParsedTarget | { error: string } {
  if (typeof input !== 'string' || input.trim() === '') return { error: `${EXPECTED} (got ${JSON.stringify(redactJson(input ?? null))})` };
  const s = input.trim();
  if (s.toLowerCase() === BUILTIN_TARGET) return { target: BUILTIN_TARGET, path: '/' };
  const got = `(got ${JSON.stringify(redactUserinfo(s))})`;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return { error: `${EXPECTED} ${got}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `${EXPECTED}; the scheme must be http or https ${got}` };
  if (!url.hostname) return { error: `${EXPECTED}; the host is missing ${got}` };
  if (url.username || url.password) return { error: `${EXPECTED}; no credentials in the URL (send them as a header, e.g. headers: { authorization: … }) ${got}` };
  const hasPath = (url.pathname !== '/' && url.pathname !== '') || url.search !== '';
  if (url.hash || (hasPath && !opts.allowPath)) {
    return { error: `${EXPECTED}; no path, query or credentials — endpoint paths go under endpoints: ${got}` };
  }
  return { target: `${url.protocol}//${url.host}`, path: (url.pathname || '/') + url.search };
}

/**
 * Split a validated target (`http(s)://host[:port][/prefix]`) into origin and base path for
 * the engine. Throws TypeError, with the redacted message of parseTarget, when it is not one.
 */
export function splitTargetUrl(target: string): TargetUrl {
  const parsed = parseTarget(target, { allowPath: true });
  if ('error' in parsed) throw new TypeError(parsed.error);
  if (parsed.target === BUILTIN_TARGET) throw new TypeError(`${EXPECTED}; "builtin" must be started before the run (got "builtin")`);
  return { origin: parsed.target, basePath: parsed.path.replace(/\?.*$/, '').replace(/\/+$/, '') };
}

/**
 * Join a URL's base path and an endpoint path: `/api` + `users` → `/api/users`,
 * `/` + `/x` → `/x`. The base's trailing slashes are dropped, so nothing is applied twice.
 */
export function joinUrlPath(basePath: string, path: string): string {
  const base = basePath.replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}

/**
 * Replace the password of every `scheme://user:password@` in `text` by `***` (`user:***@`),
 * and a lone `scheme://token@` by `***@`. Safe on any text (messages, logs).
 */
export function redactUserinfo(text: string): string {
  // scheme://userinfo@ up to the authority's last '@' (as URL parsing does); the first ':' splits user and password.
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^/?#\s]*)@/gi, (_m, scheme: string, info: string) => {
    const colon = info.indexOf(':');
    return colon >= 0 ? `${scheme}${info.slice(0, colon)}:***@` : `${scheme}***@`;
  });
}

function redactJson(v: unknown): unknown {
  return typeof v === 'string' ? redactUserinfo(v) : v;
}
