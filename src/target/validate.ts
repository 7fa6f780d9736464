import { UsageError } from '../errors.js';
import { SERVICE_DISTRIBUTIONS, type TargetOptions } from './types.js';

/**
 * Check target options; throws one UsageError naming every bad field.
 * workers: integer ≥ 1; queue: integer ≥ 0; serviceTimeMs: > 0 (each map entry);
 * port: integer 0..65535; host: 127.0.0.1 only; distribution: constant|exponential|lognormal.
 */
export function validateTargetOptions(opts: TargetOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(opts.workers) || opts.workers < 1) problems.push(`workers must be an integer ≥ 1 (got ${opts.workers})`);
  if (!Number.isInteger(opts.queue) || opts.queue < 0) problems.push(`queue must be an integer ≥ 0 (got ${opts.queue})`);
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`port must be an integer 0..65535 (got ${port})`);
  if (opts.host !== undefined && opts.host !== '127.0.0.1') problems.push(`host must be 127.0.0.1 (got ${String(opts.host)})`);
  const st = opts.serviceTimeMs;
  const entries = typeof st === 'number' ? [['serviceTime', st] as const] : Object.entries(st).map(([k, v]) => [`serviceTime["${k}"]`, v] as const);
  for (const [name, v] of entries) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) problems.push(`${name} must be > 0 ms (got ${String(v)})`);
  }
  const leak = opts.leakBytesPerRequest ?? 0;
  if (!Number.isInteger(leak) || leak < 0 || leak > 1 << 20) problems.push(`leak must be a whole number of bytes 0..1MiB per request (got ${leak})`);
  const dist = opts.serviceDistribution ?? 'constant';
  if (!SERVICE_DISTRIBUTIONS.includes(dist)) problems.push(`distribution must be one of ${SERVICE_DISTRIBUTIONS.join(', ')} (got "${dist}")`);
  if (problems.length) throw new UsageError(`built-in target: ${problems.join('; ')}`);
}
