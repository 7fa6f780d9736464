/**
 * Routing of the built-in target, as pure functions of method and URL
 * (no URL object per request: the target shares the CPU with the generator).
 */

/** What a request is for. `pooled` routes hold a worker; the others answer at once. */
export type Route =
  | { kind: 'health' }
  | { kind: 'stats' }
  | { kind: 'metrics' }
  | { kind: 'getItem'; id: string }
  | { kind: 'postItem' }
  | { kind: 'notFound' };

/** Strip the query string: `/item/7?x=1` → `/item/7`. */
function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Match `GET /health`, `GET /stats`, `GET /metrics`, `GET /item/:id`, `POST /item`; anything else is notFound. */
export function matchRoute(method: string, url: string): Route {
  const path = pathOf(url);
  if (method === 'GET' || method === 'HEAD') {
    if (path === '/health') return { kind: 'health' };
    if (path === '/stats') return { kind: 'stats' };
    if (path === '/metrics') return { kind: 'metrics' };
    if (path.startsWith('/item/')) {
      const id = path.slice(6);
      if (id !== '' && !id.includes('/')) return { kind: 'getItem', id: decodeId(id) };
    }
  } else if (method === 'POST' && (path === '/item' || path === '/item/')) {
    return { kind: 'postItem' };
  }
  return { kind: 'notFound' };
}

function decodeId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Endpoint key used for per-endpoint service times and stats: method plus the
 * first path segment, e.g. `GET /item/42` → `"GET /item"`, `POST /item` → `"POST /item"`.
 */
export function endpointKey(method: string, url: string): string {
  const path = pathOf(url);
  const second = path.indexOf('/', 1);
  return `${method === 'HEAD' ? 'GET' : method} ${second === -1 ? path : path.slice(0, second)}`;
}
