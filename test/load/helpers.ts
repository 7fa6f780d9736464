/** Shared helpers for the real-socket load tests: local node:http servers and profiles built in code. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EndpointSpec, Profile } from '../../src/profile/types.js';

/** A node:http server on 127.0.0.1 with an ephemeral port. */
export async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; port: number; server: Server; close(): Promise<void> }> {
  const server = createServer(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** One GET endpoint. */
export function endpoint(name: string, path: string, extra: Partial<EndpointSpec> = {}): EndpointSpec {
  return { name, method: 'GET', path, weight: 1, params: {}, headers: {}, timeoutMs: 5000, ...extra };
}

/** A profile built in code: open model, steady `level` for `durationMs`, one endpoint `/`. */
export function testProfile(target: string, over: Partial<Profile> & { level?: number; durationMs?: number } = {}): Profile {
  const { level = 100, durationMs = 1000, ...rest } = over;
  return {
    name: 'test',
    target,
    model: 'open',
    shape: { kind: 'steady', level, durationMs },
    endpoints: [endpoint('root', '/')],
    thinkTime: { minMs: 0, maxMs: 0 },
    headers: {},
    timeoutMs: 5000,
    arrivals: 'uniform',
    lateThresholdMs: 50,
    seed: 1,
    thresholds: {},
    scale: 1,
    ...rest,
  };
}
