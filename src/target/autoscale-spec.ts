/**
 * The `--autoscale` value of `capplan target`: `min=2,max=64,target=70%,up-cooldown=5s,down-cooldown=30s`
 * (and `tick=1s`). Every problem is collected. Pure.
 */
import { didYouMean } from '../profile/did-you-mean.js';
import { parseDurationMs } from '../util/duration.js';
import { parseFraction } from '../util/quantity.js';
import type { PoolScalerConfig } from '../analysis/autoscale/types.js';

/** How the built-in target scales its worker pool (the seed rule of §17.5.4). */
export type TargetAutoscaleConfig = PoolScalerConfig;

/** Defaults for keys left out. */
export const TARGET_AUTOSCALE_DEFAULTS: TargetAutoscaleConfig = {
  minWorkers: 1,
  maxWorkers: 64,
  targetUtilisation: 0.7,
  upCooldownSec: 5,
  downCooldownSec: 30,
  tickSec: 1,
};

const KEYS = ['min', 'max', 'target', 'up-cooldown', 'down-cooldown', 'tick'];

/** Parse the spec; `problems` lists every bad part (`max=0: expected a whole number ≥ 1`). */
export function parseAutoscaleSpec(text: string): { config: TargetAutoscaleConfig; problems: string[] } {
  const config = { ...TARGET_AUTOSCALE_DEFAULTS };
  const problems: string[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq).trim();
    const raw = eq < 0 ? '' : part.slice(eq + 1).trim();
    const bad = (expected: string) => problems.push(`${part}: expected ${expected}`);
    const whole = (): number | undefined => (/^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : (bad('a whole number ≥ 1'), undefined));
    const seconds = (min: number): number | undefined => {
      const ms = parseDurationMs(raw);
      return ms !== undefined && ms / 1000 >= min && (min > 0 ? ms > 0 : true) ? ms / 1000 : (bad(`a duration such as 5s${min > 0 ? ' (> 0)' : ''}`), undefined);
    };
    switch (key) {
      case 'min':
        config.minWorkers = whole() ?? config.minWorkers;
        break;
      case 'max':
        config.maxWorkers = whole() ?? config.maxWorkers;
        break;
      case 'target': {
        const f = parseFraction(raw);
        if (f === undefined || !(f > 0 && f <= 1)) bad('a utilisation such as 70% (0 < target ≤ 100%)');
        else config.targetUtilisation = f;
        break;
      }
      case 'up-cooldown':
        config.upCooldownSec = seconds(0) ?? config.upCooldownSec;
        break;
      case 'down-cooldown':
        config.downCooldownSec = seconds(0) ?? config.downCooldownSec;
        break;
      case 'tick':
        config.tickSec = seconds(0.001) ?? config.tickSec;
        break;
      default:
        problems.push(`unknown key "${key}"${didYouMean(key, KEYS)}; expected ${KEYS.join(', ')}`);
    }
  }
  if (config.maxWorkers < config.minWorkers) problems.push(`max (${config.maxWorkers}) must be ≥ min (${config.minWorkers})`);
  return { config, problems };
}
