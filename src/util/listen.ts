/** Listening on 127.0.0.1 for capplan's own servers (built-in target, proxy, live metrics). */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../errors.js';

/**
 * Listen on 127.0.0.1:`port` (0 = any free port) and resolve with the port bound. A taken port or
 * one that needs privileges becomes a UsageError naming `flag`; other errors pass through.
 */
export async function listenLocal(server: Server, port: number, backlog?: number, flag = '--port'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(listenError(err, port, flag));
    server.once('error', onError);
    server.listen({ port, host: '127.0.0.1', ...(backlog ? { backlog } : {}) }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function listenError(err: NodeJS.ErrnoException, port: number, flag: string): Error {
  if (err.code === 'EADDRINUSE') return new UsageError(`port ${port} on 127.0.0.1 is already in use; pick another with ${flag}`);
  if (err.code === 'EACCES') return new UsageError(`port ${port} on 127.0.0.1 needs privileges to listen on; pick another with ${flag} (0 = any free port)`);
  return err;
}
