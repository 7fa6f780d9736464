import { UsageError } from '../errors.js';
import { parseDurationMs } from '../util/duration.js';
import { SERVICE_DISTRIBUTIONS, type ServiceDistribution, type ServiceTimeSpec } from './types.js';

/**
 * Parse `--service-time`: one duration (`5ms`, `0.01s`) for every endpoint, or a
 * comma list of `KEY=DURATION` (`"GET /item=5ms,POST /item=20ms,*=5ms"`).
 * Returns ms (number or map). Throws UsageError naming the flag.
 */
export function parseServiceTimeFlag(value: string, flag = '--service-time'): ServiceTimeSpec {
  if (!value.includes('=')) return positiveDurationMs(value, flag);
  const map: Record<string, number> = {};
  for (const part of value.split(',')) {
    const eq = part.lastIndexOf('=');
    const key = part.slice(0, eq).trim().replace(/\s+/g, ' ');
    if (eq < 0 || key === '') throw new UsageError(`${flag} entries must look like "GET /item=5ms" (got "${part.trim()}")`);
    map[key === '*' ? '*' : normaliseKey(key)] = positiveDurationMs(part.slice(eq + 1), `${flag} "${key}"`);
  }
  return map;
}

function normaliseKey(key: string): string {
  const [method, path = ''] = key.split(' ');
  return `${method.toUpperCase()} ${path}`;
}

/** A duration flag that must be > 0, in ms. */
export function positiveDurationMs(value: string, flag: string): number {
  const ms = parseDurationMs(value);
  if (ms === undefined || ms <= 0) throw new UsageError(`${flag} must be a duration > 0 such as 5ms or 0.1s (got "${value.trim()}")`);
  return ms;
}

/** `--distribution`: constant | exponential | lognormal. */
export function distributionFlag(value: string): ServiceDistribution {
  if (!(SERVICE_DISTRIBUTIONS as readonly string[]).includes(value)) {
    throw new UsageError(`--distribution must be one of ${SERVICE_DISTRIBUTIONS.join(', ')} (got "${value}")`);
  }
  return value as ServiceDistribution;
}
