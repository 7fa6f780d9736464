import type { CapplanCommand } from '../command.js';
import { ExitCode, InputError, UsageError } from '../../errors.js';
import { readInputText } from '../../input/read-text.js';
import { pickColumn, readCsvTable } from '../../input/csv-table.js';
import { loadProfile } from '../../profile/load.js';
import { buildShape } from '../../shapes/registry.js';
import { renderDoc, csvTable } from '../../render/document.js';
import { emit } from '../../render/output.js';
import { formatBytes, formatValue } from '../../render/format.js';
import { parseFleetFile } from '../../analysis/fleet-schema.js';
import { demandFromProfile, demandFromTable } from '../../analysis/autoscale/demand.js';
import { payloadCapacities, replicaCapacityFrom } from '../../analysis/autoscale/replica-capacity.js';
import { parseHpaBehaviorFile, type HpaBehaviorFile } from '../../analysis/autoscale/hpa-behavior-file.js';
import { resolveBehavior } from '../../analysis/autoscale/hpa-behavior.js';
import { simulateAutoscaling } from '../../analysis/autoscale/simulate.js';
import { autoscaleCsv, autoscaleDoc, compareCsv, compareDoc } from '../../analysis/autoscale/autoscale-doc.js';
import { autoscaleHtml, compareHtml } from '../../analysis/autoscale/autoscale-html.js';
import { compareWithMeasured } from '../../analysis/autoscale/compare.js';
import { z } from 'zod';
import type { AutoscaleInput, Demand, PolicyConfig } from '../../analysis/autoscale/types.js';
import { choiceFlag, durationFlagSec, fractionFlag, numberFlag } from '../flags/values.js';

interface AutoscaleOptions {
  demand?: string;
  profile?: string;
  /** req/s */
  capacity?: number;
  from?: string;
  policy: 'seed' | 'hpa';
  /** Durations in seconds, fractions as fractions. */
  tick: number;
  min?: number;
  max?: number;
  targetUtilisation?: number;
  upCooldown: number;
  downCooldown: number;
  readyDelay: number;
  behavior?: string;
  queuePerReplica?: number;
  serviceTime?: number;
  sloLatency?: number;
  sloObjective: number;
  fleet?: string;
  instanceType?: string;
  compare?: string;
  format: string;
  out?: string;
}

const seconds = (bounds: { min?: number; above?: number }) => (flag: string, raw: string) => durationFlagSec(flag, raw, bounds);
const replicas = (flag: string, raw: string) => numberFlag(flag, raw, { min: 1, integer: true });

/** `capplan autoscale --demand FILE.csv | --profile FILE --capacity R | --from RESULT [--policy seed|hpa] …`. */
export function define(cmd: CapplanCommand): void {
  cmd
    .option('--demand <file.csv>', 'demand series: columns t (seconds from the start, or a timestamp) and rate (req/s); each rate holds until the next row')
    .option('--profile <file>', "demand from a profile's shape (closed model: users ÷ mean think time)")
    .flag('--capacity <perSec>', 'requests per second one replica serves', (f, r) => numberFlag(f, r, { above: 0 }))
    .option('--from <result.json>', 'capacity per replica from a `capplan sweep` or `capplan saturation` JSON')
    .flag('--policy <name>', 'seed (the exercise: double / halve behind cooldowns) or hpa (Kubernetes HPA v2)', (f, r) => choiceFlag(f, r, ['seed', 'hpa'] as const), 'seed')
    .flag('--tick <duration>', 'decision period (the HPA sync period)', seconds({ above: 0 }), '15s')
    .flag('--min <replicas>', 'minimum replicas (default 2, or the HPA manifest’s minReplicas)', replicas)
    .flag('--max <replicas>', 'maximum replicas (default 64, or the HPA manifest’s maxReplicas)', replicas)
    .flag('--target-utilisation <percent>', 'target utilisation (default 70%, or the HPA manifest’s averageUtilization)', (f, r) => fractionFlag(f, r, { above: 0, max: 1 }))
    .flag('--up-cooldown <duration>', 'seed: minimum time since the last scaling before scaling up', seconds({ min: 0 }), '15s')
    .flag('--down-cooldown <duration>', 'seed: minimum time since the last scaling before scaling down', seconds({ min: 0 }), '5m')
    .flag('--ready-delay <duration>', 'time for a new replica to start serving', seconds({ min: 0 }), '0s')
    .option('--behavior <file.yaml>', 'hpa: an HPA manifest, a behavior: block, or scaleUp:/scaleDown: (defaults otherwise)')
    .flag('--queue-per-replica <n>', 'queue bound per ready replica; arrivals beyond it are rejected (default: unbounded)', (f, r) => numberFlag(f, r, { min: 0 }))
    .flag('--service-time <duration>', 'mean service time for the latency prediction (default: 1 / capacity)', seconds({ above: 0 }))
    .flag('--slo-latency <duration>', 'SLO latency threshold for the burn rate (e.g. 200ms)', seconds({ above: 0 }))
    .flag('--slo-objective <percent>', 'SLO objective for the burn rate', (f, r) => fractionFlag(f, r, { above: 0, below: 1 }), '99%')
    .option('--fleet <file.yaml>', 'fleet file: the price per replica-hour (and the capacity, without --capacity/--from)')
    .option('--instance-type <name>', 'instance type in the fleet file (default: its only one)')
    .option('--compare <result.json>', 'replay a `capplan demo --autoscale` run with its seed rule: simulated replicas against measured workers')
    .formatOption(['console', 'md', 'csv', 'json', 'html'], 'console')
    .outOption()
    .run(async (opts: AutoscaleOptions) => {
      if (opts.compare !== undefined) return compareRun(opts.compare, opts);
      const { input, source } = await autoscaleInput(opts);
      const result = simulateAutoscaling(input);
      const doc = autoscaleDoc(result, source);
      const format = opts.format as OutputFormat;
      const text = format === 'html' ? autoscaleHtml(doc, result) : format === 'csv' ? csvTable(autoscaleCsv(result)) : renderDoc(doc, format);
      await emit(text, opts.out);
      const v = result.verdicts;
      if (v.absorbed && v.rejected === 0) return ExitCode.Ok;
      process.stderr.write(`capplan: ${v.absorbed ? `${Math.round(v.rejected)} requests rejected` : 'the overload was not absorbed by the end of the demand'}\n`);
      return ExitCode.ThresholdFailed;
    });
}

type OutputFormat = 'console' | 'md' | 'csv' | 'json' | 'html';

/** Read the files and flags into the simulator's input. Every bad combination is a UsageError (exit 2). */
async function autoscaleInput(opts: AutoscaleOptions): Promise<{ input: AutoscaleInput; source: string }> {
  if ((opts.demand === undefined) === (opts.profile === undefined)) throw new UsageError('give exactly one of --demand FILE.csv and --profile FILE');
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

  const min = opts.min ?? hpaFile?.minReplicas ?? 2;
  const max = opts.max ?? hpaFile?.maxReplicas ?? 64;
  if (max < min) throw new UsageError(`--max (${max}) must be ≥ --min (${min})`);
  const target = opts.targetUtilisation ?? hpaFile?.targetUtilisation ?? 0.7;
  const policy: PolicyConfig =
    opts.policy === 'seed'
      ? { kind: 'seed', targetUtilisation: target, upCooldownSec: opts.upCooldown, downCooldownSec: opts.downCooldown }
      : { kind: 'hpa', targetUtilisation: target, behavior: resolveBehavior(hpaFile?.behavior) };
  const input: AutoscaleInput = {
    demand,
    capacityPerReplicaPerSec: capacity.capacityRps,
    tickSec: opts.tick,
    minReplicas: min,
    maxReplicas: max,
    readyDelaySec: opts.readyDelay,
    policy,
  };
  if (opts.queuePerReplica !== undefined) input.queuePerReplica = opts.queuePerReplica;
  if (opts.serviceTime !== undefined) input.serviceTimeSec = opts.serviceTime;
  if (opts.sloLatency !== undefined) input.slo = { latencySec: opts.sloLatency, objective: opts.sloObjective };
  if (fleet) input.hourlyUsd = fleet.hourlyUsd;
  return { input, source };
}

/** The capacity of one replica: --capacity, --from (sweep / saturation JSON), or the fleet file's type. */
async function replicaCapacity(opts: AutoscaleOptions, fleetCapacity: number | undefined): Promise<{ capacityRps: number; source: string }> {
  if (opts.capacity !== undefined && opts.from !== undefined) throw new UsageError('give one of --capacity and --from');
  if (opts.capacity !== undefined) return { capacityRps: opts.capacity, source: `--capacity ${opts.capacity} req/s` };
  if (opts.from !== undefined) {
    const text = await readInputText(opts.from, 'a sweep or saturation JSON');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new InputError(`not valid JSON (${(err as Error).message}); --from expects a sweep or saturation JSON`, opts.from);
    }
    const measured = replicaCapacityFrom(data, opts.from);
    const perSize = measured ? undefined : payloadCapacities(data);
    if (perSize) {
      const list = perSize.map((p) => `${formatBytes(p.bytes)}: ${formatValue(p.maxThroughput, 'per-sec')}`).join(', ');
      throw new InputError(`a payload sweep holds one capacity per response size (${list}); give the one your traffic has with --capacity R`, opts.from);
    }
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
async function compareRun(file: string, opts: AutoscaleOptions): Promise<ExitCode> {
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
  const format = opts.format as OutputFormat;
  await emit(format === 'html' ? compareHtml(doc, c) : format === 'csv' ? csvTable(compareCsv(c)) : renderDoc(doc, format), opts.out);
  return ExitCode.Ok;
}
