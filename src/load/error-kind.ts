import type { ErrorKind } from '../results/types.js';

/** `code` of the error a request is aborted with when it passes its total deadline (sender.ts). */
export const DEADLINE_CODE = 'CAPPLAN_DEADLINE';

const REFUSED = new Set(['ECONNREFUSED']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_CLOSED']);
const TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', DEADLINE_CODE]);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const TLS = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_OSSL_)/;

/**
 * Classify a transport failure (no HTTP response) by its `code`, looking through `cause`.
 * ECONNREFUSED → refused; ECONNRESET / socket closed → reset; undici header/body/connect
 * timeouts and the total request deadline → timeout; ENOTFOUND / EAI_AGAIN → dns; certificate and TLS codes → tls; else other.
 */
export function transportErrorKind(err: unknown): ErrorKind {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (REFUSED.has(code)) return 'refused';
    if (RESET.has(code)) return 'reset';
    if (TIMEOUT.has(code)) return 'timeout';
    if (DNS.has(code)) return 'dns';
    if (TLS.test(code)) return 'tls';
  }
  return 'other';
}

/** Human text for a transport error kind, e.g. for the unreachable-target message. */
export function describeTransportError(err: unknown): string {
  const kind = transportErrorKind(err);
  const code = (err as { code?: unknown })?.code;
  const text: Record<ErrorKind, string> = {
    refused: 'connection refused', reset: 'connection reset', timeout: 'timed out', dns: 'host name not found',
    tls: 'TLS error', other: 'request failed', http4xx: 'HTTP 4xx', http5xx: 'HTTP 5xx',
  };
  const detail = typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
  return `${text[kind]} (${detail})`;
}
