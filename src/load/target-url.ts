/** A target base URL split into the undici origin and a path prefix. */
export interface TargetUrl {
  /** e.g. `http://127.0.0.1:8080` */
  origin: string;
  /** Path prefix without a trailing slash, e.g. `/api` or `` (empty). */
  basePath: string;
}

/** Split `http://host:port/prefix/` into origin and base path; throws TypeError on a non-http(s) URL. */
export function parseTargetUrl(target: string): TargetUrl {
  const u = new URL(target);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TypeError(`target must be an http:// or https:// URL (got ${target})`);
  return { origin: u.origin, basePath: u.pathname.replace(/\/+$/, '') };
}
