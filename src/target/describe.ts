import { formatDurationMs } from '../util/duration.js';
import { defaultServiceTimeMs, nominalCapacityPerSec } from './service-time.js';
import type { TargetOptions } from './types.js';
import { chaosIsOff, describeChaos } from '../chaos/config.js';
import type { TargetAutoscaleConfig } from './autoscale-spec.js';

/** `2..64 workers at 70%, up-cooldown 5s, down-cooldown 30s, every 1s`. */
export function autoscaleText(a: TargetAutoscaleConfig): string {
  return `${a.minWorkers}..${a.maxWorkers} workers at ${Math.round(a.targetUtilisation * 1000) / 10}% (the seed rule), up-cooldown ${formatDurationMs(a.upCooldownSec * 1000)}, down-cooldown ${formatDurationMs(a.downCooldownSec * 1000)}, every ${formatDurationMs(a.tickSec * 1000)}`;
}

/**
 * One line describing a running target and its nominal capacity, e.g.
 * `built-in target on http://127.0.0.1:8080: 64 workers × 5ms (constant), queue 1000 → capacity 12800 req/s`.
 * capacity = workers × 1000 / serviceTimeMs (default service time when per endpoint).
 */
export function describeTarget(url: string, opts: TargetOptions): string {
  const st = opts.serviceTimeMs;
  const times =
    typeof st === 'number'
      ? formatDurationMs(st)
      : Object.entries(st)
          .map(([k, v]) => `${k}=${formatDurationMs(v)}`)
          .join(', ');
  const cap = nominalCapacityPerSec(opts.workers, defaultServiceTimeMs(st));
  return (
    `built-in target on ${url}: ${opts.workers} workers × ${times} (${opts.serviceDistribution ?? 'constant'}), ` +
    `queue ${opts.queue} → capacity ${Math.round(cap * 10) / 10} req/s` +
    (opts.leakBytesPerRequest ? `; leaking ${opts.leakBytesPerRequest} bytes per served request` : '') +
    (opts.chaos && !chaosIsOff(opts.chaos) ? `; ${describeChaos(opts.chaos)}` : '') +
    (opts.autoscale ? `; auto-scaling ${autoscaleText(opts.autoscale)}` : '')
  );
}
