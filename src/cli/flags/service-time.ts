/** Flags of the built-in target (`capplan target`, `capplan sweep --target builtin`): service times and their distribution. */
import { UsageError } from '../../errors.js';
import { SERVICE_DISTRIBUTIONS, type ServiceDistribution, type ServiceTimeSpec } from '../../target/types.js';
import { choiceFlag, durationFlagMs } from './values.js';

/**
 * Parse `--service-time`: one duration (`5ms`, `0.01s`) for every endpoint, or a
 * comma list of `KEY=DURATION` (`"GET /item=5ms,POST /item=20ms,*=5ms"`).
 * Returns ms (number or map). Throws UsageError naming the flag.
 */
export function serviceTimeFlag(flag: string, value: string): ServiceTimeSpec {
  if (!value.includes('=')) return durationFlagMs(flag, value.trim(), { above: 0 });
  const map: Record<string, number> = {};
  for (const part of value.split(',')) {
    const eq = part.lastIndexOf('=');
    const key = part.slice(0, eq).trim().replace(/\s+/g, ' ');
    if (eq < 0 || key === '') throw new UsageError(`${flag}: expected entries like "GET /item=5ms" (got "${part.trim()}")`);
    map[key === '*' ? '*' : normaliseKey(key)] = durationFlagMs(`${flag} "${key}"`, part.slice(eq + 1).trim(), { above: 0 });
  }
  return map;
}

function normaliseKey(key: string): string {
  const [method, path = ''] = key.split(' ');
  return `${method.toUpperCase()} ${path}`;
}

/** `--distribution`: constant | exponential | lognormal. */
export function distributionFlag(flag: string, value: string): ServiceDistribution {
  return choiceFlag(flag, value, SERVICE_DISTRIBUTIONS);
}
