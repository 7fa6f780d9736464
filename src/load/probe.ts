import { Client } from 'undici';
import { TargetUnreachableError } from '../errors.js';
import { describeTransportError } from './error-kind.js';
import { parseTargetUrl } from './target-url.js';

/**
 * Check the target answers before the run: one GET to its base URL. Any HTTP response,
 * whatever the status, means reachable. Throws TargetUnreachableError on a transport failure
 * (refused, DNS, TLS, timeout after `timeoutMs`).
 */
export async function probeTarget(target: string, timeoutMs = 5000): Promise<void> {
  const { origin, basePath } = parseTargetUrl(target);
  const client = new Client(origin, { connect: { timeout: timeoutMs, rejectUnauthorized: false }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  try {
    const res = await client.request({ method: 'GET', path: basePath || '/' });
    await res.body.dump();
  } catch (err) {
    throw new TargetUnreachableError(target, describeTransportError(err));
  } finally {
    await client.destroy().catch(() => undefined);
  }
}
