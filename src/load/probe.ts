import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { InterruptedError, TargetUnreachableError } from '../errors.js';
import { describeTransportError, transportErrorKind } from './error-kind.js';
import type { ErrorKind } from '../results/types.js';
import { splitTargetUrl } from '../util/target-url.js';

/** The probe's User-Agent, so a target's logs (and tests) can tell it from the load. */
export const PROBE_USER_AGENT = 'capplan-probe';

/** Retries after a transient failure (so up to 1 + PROBE_RETRIES attempts). */
export const PROBE_RETRIES = 3;

/** Options of {@link probeTarget}. */
export interface ProbeOptions {
  /** How long one attempt waits for an answer, ms; default 5000. Silence for that long is "unreachable". */
  timeoutMs?: number;
  /** Accept unverified TLS certificates. */
  insecure?: boolean;
  /** Aborting (Ctrl-C) stops the probe at once with an InterruptedError (exit 130). */
  signal?: AbortSignal;
  /** First backoff, ms; attempt k (k ≥ 1) waits backoffMs·2^(k−1) before it (100, 200, 400 ms by default). */
  backoffMs?: number;
}

/** What one attempt found: reachable, definitely unreachable, or a failure worth retrying. */
export type ProbeOutcome = 'reachable' | 'unreachable' | 'transient';

/**
 * Classify a failed attempt by its transport error kind and whether the TCP connection had been
 * accepted: refused, DNS, TLS and silence (timeout) → unreachable; a reset → reachable (a reset,
 * unlike a refusal, means the handshake completed: something listens there, and a flaky target
 * is for the run to measure, not for the probe to refuse — on loopback Linux even reports it as
 * `connect ECONNRESET`); another failure after the connection was accepted (closed without an
 * answer, a garbled response) → reachable; any other failure before it → transient (retry).
 */
export function classifyProbeFailure(kind: ErrorKind, connected: boolean): ProbeOutcome {
  if (kind === 'refused' || kind === 'dns' || kind === 'tls' || kind === 'timeout') return 'unreachable';
  if (kind === 'reset') return 'reachable';
  return connected ? 'reachable' : 'transient';
}

/** One attempt: a GET to the base URL (`/` of an origin) on a fresh connection, User-Agent `capplan-probe`; any HTTP response is reachable. */
function attempt(url: URL, opts: ProbeOptions, timeoutMs: number): Promise<{ outcome: ProbeOutcome; reason: string }> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let connected = false;
    let answered = false;
    const finish = (outcome: ProbeOutcome, reason = '') => {
      answered = true;
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({ outcome, reason });
    };
    const onAbort = () => {
      req.destroy();
      reject(new InterruptedError('interrupted while checking the target'));
    };
    // Headers are an answer: reachable at once, without waiting for a body that may trickle forever.
    const req = request(url, { method: 'GET', agent: false, rejectUnauthorized: !opts.insecure, headers: { connection: 'close', 'user-agent': PROBE_USER_AGENT } }, (res) => {
      finish('reachable');
      res.destroy();
    });
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('socket', (s: Socket) => {
      if (!s.connecting) connected = true;
      else s.once('connect', () => (connected = true));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', (err) => {
      if (!answered) finish(classifyProbeFailure(transportErrorKind(err), connected), describeTransportError(err));
    });
    req.end();
  });
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError('interrupted while checking the target'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new InterruptedError('interrupted while checking the target'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Check the target answers before the run: any HTTP response, or a connection accepted and then
 * reset or closed, is reachable ({@link classifyProbeFailure}).
 * A transient failure is retried up to {@link PROBE_RETRIES} times with exponential backoff
 * (backoffMs·2^(k−1) before retry k). Throws TargetUnreachableError when unreachable (exit 2),
 * InterruptedError when `signal` aborts (exit 130), at once.
 */
export async function probeTarget(target: string, opts: ProbeOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const backoffMs = opts.backoffMs ?? 100;
  const { origin, basePath } = splitTargetUrl(target);
  const url = new URL(basePath || '/', origin);
  if (opts.signal?.aborted) throw new InterruptedError('interrupted while checking the target');
  let last = '';
  for (let k = 0; k <= PROBE_RETRIES; k++) {
    if (k > 0) await pause(backoffMs * 2 ** (k - 1), opts.signal);
    const { outcome, reason } = await attempt(url, opts, timeoutMs);
    if (outcome === 'reachable') return;
    last = reason;
    if (outcome === 'unreachable') throw new TargetUnreachableError(target, last);
  }
  throw new TargetUnreachableError(target, `${last}, ${PROBE_RETRIES + 1} attempts`);
}
