import { join, resolve } from 'node:path';
import type { CapplanCommand } from '../command.js';
import { ExitCode, InterruptedError, UsageError } from '../../errors.js';
import { parseSlo, type SloExpr } from '../../gate/slo-expr.js';
import { DOC_FORMATS, renderDoc, type Doc, type DocFormat } from '../../render/document.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { formatDurationMs } from '../../util/duration.js';
import { timestampForFile } from '../../load/report-path.js';
import type { Profile } from '../../profile/types.js';
import { startTarget, type RunningTarget } from '../../target/index.js';
import { describeTarget } from '../../target/describe.js';
import { distributionFlag, serviceTimeFlag } from '../flags/service-time.js';
import type { ServiceDistribution, ServiceTimeSpec } from '../../target/types.js';
import { analyseSweep } from '../../sweep/analyse.js';
import { sweepDoc, sweepPointsCsv, workerMatrixDoc } from '../../sweep/matrix.js';
import { planSweep } from '../../sweep/plan.js';
import { adHocProfile, selectEndpoints } from '../../sweep/profiles.js';
import { runSweep, runWorkerMatrix } from '../../sweep/runner.js';
import { bytesFlag, durationFlagMs, durationListFlag, integerListFlag, numberFlag } from '../flags/values.js';
import { connectionLevels, connectionsSection, runConnectionsSweep } from '../../sweep/connections.js';
import { loadLevelsSection, parseLoadLevels, planLoadLevels, runLoadLevels } from '../../sweep/load-levels.js';
import { targetFlag } from '../target-flag.js';
import { formatPercent, formatRate, formatValue } from '../../render/format.js';
import { BOTTLENECK_LABEL, overloadWarning } from '../../sweep/bottleneck.js';
import { loadProfile } from '../../profile/load.js';
import { payloadLabel, payloadProblems, payloadProfile, type PayloadPaths } from '../../sweep/payload.js';
import { payloadMatrixDoc, type PayloadOutcome } from '../../sweep/payload-matrix.js';
import { measureCapacity } from '../../sweep/capacity-run.js';
import { MAX_PAYLOAD_BYTES } from '../../target/payload.js';
import type { SweepStep } from '../../sweep/types.js';
import { stepProgress } from '../../render/step-progress.js';

interface SweepFlags {
  profile?: string;
  target?: string;
  endpoints?: string;
  concurrency: number[];
  /** ms */
  stepDuration: number;
  /** ms */
  warmup: number;
  slo?: string;
  outDir?: string;
  format: string;
  targetWorkers: number;
  serviceTime: ServiceTimeSpec;
  targetQueue?: number;
  distribution: ServiceDistribution;
  matrixWorkers?: number[];
  /** ms */
  matrixServiceTimes?: number[];
  /** Fractions of the measured maximum. */
  loadLevels?: number[];
  connectionsSweep?: boolean;
  maxConnections: number;
  degrade: number;
  /** Response sizes, bytes. */
  payloadSizes?: number[];
  payloadPath?: PayloadPaths;
}

/** `1KB,10KB,100KB` → [1024, 10240, 102400] (binary units, as everywhere in capplan). */
function bytesListFlag(flag: string, raw: string): number[] {
  const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new UsageError(`${flag}: expected sizes such as 1KB,10KB,100KB (got "${raw}")`);
  return [...new Set(parts.map((p) => bytesFlag(flag, p)))];
}

/** `1KB=/small,10KB=/medium` → size (bytes) → path. */
function payloadPathsFlag(flag: string, raw: string): PayloadPaths {
  const out = new Map<number, string>();
  const bad: string[] = [];
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const path = part.slice(eq + 1).trim();
    if (eq <= 0 || !path.startsWith('/')) {
      bad.push(part);
      continue;
    }
    out.set(bytesFlag(flag, part.slice(0, eq).trim()), path);
  }
  if (bad.length || out.size === 0) throw new UsageError(`${flag}: expected SIZE=/path pairs such as 1KB=/small,10KB=/medium${bad.length ? ` (got ${bad.map((b) => JSON.stringify(b)).join(', ')})` : ''}`);
  return out;
}

/** `capplan sweep`: closed-model steps across concurrency levels, USL fit, capacity matrix. */
export function define(cmd: CapplanCommand): void {
  cmd
    .option('--profile <file>', 'profile whose endpoints (and think time) each step runs')
    .option('--target <url>', 'target URL, or "builtin" to start the built-in target (overrides the profile\'s target)')
    .option('--endpoints <names>', 'comma list of profile endpoint names (with --target URL: paths) to include')
    .flag('--concurrency <list>', 'concurrency levels (closed-model users), one step each', integerListFlag, '1,2,4,8,16,32')
    .flag('--step-duration <d>', 'measured time per step (after the warm-up)', (f, r) => durationFlagMs(f, r, { above: 0 }), '20s')
    .flag('--warmup <d>', 'warm-up per step, discarded', (f, r) => (r.trim() === '0' ? 0 : durationFlagMs(f, r, { above: 0 })), '3s')
    .option('--slo <expr>', "report where this SLO stops holding, e.g. 'p99<200ms'")
    .option('--out-dir <dir>', 'folder for sweep.md, capacity-matrix.csv, sweep-points.csv, sweep.json (default reports/sweep-<time>)')
    .formatOption(DOC_FORMATS, 'console', 'stdout format')
    .flag('--target-workers <n>', 'built-in target: workers', (f, r) => numberFlag(f, r, { integer: true, min: 1 }), '8')
    .flag('--service-time <d>', 'built-in target: mean service time (or "GET /item=5ms,POST /item=20ms")', serviceTimeFlag, '10ms')
    .flag('--target-queue <n>', 'built-in target: queue bound (default: 2 × the largest concurrency)', (f, r) => numberFlag(f, r, { integer: true, min: 0 }))
    .flag('--distribution <name>', 'built-in target: constant, exponential or lognormal', distributionFlag, 'constant')
    .flag('--load-levels <list>', 'after the concurrency steps: open-model steps at these fractions of the measured maximum, p99 at each (e.g. 50%,80%,95%)', parseLoadLevels)
    .option('--connections-sweep', 'raise concurrent connections 1, 2, 4, … until p99 degrades (§17.5.2) instead of the --concurrency steps')
    .flag('--max-connections <n>', 'connections sweep: the largest level', (f, r) => numberFlag(f, r, { integer: true, min: 1 }), '256')
    .flag('--degrade <factor>', "connections sweep: degraded when p99 exceeds this × the first level's p99 (or errors > 1%)", (f, r) => numberFlag(f, r, { above: 1 }), '2')
    .flag('--payload-sizes <list>', `run the sweep once per response size, e.g. 1KB,10KB,100KB (built-in target: up to 1MB; your own service: with --payload-path)`, bytesListFlag)
    .flag('--payload-path <map>', 'your own service: the path serving each size, e.g. 1KB=/small,10KB=/medium,100KB=/large', payloadPathsFlag)
    .flag('--matrix-workers <list>', 'workers × task matrix of the built-in target: worker counts, e.g. 1,2,4,8,16', integerListFlag)
    .flag('--matrix-service-times <list>', 'workers × task matrix: task sizes, e.g. 1ms,10ms,100ms', durationListFlag)
    .run(async (flags: SweepFlags, command: CapplanCommand) => {
      const format = flags.format as DocFormat;
      const measureMs = flags.stepDuration;
      const warmupMs = flags.warmup;
      const outDir = resolve(flags.outDir ?? join('reports', `sweep-${timestampForFile(new Date())}`));
      const controller = new AbortController();
      const onSignal = () => controller.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        if (flags.matrixWorkers || flags.matrixServiceTimes) {
          await matrixMode(flags, command, { warmupMs, measureMs, outDir, format, signal: controller.signal });
        } else {
          await sweepMode(flags, command, { warmupMs, measureMs, outDir, format, signal: controller.signal });
        }
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      return ExitCode.Ok;
    });
}

interface Common {
  warmupMs: number;
  measureMs: number;
  outDir: string;
  format: DocFormat;
  signal: AbortSignal;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
/** Step lines prefixed with the share done and the ETA (a bar on a terminal, `[k/n · ETA …]` in logs). */
const progressOf = (steps: number, stepMs: number, atMost = false) => stepProgress(steps, stepMs / 1000, !!process.stderr.isTTY, atMost);

async function writeOutputs(outDir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) await writeFileAtomic(join(outDir, name), text);
  log(`wrote ${Object.keys(files).map((n) => join(outDir, n)).join(', ')}`);
}

async function sweepMode(flags: SweepFlags, command: CapplanCommand, c: Common): Promise<void> {
  if (!flags.profile && !flags.target) throw new UsageError('sweep needs --profile FILE or --target URL (or --target builtin)');
  const maxConnections = flags.maxConnections;
  const levels = flags.connectionsSweep ? [maxConnections] : flags.concurrency;
  const loadFractions = flags.loadLevels;
  let slo: SloExpr | undefined;
  if (flags.slo) {
    const parsed = parseSlo(flags.slo);
    if ('error' in parsed) throw new UsageError(`--slo: ${parsed.error}`);
    slo = parsed;
  }
  const names = (flags.endpoints ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  let base: Profile;
  if (flags.profile) {
    if (flags.target !== undefined) targetFlag(flags.target);
    const selected = selectEndpoints(await loadProfile(flags.profile, flags.target ? { target: flags.target } : {}), names);
    if ('unknown' in selected) {
      const list = selected.unknown.map((n) => `"${n}"`).join(', ');
      throw new UsageError(`--endpoints: no endpoint named ${list} in ${selected.source} (it has ${selected.known.join(', ')})`);
    }
    base = selected.profile;
  } else {
    base = adHocProfile(targetFlag(flags.target!, { allowPath: true }), names);
  }

  let builtin: RunningTarget | undefined;
  if (base.target === 'builtin') {
    const fromProfile = base.builtinTarget ?? {};
    const opts = {
      workers: flags.targetWorkers,
      serviceTimeMs: flags.serviceTime,
      queue: flags.targetQueue ?? 2 * Math.max(...levels),
      serviceDistribution: flags.distribution,
    };
    // A profile's builtinTarget applies unless the flags were given explicitly.
    const given = (name: string) => command.getOptionValueSource(name) === 'cli';
    if (fromProfile.workers !== undefined && !given('targetWorkers')) opts.workers = fromProfile.workers;
    if (fromProfile.serviceTimeMs !== undefined && !given('serviceTime')) opts.serviceTimeMs = fromProfile.serviceTimeMs;
    if (fromProfile.queue !== undefined && !given('targetQueue')) opts.queue = fromProfile.queue;
    builtin = await startTarget(opts);
    log(describeTarget(builtin.url, opts));
  }
  const target = builtin?.url ?? base.target;
  if (flags.payloadSizes) {
    try {
      await payloadMode(flags, base, target, builtin, { ...c, slo, levels });
    } finally {
      await builtin?.close();
    }
    return;
  }
  if (flags.payloadPath) throw new UsageError('--payload-path maps the sizes of --payload-sizes to paths; give --payload-sizes too');
  if (flags.connectionsSweep) {
    try {
      await connectionsMode(base, target, maxConnections, flags.degrade, c, builtin);
    } finally {
      await builtin?.close();
    }
    return;
  }
  const plan = planSweep(levels, c.warmupMs, c.measureMs);
  const totalSec = (plan.length * (c.warmupMs + c.measureMs)) / 1000;
  log(`sweep: ${plan.length} steps × (${formatDurationMs(c.warmupMs)} warm-up + ${formatDurationMs(c.measureMs)}) ≈ ${formatDurationMs(totalSec * 1000)} against ${target}`);
  const progress = progressOf(plan.length, c.warmupMs + c.measureMs);
  try {
    const { steps, interrupted } = await runSweep({
      base,
      target,
      steps: plan,
      signal: c.signal,
      builtin,
      onStep: (s) => log(progress(stepLine(s, 'users'))),
    });
    if (steps.length === 0) throw new InterruptedError('sweep interrupted before the first step finished; nothing written');
    const analysis = analyseSweep(steps, slo);
    const doc = sweepDoc(steps, analysis, { target: builtin ? `built-in target (${target})` : target, warmupMs: c.warmupMs, measureMs: c.measureMs });
    let levelsInterrupted = false;
    if (loadFractions && !interrupted) {
      const max = analysis.max.throughput;
      log(`load levels: ${loadFractions.map((f) => formatPercent(f)).join(', ')} of ${formatRate(max)} req/s (open model)`);
      const run = await runLoadLevels(base, target, planLoadLevels(max, loadFractions, c.warmupMs, c.measureMs), c.signal, builtin);
      levelsInterrupted = run.interrupted;
      doc.sections.push(loadLevelsSection(run.steps, max));
      // One overload warning over every step, the concurrency steps' and the load levels'.
      doc.warnings = [...analysis.warnings, ...overloadWarning([...steps.map((s) => s.resources), ...run.steps.map((l) => l.resources)])];
      doc.data = { ...(doc.data as object), loadLevels: run.steps };
    }
    await writeOutputs(c.outDir, {
      'sweep.md': renderDoc(doc, 'md'),
      'capacity-matrix.csv': renderDoc(doc, 'csv'),
      'sweep-points.csv': sweepPointsCsv(steps),
      'sweep.json': renderDoc(doc, 'json'),
    });
    process.stdout.write(renderDoc(doc, c.format));
    if (interrupted || levelsInterrupted) throw new InterruptedError(`sweep interrupted after ${steps.length} of ${plan.length} steps; partial results written to ${c.outDir}`);
  } finally {
    await builtin?.close();
  }
}

async function connectionsMode(base: Profile, target: string, maxConnections: number, factor: number, c: Common, builtin?: RunningTarget): Promise<void> {
  log(`connections sweep: 1, 2, 4, … ${maxConnections} until p99 > ${factor} × the first level's (or errors > 1%), each ${formatDurationMs(c.warmupMs)} + ${formatDurationMs(c.measureMs)}`);
  // It stops after the first degraded level, so the count of levels is an upper bound.
  const progress = progressOf(connectionLevels(maxConnections).length, c.warmupMs + c.measureMs, true);
  const run = await runConnectionsSweep({
    base,
    target,
    maxConnections,
    factor,
    warmupMs: c.warmupMs,
    measureMs: c.measureMs,
    signal: c.signal,
    builtin,
    onStep: (s) => log(progress(stepLine(s, 'connections'))),
  });
  if (!run.verdict) throw new InterruptedError('connections sweep interrupted before the first step finished; nothing written');
  const section = connectionsSection(run.steps, run.verdict);
  const doc: Doc = { title: `Connections sweep of ${target}`, headline: section.notes![0], sections: [section], warnings: overloadWarning(run.steps.map((s) => s.resources)), data: { steps: run.steps, verdict: run.verdict } };
  await writeOutputs(c.outDir, { 'connections.md': renderDoc(doc, 'md'), 'connections.csv': renderDoc(doc, 'csv'), 'connections.json': renderDoc(doc, 'json') });
  process.stdout.write(renderDoc(doc, c.format));
  if (run.interrupted) throw new InterruptedError(`connections sweep interrupted after ${run.steps.length} steps; partial results written to ${c.outDir}`);
}

const stepLine = (s: SweepStep, unit: 'users' | 'connections') =>
  `  ${s.concurrency} ${s.concurrency === 1 ? unit.slice(0, -1) : unit}: ${formatRate(s.total.throughput)} req/s, p99 ${formatValue(s.total.p99Ms, 'ms')}, errors ${s.total.errors}${s.bottleneck ? `, bottleneck ${BOTTLENECK_LABEL[s.bottleneck]}` : ''}`;

/** One sweep per response size (§17.5.2), then the payload capacity matrix. */
async function payloadMode(flags: SweepFlags, base: Profile, target: string, builtin: RunningTarget | undefined, c: Common & { slo?: SloExpr; levels: number[] }): Promise<void> {
  const sizes = flags.payloadSizes!;
  const problems = payloadProblems(sizes, flags.payloadPath, base.target === 'builtin');
  if (problems) {
    const list = (xs: number[]) => xs.map(payloadLabel).join(', ');
    throw new UsageError(
      [
        problems.missingPath.length ? `--payload-path: no path for ${list(problems.missingPath)} (your own service needs SIZE=/path for every size of --payload-sizes, e.g. 1KB=/small)` : '',
        problems.unusedPath.length ? `--payload-path: ${list(problems.unusedPath)} is not in --payload-sizes` : '',
        problems.tooLarge.length ? `--payload-sizes: the built-in target serves at most ${payloadLabel(MAX_PAYLOAD_BYTES)} (got ${list(problems.tooLarge)})` : '',
        problems.pathsForBuiltin ? '--payload-path: the built-in target serves every size itself (GET /item/{id}?size=N); leave --payload-path out' : '',
      ].filter(Boolean).join('\n'),
    );
  }
  const connections = flags.connectionsSweep ? { max: flags.maxConnections, factor: flags.degrade } : undefined;
  const outcomes: PayloadOutcome[] = [];
  let interrupted = false;
  for (const bytes of sizes) {
    if (c.signal.aborted) {
      interrupted = true;
      break;
    }
    log(`payload ${payloadLabel(bytes)}: ${connections ? `connections 1, 2, 4, … ${connections.max}` : `concurrency ${c.levels.join(', ')}`}, each ${formatDurationMs(c.warmupMs)} + ${formatDurationMs(c.measureMs)}`);
    const run = await measureCapacity(payloadProfile(base, bytes, flags.payloadPath), target, bytes, {
      concurrency: c.levels,
      connections,
      loadFractions: flags.loadLevels ?? [],
      warmupMs: c.warmupMs,
      measureMs: c.measureMs,
      slo: c.slo,
      signal: c.signal,
      builtin,
      onStep: (s) => log(stepLine(s, connections ? 'connections' : 'users')),
      onLevels: (max) => log(`  load levels: ${(flags.loadLevels ?? []).map((f) => formatPercent(f)).join(', ')} of ${formatRate(max)} req/s (open model)`),
    });
    if (run.outcome) outcomes.push(run.outcome);
    for (const l of run.outcome?.loadLevels ?? []) log(`  ${formatPercent(l.fraction)}: p99 ${formatValue(l.p99Ms, 'ms')} at ${formatRate(l.throughput)} req/s${l.bottleneck ? `, bottleneck ${BOTTLENECK_LABEL[l.bottleneck]}` : ''}`);
    if (run.interrupted) {
      interrupted = true;
      break;
    }
  }
  if (outcomes.length === 0) throw new InterruptedError('sweep interrupted before the first step finished; nothing written');
  const doc = payloadMatrixDoc(outcomes, { target: builtin ? `built-in target (${target})` : target });
  await writeOutputs(c.outDir, {
    'sweep.md': renderDoc(doc, 'md'),
    'capacity-matrix.md': renderDoc(doc, 'md'),
    'capacity-matrix.csv': renderDoc(doc, 'csv'),
    'sweep.json': renderDoc(doc, 'json'),
    ...Object.fromEntries(outcomes.map((o) => [`sweep-points-${o.bytes}B.csv`, sweepPointsCsv(o.steps)])),
  });
  process.stdout.write(renderDoc(doc, c.format));
  if (interrupted) throw new InterruptedError(`sweep interrupted after ${outcomes.length} of ${sizes.length} payload sizes; partial results written to ${c.outDir}`);
}

async function matrixMode(flags: SweepFlags, command: CapplanCommand, c: Common): Promise<void> {
  if (flags.profile || (flags.target && flags.target !== 'builtin')) {
    throw new UsageError(
      '--matrix-workers/--matrix-service-times measure the built-in target; leave out --profile and --target. ' +
        'For your own service, run one sweep per configuration (capplan sweep --target URL --out-dir reports/<config>) and fit each sweep-points.csv with capplan saturation',
    );
  }
  if (flags.payloadSizes || flags.payloadPath) throw new UsageError('--payload-sizes/--payload-path do not apply to the workers × task matrix; run them as a sweep (without --matrix-workers/--matrix-service-times)');
  if (command.getOptionValueSource('concurrency') === 'cli') throw new UsageError('--concurrency does not apply to the matrix: each cell uses W + max(W, ⌈5 ms × W / task⌉) users');
  const workers = flags.matrixWorkers ?? [1, 2, 4, 8, 16];
  const times = flags.matrixServiceTimes ?? [1, 10, 100];
  log(`matrix: ${workers.length} × ${times.length} cells × (${formatDurationMs(c.warmupMs)} + ${formatDurationMs(c.measureMs)})`);
  const progress = progressOf(workers.length * times.length, c.warmupMs + c.measureMs);
  const { cells, interrupted } = await runWorkerMatrix({
    workers,
    serviceTimesMs: times,
    warmupMs: c.warmupMs,
    measureMs: c.measureMs,
    signal: c.signal,
    onCell: (cell) =>
      log(progress(`${cell.workers} workers × ${formatDurationMs(cell.serviceTimeMs)}: ${formatRate(cell.throughput)} req/s of ${formatRate(cell.nominal)} nominal, p99 ${formatValue(cell.p99Ms, 'ms')}${cell.bottleneck ? `, bottleneck ${BOTTLENECK_LABEL[cell.bottleneck]}` : ''}`)),
  });
  if (cells.length === 0) throw new InterruptedError('matrix interrupted before the first cell finished; nothing written');
  const doc: Doc = workerMatrixDoc(cells, { warmupMs: c.warmupMs, measureMs: c.measureMs });
  await writeOutputs(c.outDir, {
    'capacity-matrix.md': renderDoc(doc, 'md'),
    'capacity-matrix.csv': renderDoc(doc, 'csv'),
    'matrix.json': renderDoc(doc, 'json'),
  });
  process.stdout.write(renderDoc(doc, c.format));
  if (interrupted) throw new InterruptedError(`matrix interrupted after ${cells.length} cells; partial results written to ${c.outDir}`);
}
