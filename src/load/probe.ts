import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TargetUnreachableError } from '../errors.js';
import { describeTransportError } from './error-kind.js';
import { splitTargetUrl } from '../util/target-url.js';

/** The probe's User-Agent, so a target's logs (and tests) can tell it from the load. */
export const PROBE_USER_AGENT = 'capplan-probe';

/**
 * Check the target answers before the run: one GET to its base URL (`/` of an origin), sent with User-Agent `capplan-probe`. Any HTTP response,
 * whatever the status, means reachable. Throws TargetUnreachableError on a transport failure
 * (refused, DNS, TLS, no answer within `timeoutMs`). `insecure` accepts unverified TLS certificates.
 */
export async function probeTarget(target: string, opts: { timeoutMs?: number; insecure?: boolean } = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const { origin, basePath } = splitTargetUrl(target);
  const url = new URL(basePath || '/', origin);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  await new Promise<void>((resolve, reject) => {
    const req = request(url, { method: 'GET', agent: false, rejectUnauthorized: !opts.insecure, headers: { connection: 'close', 'user-agent': PROBE_USER_AGENT } }, (res) => {
      res.resume();
      res.on('end', resolve);
      res.on('error', resolve);
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  }).catch((err: unknown) => {
    throw new TargetUnreachableError(target, describeTransportError(err));
  });
}
