import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/load/run.js';
import { TargetUnreachableError } from '../../src/errors.js';
import { testProfile } from './helpers.js';
import { LOCAL_WARMUP_MIN_RATE } from '../../src/load/warm-up.js';

/** A self-signed certificate made for these tests only (test/load/fixtures). */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));
let url: string;
let server: ReturnType<typeof createServer>;
let served = 0;
beforeAll(async () => {
  server = createServer({ key: fixture('self-signed-key.pem'), cert: fixture('self-signed-cert.pem') }, (_req, res) => {
    served++;
    res.end('secure');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('https targets', () => {
  it('an unverifiable certificate is refused before the start (exit-2 error naming TLS)', async () => {
    const run = runLoad(testProfile(url, { level: 10, durationMs: 500 }), { workers: 1 });
    await expect(run).rejects.toBeInstanceOf(TargetUnreachableError);
    await expect(run).rejects.toThrow(/TLS error/);
  });

  it('counts TLS failures by kind when the probe is skipped', async () => {
    const { result } = await runLoad(testProfile(url, { level: 10, durationMs: 500 }), { workers: 1, probe: false });
    expect(result.summary.total.count).toBe(5);
    expect(result.summary.total.errors.tls).toBe(5);
  });

  it('--insecure accepts it', async () => {
    const { result } = await runLoad(testProfile(url, { level: 10, durationMs: 500 }), { workers: 1, insecure: true });
    expect(result.summary.total.statusCodes['200']).toBe(5);
    expect(result.summary.total.bytesIn).toBe(5 * 'secure'.length);
  });

  it(`the default local warm-up (≥ ${LOCAL_WARMUP_MIN_RATE} req/s per worker) runs over plain HTTP, then the run's Clients reconnect over TLS: the target sees exactly the run`, async () => {
    served = 0;
    const level = 2 * LOCAL_WARMUP_MIN_RATE;
    const { result } = await runLoad(testProfile(url, { level, durationMs: 1000 }), { workers: 1, insecure: true, probe: false });
    expect(result.summary.total.statusCodes['200']).toBe(level);
    expect(result.summary.total.errors).toEqual({});
    expect(served).toBe(level);
  }, 30_000);
});
