import type { CapplanCommand } from '../command.js';
import { ExitCode, InputError, InterruptedError } from '../../errors.js';
import { withMonitorFlags, type LoadFlags, type LoadSettings } from '../flags/load.js';
import { startLiveRun } from '../../load/live-metrics.js';
import { loadRunProfile, parseLoadSettings } from '../flags/load-profile.js';
import { runLoad } from '../../load/run.js';
import { formatActual, thresholdRows } from '../../report/model.js';
import { renderConsoleSummary } from '../../report/console.js';
import { createProgress } from '../../report/progress.js';
import { resultLines } from '../../shard/result-lines.js';
import { START_TOLERANCE_MS } from '../../shard/start-barrier.js';
import { defaultReportPath } from '../../load/report-path.js';
import type { Profile } from '../../profile/types.js';

/** `capplan load --profile FILE [--target URL] [--scale F | --duration D] [--workers N] [--connections N] [--out FILE] [--seed N] [--quiet | --json]`. */
export function define(cmd: CapplanCommand): void {
  cmd
    .argument('[profile]', 'the YAML profile to run (same as --profile)')
    .option('-p, --profile <file>', 'the YAML profile to run (or give it as the argument)')
    .option('-t, --target <url>', 'target base URL, overriding the profile (or "builtin")')
    .option('-s, --scale <factor>', 'multiply every duration in the profile by this factor (e.g. 0.1)')
    .option('-d, --duration <duration>', 'stretch or shrink the whole profile to this total length (e.g. 30s); sets the scale')
    .option('-w, --workers <n>', 'load-generator worker threads (default: CPUs − 1, at least 1)')
    .option('-c, --connections <n>', 'connections per worker (default: closed = users per worker; open = peak rate per worker × 0.1 s, at least 64)')
    .option('--warmup-requests <n>', 'requests each worker sends before t = 0, outside the result, to the target to warm its send path; 0: no warm-up at all (default: the profile\'s warmupRequests, else a local warm-up for open-model runs at ≥ 1 000 req/s per worker)')
    .outOption('result file (default: reports/<profile>-<YYYYMMDD-HHMMSS>.json)')
    .option('--seed <n>', "seed for arrivals, the mix and keys (default: the profile's seed)")
    .option('--grace <duration>', 'how long in-flight requests may finish after the end or Ctrl-C', '2s')
    .option('--max-lag <duration>', 'open model: an arrival still waiting for a connection after this long is dropped (default 10s)')
    .option('--insecure', 'accept TLS certificates that do not verify (self-signed, wrong host name)')
    .option('--progress', 'print a progress line every second even when not on a terminal')
    .option('-q, --quiet', 'no progress and no table: print only the result path')
    .option('--json', 'print the summary as JSON on stdout (and nothing else on stdout)')
    .option('--shard <I/N>', 'run shard I of N of the plan (arrivals k ≡ I mod N; closed model: its share of users), I from 0')
    .option('--shards <N>', 'run one of N shards, the index from JOB_COMPLETION_INDEX (set in Kubernetes Indexed Job pods)')
    .option('--start-at <time>', 'start the schedule at this instant: ISO 8601 with a zone (2026-11-29T21:30:00Z) or epoch ms')
    .option('--log-result', 'print the result file as compressed capplan-result lines at the end of stdout (for capplan collect)')
    .option('--monitor <url>', "scrape this Prometheus endpoint during the run (repeatable; 'builtin' = the built-in target's /metrics)", (v: string, prev: string[] = []) => [...prev, v])
    .option('--monitor-every <duration>', 'scrape interval of --monitor / monitor: (default 1s)')
    .option('--monitor-pid <pid>', "sample this local process's RSS and CPU from /proc during the run")
    .option('--metrics-port <port>', "serve the run's live metrics for Prometheus on 127.0.0.1:PORT/metrics (0 = any free port)")
    .option('--metrics-linger <duration>', 'keep serving --metrics-port this long after the run, so the last scrape sees the totals', '0s')
    .option('--repeat <n>', 'run the profile N times back to back (replicates for gate): result files …-1.json … -N.json', '1')
    .option('--cool-down <duration>', 'pause between repeated runs', '1s')
    .option('--label <key=value>', 'label stored in the result file, repeatable (e.g. commit=abc123; history --by commit groups by it)', (v: string, prev: string[] = []) => [...prev, v])
    .run(async (positional: string | undefined, flags: LoadFlags) => {
      return runLoadCommand(await parseLoadSettings(positional, flags));
    });
}

/**
 * Install SIGINT/SIGTERM handlers: the first aborts the run (a partial result is written); the second rejects
 * `quitNow` at once, without waiting for in-flight requests, and nothing is written.
 */
function interruptOnSignals(controller: AbortController, quiet: boolean): { quitNow: Promise<never>; remove: () => void } {
  let quit: (err: InterruptedError) => void = () => {};
  const quitNow = new Promise<never>((_, reject) => {
    quit = reject;
  });
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      remove();
      quit(new InterruptedError(`${signal} again: stopped at once; no result was written`));
      return;
    }
    if (!quiet) process.stderr.write(`\ncapplan: ${signal}: stopping, saving the partial result (press Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  const remove = () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return { quitNow, remove };
}

/** The result path of run `k` of a repeated load: `base.json` → `base-k.json`. */
export function repeatPath(base: string, k: number): string {
  const m = /^(.*?)(\.json)?$/i.exec(base)!;
  return `${m[1]}-${k}${m[2] ?? '.json'}`;
}

/** Wait `ms`, or until the signal aborts (a Ctrl-C during the cool-down ends the series). */
function coolDown(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * `capplan load`, once or `--repeat N` times back to back with a cool-down between runs (the
 * built-in target starts afresh each run). Exit 1 when any run's thresholds failed; a Ctrl-C
 * ends the series with that run's partial result (130).
 */
async function runLoadCommand(s: LoadSettings): Promise<ExitCode> {
  const profile = withMonitorFlags(await loadRunProfile(s), s);
  const controller = new AbortController();
  const signals = interruptOnSignals(controller, s.quiet || s.json);
  // Repeated runs share one base name: --out, or the default path at the series' start.
  const base = s.repeat > 1 ? (s.out ?? defaultReportPath(profile.name, new Date(), process.cwd())) : s.out;
  const summaries: unknown[] = [];
  const printJson = () => process.stdout.write(JSON.stringify(s.repeat > 1 ? summaries : summaries[0], null, 2) + '\n');
  let code: ExitCode = ExitCode.Ok;
  try {
    for (let k = 1; k <= s.repeat; k++) {
      if (k > 1) {
        await coolDown(s.coolDownMs, controller.signal);
        if (controller.signal.aborted) throw new InterruptedError(`interrupted after ${k - 1} of ${s.repeat} runs`);
      }
      const outcome = await runOnce(s, profile, s.repeat > 1 ? repeatPath(base!, k) : base, controller, signals.quitNow);
      const { result, path } = outcome;
      const checks = thresholdRows(result);
      if (result.shard && (result.shard.startLateMs ?? 0) > START_TOLERANCE_MS) {
        process.stderr.write(`warning: ${result.summary.warnings.find((w) => w.startsWith(`shard ${result.shard!.index}/`))}\n`);
      }
      if (s.json) {
        // The summary as stored, plus the threshold rows the console shows (report --format json's `thresholds`).
        summaries.push({ ...result.summary, thresholds: checks });
        process.stderr.write(`result: ${path}\n`);
      } else if (s.quiet) {
        process.stdout.write(`${path}\n`);
      } else {
        if (s.repeat > 1) process.stdout.write(`${k > 1 ? '\n' : ''}run ${k} of ${s.repeat}\n`);
        process.stdout.write(renderConsoleSummary(result));
        process.stdout.write(`\nresult: ${path}\n`);
      }
      if (s.logResult) process.stdout.write(resultLines(result).join('\n') + '\n');
      // The destination failed after the run (checked before it, so: disk full, removed folder…): the result is in the temp folder.
      if (outcome.writeFailed) throw new InputError(`${outcome.writeFailed.reason}; the result was saved to ${path} instead`);
      if (result.run.interrupted) {
        if (s.json) printJson();
        throw new InterruptedError(`interrupted: partial result written to ${path}`);
      }
      const failed = checks.filter((c) => !c.pass);
      if (failed.length > 0) {
        code = ExitCode.ThresholdFailed;
        process.stderr.write(
          `capplan: ${s.repeat > 1 ? `run ${k}: ` : ''}${failed.length} of ${checks.length} thresholds failed: ` +
            failed.map((c) => `${c.scope} ${c.slo} (${c.note ?? `actual ${formatActual(c)}`})`).join('; ') +
            '\n',
        );
      }
    }
  } finally {
    signals.remove();
  }
  if (s.json) printJson();
  return code;
}

/** One run with its progress line and live metrics; a second signal wins the race (main returns 130 and bin/capplan.js ends the process, run and all). */
async function runOnce(s: LoadSettings, profile: Profile, out: string | undefined, controller: AbortController, quitNow: Promise<never>) {
  const live = s.metricsPort === undefined ? undefined : await startLiveRun(profile.model, s.metricsPort, s.shard ? { shard: String(s.shard.index) } : {});
  if (live && !s.json && !s.quiet) process.stderr.write(`live metrics: ${live.url}\n`);
  const showProgress = !s.quiet && !s.json;
  const progress = createProgress(process.stderr, profile.model, s.progressEverySecond ? 1 : 5);
  let outcome;
  try {
    const run = runLoad(profile, {
      workers: s.workers, connections: s.connections, warmupRequests: s.warmupRequests, out, write: true, seed: s.seed,
      graceMs: s.graceMs, maxLagMs: s.maxLagMs, insecure: s.insecure, signal: controller.signal, shard: s.shard, startAtMs: s.startAtMs, labels: s.labels,
      // After Ctrl-C the stop message is the last line: no progress for seconds merged afterwards.
      onProgress: showProgress || live ? (p) => { live?.observe(p.interval); if (showProgress && !controller.signal.aborted) progress.update(p.elapsedSec, p.totalSec, p.interval); } : undefined,
    });
    outcome = await Promise.race([run, quitNow]);
  } finally {
    await live?.finish(outcome?.result.intervals ?? [], outcome ? s.metricsLingerMs : 0, controller.signal);
    progress.done();
  }
  return { ...outcome, path: outcome.path! };
}
