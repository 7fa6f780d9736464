/**
 * Render an auto-scaling simulation as a renderer-neutral `Doc`: the verdict headline, the policy
 * and its formula, the verdicts, and the ticks. {@link autoscaleCsv} is the machine-readable
 * per-tick table for `--format csv`; `data` (JSON) is the typed result with `ticks[]`.
 */
import type { Cell, Doc, DocSection, DocTable } from '../../render/document.js';
import { formatNumber as num } from '../../render/format.js';
import { usd } from '../cost.js';
import { csvNumber } from '../csv-cells.js';
import type { HpaScalingRules } from './hpa-behavior.js';
import type { AutoscaleResult, PolicyConfig } from './types.js';
import type { AutoscaleComparison } from './compare.js';

const pct = (x: number): string => (Number.isFinite(x) ? `${Number((x * 100).toPrecision(3))}%` : 'n/a');
const sec = (x: number): string => `${num(x, 3)} s`;
const ms = (x: number): string => (Number.isFinite(x) ? `${num(x * 1000, 3)} ms` : '∞');

/** One line naming the policy and its parameters. */
export function policyLine(p: PolicyConfig): string {
  if (p.kind === 'seed') {
    return `seed rule: target ${pct(p.targetUtilisation)}, up-cooldown ${p.upCooldownSec} s, down-cooldown ${p.downCooldownSec} s`;
  }
  const rules = (r: HpaScalingRules): string =>
    `window ${r.stabilizationWindowSeconds} s, ${r.selectPolicy === 'Disabled' ? 'disabled' : `${r.selectPolicy} of ${r.policies.map((x) => `${x.value}${x.type === 'Percent' ? '%' : ' pods'}/${x.periodSeconds} s`).join(', ')}`}, tolerance ${r.tolerance}`;
  return `Kubernetes HPA v2: target ${pct(p.targetUtilisation)}; scaleUp ${rules(p.behavior.scaleUp)}; scaleDown ${rules(p.behavior.scaleDown)}`;
}

/** The verdict in one line. */
export function autoscaleHeadline(r: AutoscaleResult): string {
  const v = r.verdicts;
  const spike = v.spike
    ? v.spike.durationSec !== undefined
      ? `the spike was absorbed in ${sec(v.spike.durationSec)} (from ${sec(v.spike.startSec)})`
      : `the overload from ${sec(v.spike.startSec)} was not absorbed by the end`
    : 'demand never outran the ready capacity';
  const ok = v.absorbed && v.rejected === 0;
  const saving = v.fixedFleetReplicaHours > 0 ? ` (${pct(v.replicaHours / v.fixedFleetReplicaHours)} of a fixed fleet of ${v.fixedFleetReplicas})` : '';
  return `${ok ? '✅' : '❌'} ${spike}; peak backlog ${num(v.peakBacklog, 4)}, ${num(v.rejected, 4)} rejected; ${num(v.replicaHours, 4)} replica-hours${saving}`;
}

/** Build the document for `capplan autoscale`. */
export function autoscaleDoc(r: AutoscaleResult, source: string): Doc {
  const v = r.verdicts;
  const hasSlo = r.ticks.some((t) => t.sloBurn !== undefined);
  const hasCost = v.costUsd !== undefined;
  const inputs: DocSection = {
    heading: 'Inputs and formulas',
    notes: [
      `demand: ${source}; ${sec(r.durationSec)}, peak ${num(v.peakDemandPerSec)} req/s`,
      `capacity per replica ${num(r.capacityPerReplicaPerSec)} req/s; replicas ${r.minReplicas}..${r.maxReplicas}; tick ${r.tickSec} s; ready delay ${r.readyDelaySec} s` +
        (r.queuePerReplica !== undefined ? `; queue bound ${r.queuePerReplica} per ready replica` : '; unbounded queue'),
      policyLine(r.policy),
      r.policy.kind === 'seed'
        ? 'u = demand / (replicas × capacity); u > target and t − lastScale ≥ up-cooldown → min(2 × replicas, max); u < target / 2 and t − lastScale ≥ down-cooldown → max(⌊replicas / 2⌋, min)'
        : 'desired = ⌈ready × u / target⌉ (u over ready replicas; not-ready ones count 0 % on a scale-up; |u / target − 1| ≤ tolerance → no change), stabilised over the windows, limited by the policies per period',
      'backlog: fluid queue, backlog′ = backlog + arrivals − min(backlog + arrivals, ready × capacity × Δt); latency = M/M/c mean response over the ready servers, or S + backlog / (ready × capacity) while a backlog waits',
    ],
  };
  const verdictRows: Cell[][] = [
    ['time to absorb the spike', v.spike ? (v.spike.durationSec !== undefined ? sec(v.spike.durationSec) : 'not absorbed') : '0 s (no overload)'],
    ['peak backlog', num(v.peakBacklog, 6)],
    ['rejected', `${num(v.rejected, 6)} of ${num(v.arrivals, 6)}`],
    ['scale-ups / scale-downs', `${v.scaleUps} / ${v.scaleDowns}`],
    ['flapping', v.flaps.length ? `${v.flaps.length} reversal pair(s) within ${v.flapWindowSec} s, first at ${sec(v.flaps[0].startSec)}` : `none within ${v.flapWindowSec} s`],
    ['peak replicas', v.peakReplicas],
    ['replica-hours', num(v.replicaHours, 4)],
    ['fixed fleet for the peak', `${v.fixedFleetReplicas} replicas = ⌈${num(v.peakDemandPerSec)} / (${pct(r.policy.targetUtilisation)} × ${num(r.capacityPerReplicaPerSec)})⌉, ${num(v.fixedFleetReplicaHours, 4)} replica-hours`],
    ...(hasCost ? [['cost vs fixed fleet', `${usd(v.costUsd!)} vs ${usd(v.fixedFleetCostUsd!)}`] as Cell[]] : []),
    ...(v.sloBudgetBurn !== undefined ? [['SLO error budget burnt', `${num(v.sloBudgetBurn, 3)}× (peak tick ${num(v.peakSloBurn!, 3)}×)`] as Cell[]] : []),
  ];
  const ticks: DocTable = {
    columns: ['t', 'demand req/s', 'replicas', 'ready', 'action', 'utilisation', 'backlog', 'rejected', 'latency', ...(hasSlo ? ['SLO burn'] : []), ...(hasCost ? ['cost'] : [])],
    rows: r.ticks.map((t) => [
      sec(t.tSec),
      num(t.demand),
      t.replicas,
      t.readyReplicas,
      t.action === 'hold' ? '' : `${t.action}: ${t.reason}`,
      pct(t.utilisation),
      num(t.backlog, 6),
      num(t.rejected, 6),
      ms(t.latencySec),
      ...(hasSlo ? [num(t.sloBurn ?? 0, 3)] : []),
      ...(hasCost ? [usd(t.costUsd ?? 0)] : []),
    ]),
  };
  return {
    title: `Auto-scaling simulation (${r.policy.kind === 'seed' ? 'seed rule' : 'Kubernetes HPA'})`,
    headline: autoscaleHeadline(r),
    warnings: [...v.warnings, ...(v.flaps.length ? [`flapping: the direction reversed twice within ${v.flapWindowSec} s (${v.flaps.length}×)`] : [])],
    sections: [inputs, { heading: 'Verdicts', table: { columns: ['verdict', 'value'], rows: verdictRows } }, { heading: 'Ticks', table: ticks }],
    data: r,
  };
}

/** The per-tick table for `--format csv`: raw numbers, snake_case headers. */
export function autoscaleCsv(r: AutoscaleResult): DocTable {
  return {
    columns: ['t_sec', 'demand', 'replicas', 'ready_replicas', 'action', 'metric', 'utilisation', 'backlog', 'rejected', 'latency_sec', 'slo_burn', 'cost_usd'],
    rows: r.ticks.map((t) => [
      t.tSec,
      csvNumber(t.demand),
      t.replicas,
      t.readyReplicas,
      t.action,
      csvNumber(t.metric),
      csvNumber(t.utilisation),
      csvNumber(t.backlog),
      csvNumber(t.rejected),
      csvNumber(t.latencySec),
      csvNumber(t.sloBurn),
      csvNumber(t.costUsd),
    ]),
  };
}

/** The document of `autoscale --compare`: simulated replicas against the measured workers. */
export function compareDoc(c: AutoscaleComparison, file: string): Doc {
  const up = (x?: number) => (x === undefined ? 'never' : sec(x));
  return {
    title: 'Auto-scaling: simulated against measured',
    headline: `simulated = measured on ${pct(c.agreement)} of ${c.rows.length} ticks; mean |error| ${num(c.meanAbsError, 3)} workers (max ${c.maxAbsError}); peak ${c.peakMeasured} measured, ${c.peakSimulated} simulated; first scale-up ${up(c.firstScaleUpMeasuredSec)} measured, ${up(c.firstScaleUpSimulatedSec)} simulated`,
    sections: [
      {
        heading: 'Method',
        notes: [
          `live run: ${file}; ${policyLine(c.simulation.policy)}; tick ${c.simulation.tickSec} s; ${num(c.simulation.capacityPerReplicaPerSec)} req/s per worker`,
          'the replay holds, over each tick, the offered rate the target measured over the tick before, so the simulator decides on the number the live scaler saw; the live timer jitter is not replayed',
          'error = simulated − measured workers; agreement = ticks with error 0',
        ],
      },
      {
        heading: 'Ticks',
        table: {
          columns: ['t', 'offered req/s', 'measured workers', 'simulated', 'error'],
          rows: c.rows.map((r) => [sec(r.tSec), num(r.demand), r.measured, r.simulated, r.error]),
        },
      },
    ],
    data: c,
  };
}

/** Per-tick CSV of the comparison. */
export function compareCsv(c: AutoscaleComparison): DocTable {
  return {
    columns: ['t_sec', 'demand', 'measured', 'simulated', 'error'],
    rows: c.rows.map((r) => [csvNumber(r.tSec), csvNumber(r.demand), r.measured, r.simulated, r.error]),
  };
}
