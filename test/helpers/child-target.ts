import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '../../bin/capplan.js');

/** A built-in target in its own process (its own heap), started through the built CLI. */
export interface ChildTarget {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Start `capplan target --port 0 ...args` and resolve once it prints its URL (bounded: 20 s). */
export async function startChildTarget(args: string[], bin_ = bin): Promise<ChildTarget> {
  const child: ChildProcess = spawn(process.execPath, [bin_, 'target', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`target did not start: ${err}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`target exited ${code}: ${err}`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Send GET /item/i at `ratePerSec` for `durationMs` (bounded), keeping at most 64 in flight. Returns requests completed. */
export async function driveLoad(url: string, ratePerSec: number, durationMs: number): Promise<number> {
  const { Pool } = await import('undici');
  const pool = new Pool(url, { connections: 16 });
  const start = performance.now();
  let sent = 0;
  let done = 0;
  let inFlight = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = performance.now() - start;
      if (elapsed >= durationMs) {
        clearInterval(tick);
        const wait = setInterval(() => {
          if (inFlight === 0) {
            clearInterval(wait);
            resolve();
          }
        }, 10);
        return;
      }
      const due = Math.floor((elapsed / 1000) * ratePerSec);
      while (sent < due && inFlight < 64) {
        sent++;
        inFlight++;
        pool
          .request({ method: 'GET', path: `/item/${sent}` })
          .then((r) => r.body.dump())
          .then(
            () => done++,
            () => undefined,
          )
          .finally(() => inFlight--);
      }
    }, 5);
  });
  await pool.close();
  return done;
}
