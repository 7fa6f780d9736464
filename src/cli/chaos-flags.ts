/** The chaos flags shared by `capplan target` and `capplan proxy`. */
import type { CapplanCommand } from './command.js';
import { UsageError } from '../errors.js';
import { applyChaosPatch, CHAOS_OFF, parseDelayRange, type ChaosConfig } from '../chaos/config.js';
import { fractionFlag } from './flags/values.js';

/** Parsed values of the chaos flags (absent = not given). */
export interface ChaosFlags {
  errorRate?: number;
  slowRate?: number;
  slow?: [number, number];
  resetRate?: number;
}

const rate = (flag: string, raw: string) => fractionFlag(flag, raw, { min: 0, max: 1 });

/** `--slow 100ms..500ms` → [100, 500] ms. */
export function delayRangeFlag(flag: string, raw: string): [number, number] {
  const range = parseDelayRange(raw);
  if (!range) throw new UsageError(`${flag}: expected a delay range such as 100ms..500ms (got "${raw}")`);
  return range;
}

/** Declare `--error-rate`, `--slow-rate`, `--slow` and `--reset-rate` on `cmd`. */
export function chaosOptions(cmd: CapplanCommand): CapplanCommand {
  return cmd
    .flag('--error-rate <p>', 'fraction of requests answered HTTP 500, e.g. 10% (switch at run time: POST /__chaos)', rate)
    .flag('--slow-rate <p>', 'fraction of requests delayed by --slow, e.g. 20%', rate)
    .flag('--slow <min..max>', 'extra delay of a slowed request, uniform in the range, e.g. 100ms..500ms', delayRangeFlag)
    .flag('--reset-rate <p>', 'fraction of connections reset without an answer, e.g. 1%', rate);
}

/** The chaos config the flags ask for (all off by default). Throws a UsageError when --slow-rate has no --slow. */
export function chaosFromFlags(flags: ChaosFlags): ChaosConfig {
  if ((flags.slowRate ?? 0) > 0 && flags.slow === undefined) throw new UsageError('--slow-rate needs --slow MIN..MAX (e.g. --slow 100ms..500ms)');
  const r = applyChaosPatch(CHAOS_OFF, {
    errorRate: flags.errorRate ?? 0,
    slowRate: flags.slowRate ?? 0,
    resetRate: flags.resetRate ?? 0,
    ...(flags.slow ? { slowMinMs: flags.slow[0], slowMaxMs: flags.slow[1] } : {}),
  });
  if (!r.ok) throw new UsageError(r.problems.join('; '));
  return r.config;
}
