/**
 * `capplan proxy`: a fault-injecting reverse proxy on 127.0.0.1 in front of any HTTP service.
 * Every request except the chaos switch (`/__chaos`) passes the same chaos middleware as the
 * built-in target, then is forwarded to the upstream with undici, streaming both bodies.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { Pool } from 'undici';
import { ChaosSwitch } from '../chaos/switch.js';
import type { ChaosConfig } from '../chaos/config.js';
import { listenLocal } from '../util/listen.js';
import { sendJson } from '../util/http-json.js';
import { joinUrlPath, splitTargetUrl } from '../util/target-url.js';

/** Options of {@link startProxy}. */
export interface ProxyOptions {
  /** Upstream base URL (`http://host:port[/prefix]`); request paths are appended to its path. */
  upstream: string;
  /** Port on 127.0.0.1; 0 = any free port. */
  port?: number;
  /** Faults from the start (switchable at run time via `/__chaos`). */
  chaos?: ChaosConfig;
  /** Connections kept to the upstream; default 256. */
  connections?: number;
}

/** Counters of a running proxy. */
export interface ProxyStats {
  /** Requests forwarded to the upstream. */
  forwarded: number;
  /** Requests that failed upstream (connection refused, reset, timeout): answered 502. */
  upstreamErrors: number;
}

/** A running proxy. */
export interface RunningProxy {
  url: string;
  port: number;
  chaos: ChaosSwitch;
  stats(): ProxyStats;
  close(): Promise<void>;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) are not forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host']);

function forwardHeaders(h: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

/** Start the proxy. The upstream must be an http(s) URL (TypeError otherwise). */
export async function startProxy(opts: ProxyOptions): Promise<RunningProxy> {
  const upstream = splitTargetUrl(opts.upstream);
  const prefix = upstream.basePath;
  const pool = new Pool(upstream.origin, { connections: opts.connections ?? 256 });
  const chaos = new ChaosSwitch(opts.chaos);
  const counts: ProxyStats = { forwarded: 0, upstreamErrors: 0 };

  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    if (chaos.handle(req, res)) return;
    chaos.apply(req, res, () => {
      counts.forwarded++;
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      pool
        .request({
          method: (req.method ?? 'GET') as 'GET',
          path: joinUrlPath(prefix, req.url ?? '/'),
          headers: forwardHeaders(req.headers),
          body: hasBody ? req : undefined,
        })
        .then(
          (up) => {
            if (res.destroyed) {
              up.body.destroy();
              return;
            }
            const headers: Record<string, string | string[]> = {};
            for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
            res.writeHead(up.statusCode, headers);
            up.body.on('error', () => res.destroy());
            up.body.pipe(res);
          },
          (err: Error & { code?: string }) => {
            counts.upstreamErrors++;
            sendJson(res, 502, JSON.stringify({ error: `upstream ${upstream.origin}: ${err.code ?? err.message}` }));
          },
        );
    });
  });
  // A client that vanishes mid-request must not crash the proxy.
  server.on('clientError', (_err, socket) => socket.destroy());
  const port = await listenLocal(server, opts.port ?? 0);
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    chaos,
    stats: () => ({ ...counts }),
    close: () =>
      (closing ??= (async () => {
        chaos.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await pool.destroy();
      })()),
  };
}
