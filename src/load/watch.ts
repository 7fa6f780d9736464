/**
 * What runs beside the load when the profile asks for it: the monitor (scrapes of /metrics, a
 * process from /proc) and the chaos schedule (sent to the target's or proxy's switch). Started
 * before the workers, told the load's start instant, and finished into the result file's
 * `monitor` and `chaos` fields. Neither ever stops the load.
 */
import type { Profile } from '../profile/types.js';
import type { RunningTarget } from '../target/index.js';
import { Monitor } from '../monitor/monitor.js';
import type { MonitorRecordJson, ChaosRecord } from '../monitor/record-schema.js';
import { startChaosSchedule, type ChaosRun, type ChaosSink } from '../chaos/runner.js';
import { chaosWindows } from '../chaos/schedule.js';

/** The monitor URL word for the built-in target's own /metrics. */
export const BUILTIN_METRICS = 'builtin';

/** Side activities of one run. */
export interface Watch {
  /** The workers start at `startEpochMs`: schedule the chaos steps from it. */
  started(startEpochMs: number): void;
  /** Stop everything and return the result-file fields (absent when not asked for). */
  finish(startEpochMs: number, durationSec: number): Promise<{ monitor?: MonitorRecordJson; chaos?: ChaosRecord }>;
}

/**
 * Start watching for `profile` against `targetUrl` (the in-process built-in target when `builtin`).
 * `builtin` in monitor URLs means the built-in target's /metrics; it is an error without one.
 */
export function startWatch(profile: Profile, targetUrl: string, builtin: RunningTarget | null): Watch {
  const spec = profile.monitor;
  let monitor: Monitor | undefined;
  if (spec && (spec.urls.length > 0 || spec.pid !== undefined)) {
    const urls = spec.urls.map((u) => (u === BUILTIN_METRICS ? `${builtin ? builtin.url : targetUrl}/metrics` : u));
    monitor = new Monitor({ urls, everyMs: spec.everyMs, allow: spec.allow, pid: spec.pid });
    monitor.start();
  }
  const steps = profile.chaos ?? [];
  const sink: ChaosSink = builtin ? { switch: builtin.chaos } : { url: targetUrl };
  let chaos: ChaosRun | undefined;
  return {
    started(startEpochMs) {
      if (steps.length) chaos = startChaosSchedule(steps, sink, startEpochMs);
    },
    async finish(startEpochMs, durationSec) {
      const originSec = Math.floor(startEpochMs / 1000);
      const out: { monitor?: MonitorRecordJson; chaos?: ChaosRecord } = {};
      if (monitor) out.monitor = await monitor.stop(originSec);
      if (chaos) {
        const applied = await chaos.stop();
        // Windows on the load's seconds (t = 0 is the wall-clock second the load started in).
        const shift = (startEpochMs - originSec * 1000) / 1000;
        const done = applied.filter((a) => a.ok).map((a) => ({ atSec: a.atSec + shift, patch: a.patch }));
        out.chaos = { switch: builtin ? BUILTIN_METRICS : targetUrl, steps: applied, windows: chaosWindows(done, durationSec + shift) };
      }
      return out;
    },
  };
}
