import { join } from 'node:path';
import type { CapplanCommand } from '../command.js';
import { ExitCode, InterruptedError } from '../../errors.js';
import { loadProfile } from '../../profile/load.js';
import { buildShape } from '../../shapes/registry.js';
import { runLoad } from '../../load/run.js';
import { renderConsoleSummary } from '../../report/console.js';
import { createProgress } from '../../report/progress.js';
import { buildReportModel } from '../../report/model.js';
import { renderDoc, type Doc } from '../../render/document.js';
import { formatCount, formatNumber, formatValue } from '../../render/format.js';
import { packageRoot } from '../../util/paths.js';
import { startTarget } from '../../target/index.js';
import { describeTarget } from '../../target/describe.js';
import { DEMO_DEFAULTS, demoExpectation, demoLoadEstimate, demoProfile, demoScale, demoTargetOptions } from '../../target/demo.js';
import { demoTimeline } from '../../target/demo-timeline.js';
import { numberFlag } from '../flags/values.js';
import { autoscaleFlag } from './target.js';
import { writeResultFile } from '../../results/write.js';
import { defaultServiceTimeMs } from '../../target/service-time.js';
import { workersTimeline, type ResultAutoscale } from '../../target/demo-autoscale.js';

/** The demo's auto-scaler: the scenario is squeezed ~23×, so are the cooldowns (down-cooldown still 5× the up one). */
export const DEMO_AUTOSCALE = 'min=2,max=64,target=70%,up-cooldown=1s,down-cooldown=5s';
import { capplanCommand } from '../invocation.js';

interface DemoFlags {
  scale?: number;
  users: number;
  out?: string;
  quiet?: boolean;
  autoscale?: string | boolean;
}

/** `capplan demo`: profiles/spike.yaml, scaled to 45 s of load (~47 s wall time), against the built-in target. Exits 0. */
export function define(cmd: CapplanCommand): void {
  cmd
    .flag('-s, --scale <factor>', `duration factor (default: fit the 17.5-minute scenario into ${DEMO_DEFAULTS.durationSec}s)`, (f, r) => numberFlag(f, r, { above: 0 }))
    .flag('--users <factor>', 'multiply the user levels by this (5000 users × 0.1 = 500)', (f, r) => numberFlag(f, r, { above: 0, max: 1 }), String(DEMO_DEFAULTS.userFactor))
    .outOption('result file (default: reports/spike-<YYYYMMDD-HHMMSS>.json)')
    .option('-q, --quiet', 'no progress and no tables: print only the result path')
    .option('--autoscale [spec]', `the target resizes its workers with the seed rule (default ${DEMO_AUTOSCALE}); the result records every tick`)
    .run(async (flags: DemoFlags) => {
      const file = join(packageRoot(), 'profiles', 'spike.yaml');
      const userFactor = flags.users;
      const plannedSec = buildShape((await loadProfile(file)).shape).durationSec;
      const scale = flags.scale ?? demoScale(plannedSec);
      const autoscale = flags.autoscale === undefined ? undefined : autoscaleFlag('--autoscale', flags.autoscale === true ? DEMO_AUTOSCALE : String(flags.autoscale));
      const targetOpts = { ...demoTargetOptions(), ...(autoscale ? { autoscale, workers: autoscale.minWorkers } : {}) };
      // The auto-scaler's clock starts with the target; samples are moved onto the run's clock below.
      const targetStartMs = Date.now();
      const target = await startTarget(targetOpts);
      const say = (s: string) => !flags.quiet && process.stderr.write(s);
      try {
        const profile = demoProfile(await loadProfile(file, { scale }), target.url, userFactor, autoscale !== undefined);
        say(
          `capplan demo: profiles/spike.yaml × ${formatNumber(scale)} duration (${Math.round(plannedSec * scale)}s), users × ${userFactor}\n` +
            `  ${describeTarget(target.url, targetOpts)}\n` +
            `  ${demoExpectation(demoLoadEstimate(profile, targetOpts), userFactor)}\n\n`,
        );
        const controller = new AbortController();
        const onSignal = () => controller.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        const progress = createProgress(process.stderr, profile.model, 5);
        let outcome;
        try {
          outcome = await runLoad(profile, {
            out: flags.out,
            write: true,
            signal: controller.signal,
            onProgress: flags.quiet ? undefined : (p) => progress.update(p.elapsedSec, p.totalSec, p.interval),
          });
        } finally {
          progress.done();
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
        const { result, path } = outcome;
        const stats = target.stats();
        let scaled: ResultAutoscale | undefined;
        if (autoscale && path) {
          const offsetSec = (result.run.startEpochMs - targetStartMs) / 1000;
          const samples = target.autoscaleSamples().map((x) => ({ ...x, tSec: Math.round((x.tSec - offsetSec) * 1000) / 1000 }));
          scaled = { config: autoscale, serviceTimeMs: defaultServiceTimeMs(targetOpts.serviceTimeMs), samples };
          await writeResultFile(path, { ...result, autoscale: scaled } as typeof result);
        }
        if (flags.quiet) {
          process.stdout.write(`${path}\n`);
        } else {
          process.stdout.write(renderConsoleSummary(result));
          process.stdout.write('\n' + renderDoc(targetDoc(result, stats), 'console'));
          if (scaled) process.stdout.write('\n' + renderDoc({ title: 'Auto-scaling', sections: [workersTimeline(result, scaled.samples)], data: scaled }, 'console'));
          // process.uptime() counts from Node's start: start-up, the load and the drain of in-flight requests.
          const loadSec = result.run.durationMs / 1000;
          process.stdout.write(
            `\nwall time ${formatValue(process.uptime(), 'sec')}: ${formatValue(loadSec, 'sec')} of load, the rest is start-up and letting in-flight requests finish (grace ≤ 2 s)\n` +
              `result: ${path}\nnext: ${capplanCommand('report', String(path), '--format', 'html', '--out', 'reports/demo.html')}\n`,
          );
        }
        if (result.run.interrupted) throw new InterruptedError(`interrupted: partial result written to ${path}`);
      } finally {
        await target.close();
      }
      return ExitCode.Ok;
    });
}

/** The built-in target's own counters and the demo timeline (saturation and recovery at a glance); the phases are in the report above. */
function targetDoc(result: Parameters<typeof buildReportModel>[0], stats: ReturnType<Awaited<ReturnType<typeof startTarget>>['stats']>): Doc {
  const s = buildReportModel(result).series;
  return {
    title: 'Built-in target',
    sections: [
      {
        notes: [
          `served ${formatCount(stats.served)}, rejected with 429 ${formatCount(stats.rejected)}, max queue ${formatCount(stats.maxQueueSeen)} of ${formatCount(stats.queueLimit)}, capacity ${formatValue(stats.capacityPerSec, 'per-sec')}`,
          ...demoTimeline({ activeUsers: s.activeUsers, achieved: s.total.achieved, backpressure: s.total.backpressure, p99: s.total.p99 }),
        ],
      },
    ],
    data: stats,
  };
}
