import type { Command } from 'commander';
import { InputError, ThresholdFailedError, UsageError } from '../../errors.js';
import { readInputText } from '../../input/read-text.js';
import { pickColumn, readCsvTable } from '../../input/csv-table.js';
import { loadProfile } from '../../profile/load.js';
import { buildShape } from '../../shapes/registry.js';
import { parseDocFormat, renderDoc, csvTable } from '../../render/document.js';
import { emit } from '../../render/output.js';
import { parseFleetFile } from '../../analysis/fleet-schema.js';
import { demandFromProfile, demandFromTable } from '../../analysis/autoscale/demand.js';
import { replicaCapacityFrom } from '../../analysis/autoscale/replica-capacity.js';
import { parseHpaBehaviorFile, type HpaBehaviorFile } from '../../analysis/autoscale/hpa-behavior-file.js';
import { resolveBehavior } from '../../analysis/autoscale/hpa-behavior.js';
import { simulateAutoscaling } from '../../analysis/autoscale/simulate.js';
import { autoscaleCsv, autoscaleDoc, compareCsv, compareDoc } from '../../analysis/autoscale/autoscale-doc.js';
import { autoscaleHtml, compareHtml } from '../../analysis/autoscale/autoscale-html.js';
import { compareWithMeasured } from '../../analysis/autoscale/compare.js';
import { z } from 'zod';
import type { AutoscaleInput, Demand, PolicyConfig } from '../../analysis/autoscale/types.js';
import { durationFlagSec, fractionFlag, numberFlag } from '../analysis-flags.js';

interface AutoscaleOptions {
  demand?: string;
  profile?: string;
  capacity?: string;
  from?: string;
  policy: string;
  tick: string;
  min?: string;
  max?: string;
  targetUtilisation?: string;
  upCooldown: string;
  downCooldown: string;
  readyDelay: string;
  behavior?: string;
  queuePerReplica?: string;
  serviceTime?: string;
  sloLatency?: string;
  sloObjective: string;
  fleet?: string;
  instanceType?: string;
  compare?: string;
  format: string;
  out?: string;
}

/** `capplan autoscale --demand FILE.csv | --profile FILE --capacity R | --from RESULT [--policy seed|hpa] …`. */
export function define(cmd: Command): void {
  cmd
    .option('--demand <file.csv>', 'demand series: columns t (seconds from the start, or a timestamp) and rate (req/s); each rate holds until the next row')
    .option('--profile <file>', "demand from a profile's shape (closed model: users ÷ mean think time)")
    .option('--capacity <perSec>', 'requests per second one replica serves')
    .option('--from <result.json>', 'capacity per replica from a `capplan sweep` or `capplan saturation` JSON')
    .option('--policy <name>', 'seed (the exercise: double / halve behind cooldowns) or hpa (Kubernetes HPA v2)', 'seed')
    .option('--tick <duration>', 'decision period (the HPA sync period)', '15s')
    .option('--min <replicas>', 'minimum replicas (default 2, or the HPA manifest’s minReplicas)')
    .option('--max <replicas>', 'maximum replicas (default 64, or the HPA manifest’s maxReplicas)')
    .option('--target-utilisation <percent>', 'target utilisation (default 70%, or the HPA manifest’s averageUtilization)')
    .option('--up-cooldown <duration>', 'seed: minimum time since the last scaling before scaling up', '15s')
    .option('--down-cooldown <duration>', 'seed: minimum time since the last scaling before scaling down', '5m')
    .option('--ready-delay <duration>', 'time for a new replica to start serving', '0s')
    .option('--behavior <file.yaml>', 'hpa: an HPA manifest, a behavior: block, or scaleUp:/scaleDown: (defaults otherwise)')
    .option('--queue-per-replica <n>', 'queue bound per ready replica; arrivals beyond it are rejected (default: unbounded)')
    .option('--service-time <duration>', 'mean service time for the latency prediction (default: 1 / capacity)')
    .option('--slo-latency <duration>', 'SLO latency threshold for the burn rate (e.g. 200ms)')
    .option('--slo-objective <percent>', 'SLO objective for the burn rate', '99%')
    .option('--fleet <file.yaml>', 'fleet file: the price per replica-hour (and the capacity, without --capacity/--from)')
    .option('--instance-type <name>', 'instance type in the fleet file (default: its only one)')
    .option('--compare <result.json>', 'replay a `capplan demo --autoscale` run with its seed rule: simulated replicas against measured workers')
    .option('-f, --format <format>', 'console, md, csv, json or html', 'console')
    .option('-o, --out <file>', 'write to this file (atomically) instead of stdout')
    .action(async (opts: AutoscaleOptions) => {
      if (opts.compare !== undefined) return compareRun(opts.compare, opts);
      const { input, source } = await autoscaleInput(opts);
      const result = simulateAutoscaling(input);
      const doc = autoscaleDoc(result, source);
      const format = outputFormat(opts.format);
      const text = format === 'html' ? autoscaleHtml(doc, result) : format === 'csv' ? csvTable(autoscaleCsv(result)) : renderDoc(doc, format);
      await emit(text, opts.out);
      const v = result.verdicts;
      if (!v.absorbed || v.rejected > 0) {
        throw new ThresholdFailedError(v.absorbed ? `${Math.round(v.rejected)} requests rejected` : 'the overload was not absorbed by the end of the demand');
      }
    });
}

/** Read the files and flags into the simulator's input. Every bad flag is a UsageError (exit 2). */
async function autoscaleInput(opts: AutoscaleOptions): Promise<{ input: AutoscaleInput; source: string }> {
  if ((opts.demand === undefined) === (opts.profile === undefined)) throw new UsageError('give exactly one of --demand FILE.csv and --profile FILE');
  if (opts.policy !== 'seed' && opts.policy !== 'hpa') throw new UsageError(`--policy must be seed or hpa (got "${opts.policy}")`);
  if (opts.behavior !== undefined && opts.policy !== 'hpa') throw new UsageError('--behavior applies to --policy hpa');
  const hpaFile: HpaBehaviorFile | undefined = opts.behavior !== undefined ? parseHpaBehaviorFile(await readInputText(opts.behavior, 'an HPA manifest or behavior: block (YAML)'), opts.behavior) : undefined;

  let demand: Demand;
  let source: string;
  if (opts.demand !== undefined) {
    const table = await readCsvTable(opts.demand);
    demand = demandFromTable(table, pickColumn(table, undefined, ['t', 'time', 'timestamp'], '--demand'), pickColumn(table, undefined, ['rate', 'rps'], '--demand'));
    source = `${opts.demand} (each rate held until the next row)`;
  } else {
    const profile = await loadProfile(opts.profile!);
    if (profile.model === 'closed' && !(profile.thinkTime.minMs + profile.thinkTime.maxMs > 0)) {
      throw new InputError('a closed-model profile without think time has no request rate to simulate; give --demand FILE.csv', opts.profile!);
    }
    const d = demandFromProfile(buildShape(profile.shape), profile.model, profile.thinkTime);
    demand = d.demand;
    source = `${opts.profile}: ${d.note}`;
  }
  if (!(demand.durationSec > 0)) throw new InputError('the demand series is empty (zero duration)', opts.demand ?? opts.profile!);

  const fleet = opts.fleet !== undefined ? await fleetPrice(opts.fleet, opts.instanceType) : undefined;
  const capacity = await replicaCapacity(opts, fleet?.capacityRps);
  source += `; capacity per replica: ${capacity.source}`;

  const min = opts.min !== undefined ? numberFlag('--min', opts.min, { min: 1, integer: true }) : hpaFile?.minReplicas ?? 2;
  const max = opts.max !== undefined ? numberFlag('--max', opts.max, { min: 1, integer: true }) : hpaFile?.maxReplicas ?? 64;
  if (max < min) throw new UsageError(`--max (${max}) must be ≥ --min (${min})`);
  const target = opts.targetUtilisation !== undefined ? fractionFlag('--target-utilisation', opts.targetUtilisation, { above: 0, max: 1 }) : hpaFile?.targetUtilisation ?? 0.7;
  const policy: PolicyConfig =
    opts.policy === 'seed'
      ? {
          kind: 'seed',
          targetUtilisation: target,
          upCooldownSec: durationFlagSec('--up-cooldown', opts.upCooldown, { min: 0 }),
          downCooldownSec: durationFlagSec('--down-cooldown', opts.downCooldown, { min: 0 }),
        }
      : { kind: 'hpa', targetUtilisation: target, behavior: resolveBehavior(hpaFile?.behavior) };
  const input: AutoscaleInput = {
    demand,
    capacityPerReplicaPerSec: capacity.capacityRps,
    tickSec: durationFlagSec('--tick', opts.tick, { above: 0 }),
    minReplicas: min,
    maxReplicas: max,
    readyDelaySec: durationFlagSec('--ready-delay', opts.readyDelay, { min: 0 }),
    policy,
  };
  if (opts.queuePerReplica !== undefined) input.queuePerReplica = numberFlag('--queue-per-replica', opts.queuePerReplica, { min: 0 });
  if (opts.serviceTime !== undefined) input.serviceTimeSec = durationFlagSec('--service-time', opts.serviceTime, { above: 0 });
  if (opts.sloLatency !== undefined) {
    input.slo = { latencySec: durationFlagSec('--slo-latency', opts.sloLatency, { above: 0 }), objective: fractionFlag('--slo-objective', opts.sloObjective, { above: 0, below: 1 }) };
  }
  if (fleet) input.hourlyUsd = fleet.hourlyUsd;
  return { input, source };
}

/** The capacity of one replica: --capacity, --from (sweep / saturation JSON), or the fleet file's type. */
async function replicaCapacity(opts: AutoscaleOptions, fleetCapacity: number | undefined): Promise<{ capacityRps: number; source: string }> {
  if (opts.capacity !== undefined && opts.from !== undefined) throw new UsageError('give one of --capacity and --from');
  if (opts.capacity !== undefined) return { capacityRps: numberFlag('--capacity', opts.capacity, { above: 0 }), source: `--capacity ${opts.capacity} req/s` };
  if (opts.from !== undefined) {
    const text = await readInputText(opts.from, 'a sweep or saturation JSON');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new InputError(`not valid JSON (${(err as Error).message}); --from expects a sweep or saturation JSON`, opts.from);
    }
    const measured = replicaCapacityFrom(data, opts.from);
    if (!measured) throw new InputError('neither a sweep JSON (analysis.max) nor a saturation JSON (fit.fitted); write one with --format json', opts.from);
    if (!(measured.capacityRps > 0)) throw new InputError('no throughput measured in this file', opts.from);
    return measured;
  }
  if (fleetCapacity !== undefined) return { capacityRps: fleetCapacity, source: `capacityRps of the instance type in ${opts.fleet}` };
  throw new UsageError('give the capacity per replica: --capacity R (req/s), --from SWEEP_OR_SATURATION.json, or --fleet with capacityRps');
}

/** Price (and capacity) of one instance type of a fleet file. */
async function fleetPrice(file: string, typeName: string | undefined): Promise<{ hourlyUsd: number; capacityRps?: number }> {
  const fleet = parseFleetFile(await readInputText(file, 'a fleet .yaml (see profiles/fleet.yaml)'), file);
  const names = fleet.instanceTypes.map((t) => t.name);
  if (typeName === undefined && names.length > 1) throw new UsageError(`--instance-type: ${file} has ${names.length} types; name one of ${names.join(', ')}`);
  const t = typeName === undefined ? fleet.instanceTypes[0] : fleet.instanceTypes.find((x) => x.name === typeName);
  if (!t) throw new UsageError(`--instance-type: no type "${typeName}" in ${file}; the types are ${names.join(', ')}`);
  return { hourlyUsd: t.hourlyUsd, ...(t.capacityRps !== undefined ? { capacityRps: t.capacityRps } : {}) };
}

/** console, md, csv, json or html. */
function outputFormat(raw: string): 'console' | 'md' | 'csv' | 'json' | 'html' {
  return raw === 'html' ? 'html' : parseDocFormat(raw, ['console', 'md', 'csv', 'json', 'html']);
}

/** What `demo --autoscale` adds to its result file. */
const resultAutoscaleSchema = z.object({
  config: z.object({
    minWorkers: z.number().int().min(1),
    maxWorkers: z.number().int().min(1),
    targetUtilisation: z.number().positive(),
    upCooldownSec: z.number().min(0),
    downCooldownSec: z.number().min(0),
    tickSec: z.number().positive(),
  }),
  serviceTimeMs: z.number().positive(),
  samples: z.array(z.object({ tSec: z.number(), workers: z.number().int(), utilisation: z.number(), demandPerSec: z.number().min(0) })).min(1),
});

/** `--compare RESULT.json`: the live ticks `demo --autoscale` recorded, replayed through the simulator. */
async function compareRun(file: string, opts: AutoscaleOptions): Promise<void> {
  for (const flag of ['demand', 'profile', 'capacity', 'from', 'behavior'] as const) {
    if (opts[flag] !== undefined) throw new UsageError(`--compare takes the demand, capacity and rule from the result file; drop --${flag}`);
  }
  if (opts.policy !== 'seed') throw new UsageError('--compare replays the target\'s own rule (the seed rule); drop --policy');
  const text = await readInputText(file, 'a result file written by capplan demo --autoscale');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message})`, file);
  }
  const raw = (data as { autoscale?: unknown } | null)?.autoscale;
  if (raw === undefined) throw new InputError('no auto-scaler ticks in this result; record a run with `capplan demo --autoscale`', file);
  const parsed = resultAutoscaleSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(`autoscale: ${parsed.error.issues.map((i) => `${['autoscale', ...i.path].join('.')}: ${i.message}`).join('; ')}`, file);
  }
  const { config, serviceTimeMs, samples } = parsed.data;
  // Only the ticks of the run itself (t ≥ 0), not the idle seconds before the load started.
  const ticks = samples.filter((x) => x.tSec >= 0);
  if (!ticks.length) throw new InputError('no auto-scaler tick falls inside the run', file);
  const c = compareWithMeasured(ticks, { ...config, serviceTimeMs });
  const doc = compareDoc(c, file);
  const format = outputFormat(opts.format);
  await emit(format === 'html' ? compareHtml(doc, c) : format === 'csv' ? csvTable(compareCsv(c)) : renderDoc(doc, format), opts.out);
}
