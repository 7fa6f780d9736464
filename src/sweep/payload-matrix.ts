/**
 * The capacity matrix of §17.5.2 as a document: payload size × load (the closed-model maximum,
 * p99 at fractions of it, connections before degradation), with who limited each cell.
 * Pure assembly (src/render/document.ts renders it).
 */
import type { Doc, DocTable, Cell } from '../render/document.js';
import { formatPercent } from '../render/format.js';
import { BOTTLENECK_LABEL, overloadWarning, type BottleneckName, type StepResources } from './bottleneck.js';
import type { ConnectionsVerdict } from './connections.js';
import type { LoadLevelStep } from './load-levels.js';
import { payloadLabel } from './payload.js';
import type { SweepAnalysis, SweepStep } from './types.js';

/** Everything measured for one payload size. */
export interface PayloadOutcome {
  /** Response size, bytes. */
  bytes: number;
  /** The closed-model steps: the concurrency levels, or the connections sweep's levels. */
  steps: SweepStep[];
  analysis: SweepAnalysis;
  /** Open-model steps at fractions of the maximum (empty when not asked for). */
  loadLevels: LoadLevelStep[];
  /** The connections sweep's verdict (null when not asked for). */
  connections: ConnectionsVerdict | null;
}

const r1 = (x: number): number => Math.round(x * 10) / 10;
const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const pct = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : r1(x * 100));

/** "8" connections before p99 degrades; "≥ 32" when none degraded; "0" when the first level already did. */
export function connectionsCell(v: ConnectionsVerdict | null, largest: number): string | null {
  if (!v) return null;
  if (!v.firstDegraded) return `≥ ${largest}`;
  return String(v.lastGood?.connections ?? 0);
}

/** The step with the maximum throughput (the analysis names its concurrency). */
function maxStep(o: PayloadOutcome): SweepStep | undefined {
  return o.steps.find((s) => s.concurrency === o.analysis.max.concurrency);
}

function resourceCells(r: StepResources | undefined, b: BottleneckName | undefined): Cell[] {
  return [pct(r?.generatorBusyMax), pct(r?.targetWorkersBusy), pct(r?.targetLoopBusy), r?.processCores == null ? null : r3(r.processCores), r?.targetCpuCores == null ? null : r3(r.targetCpuCores), r ? r1(r.loadAverage) : null, b ? BOTTLENECK_LABEL[b] : null];
}

/** One row per measured cell: payload × (maximum, each load level, the connections answer). */
export function payloadCellsTable(outcomes: readonly PayloadOutcome[]): DocTable {
  const rows: Cell[][] = [];
  for (const o of outcomes) {
    const label = payloadLabel(o.bytes);
    const top = maxStep(o);
    rows.push([o.bytes, label, 'maximum (closed model)', `${o.analysis.max.concurrency} users`, r1(o.analysis.max.throughput), r3(o.analysis.max.p99Ms), top?.total.errors ?? 0, ...resourceCells(top?.resources, top?.bottleneck)]);
    for (const l of o.loadLevels) {
      rows.push([o.bytes, label, `${r1(l.fraction * 100)}% of maximum`, `${r1(l.ratePerSec)} req/s`, r1(l.throughput), r3(l.p99Ms), l.errors, ...resourceCells(l.resources, l.bottleneck)]);
    }
    if (o.connections) {
      const at = o.connections.firstDegraded ?? o.connections.lastGood;
      const step = o.steps.find((s) => s.concurrency === (at?.connections ?? -1));
      const largest = o.steps[o.steps.length - 1]?.concurrency ?? 0;
      rows.push([
        o.bytes, label, `connections before degradation: ${connectionsCell(o.connections, largest)} (${o.connections.firstDegraded ? `p99 degraded at ${o.connections.firstDegraded.connections}` : 'none degraded'})`,
        `${at?.connections ?? 0} connections`, r1(at?.throughput ?? 0), r3(at?.p99Ms ?? 0), step?.total.errors ?? 0,
        ...resourceCells(step?.resources, step?.bottleneck),
      ]);
    }
  }
  return {
    title: 'Every cell, with who limited it',
    columns: ['payload_bytes', 'payload', 'cell', 'load', 'req/s', 'p99 ms', 'errors', 'generator busy %', 'target workers busy %', 'target loop busy %', 'process cores', 'target CPU cores', 'load average', 'bottleneck'],
    rows,
  };
}

/** Payload × {maximum, p99 at each fraction, connections}: the compact view. */
export function payloadSummaryTable(outcomes: readonly PayloadOutcome[]): DocTable {
  const fractions = [...new Set(outcomes.flatMap((o) => o.loadLevels.map((l) => l.fraction)))].sort((a, b) => a - b);
  const withConnections = outcomes.some((o) => o.connections);
  return {
    title: 'Capacity by payload size',
    columns: [
      'payload', 'max req/s', 'at users', 'p99 at max ms',
      ...fractions.map((f) => `p99 at ${r1(f * 100)}% ms`),
      ...(withConnections ? ['connections before degradation'] : []),
      'bottleneck at max',
    ],
    rows: outcomes.map((o) => {
      const top = maxStep(o);
      return [
        payloadLabel(o.bytes), r1(o.analysis.max.throughput), o.analysis.max.concurrency, r3(o.analysis.max.p99Ms),
        ...fractions.map((f) => {
          const l = o.loadLevels.find((x) => x.fraction === f);
          return l ? r3(l.p99Ms) : null;
        }),
        ...(withConnections ? [connectionsCell(o.connections, o.steps[o.steps.length - 1]?.concurrency ?? 0)] : []),
        top?.bottleneck ? BOTTLENECK_LABEL[top.bottleneck] : null,
      ];
    }),
  };
}

/** Cells limited by the load generator or the shared CPU rather than the target. */
function generatorLimited(outcomes: readonly PayloadOutcome[]): string[] {
  const out: string[] = [];
  for (const o of outcomes) {
    const label = payloadLabel(o.bytes);
    const top = maxStep(o);
    if (top?.bottleneck === 'generator' || top?.bottleneck === 'cpu') out.push(`${label} maximum (${BOTTLENECK_LABEL[top.bottleneck]})`);
    for (const l of o.loadLevels) if (l.bottleneck === 'generator' || l.bottleneck === 'cpu') out.push(`${label} at ${formatPercent(l.fraction)} (${BOTTLENECK_LABEL[l.bottleneck]})`);
  }
  return out;
}

/**
 * The payload capacity matrix: the compact table, then every cell with the generator's and the
 * target's busy shares and the bottleneck. `--format csv` writes the cells table.
 */
export function payloadMatrixDoc(outcomes: readonly PayloadOutcome[], context: { target: string }): Doc {
  const limited = generatorLimited(outcomes);
  return {
    title: 'capplan sweep: capacity by payload size (§17.5.2)',
    headline: outcomes.map((o) => `${payloadLabel(o.bytes)}: max ${r1(o.analysis.max.throughput)} req/s`).join(', '),
    sections: [
      {
        notes: [
          `target ${context.target}; one sweep per response size`,
          'bottleneck: target when its workers or its event loop were ≥ 90% busy; GENERATOR when its busiest thread was ≥ 90% busy in at least half the measured seconds; machine CPU when this process used ≥ 90% of the cores; neither when the target was measured and nothing reached its limit; target CPU cores: the CPU of your own service from the monitor of the profile (its /metrics or pid), when it has one; load average: the 1-minute load average of the machine after the step (above its cores, other processes competed for the CPU)',
        ],
        table: payloadSummaryTable(outcomes),
      },
      { table: payloadCellsTable(outcomes) },
    ],
    warnings: [
      ...(limited.length
        ? [`${limited.length} cell(s) were limited by the load generator or the machine's CPU, not the target: ${limited.join(', ')}. Their req/s and p99 describe the generator; run it on more cores or machines to measure the target there`]
        : []),
      ...overloadWarning(outcomes.flatMap((o) => [...o.steps.map((s) => s.resources), ...o.loadLevels.map((l) => l.resources)])),
    ],
    data: { target: context.target, payloads: outcomes },
    csvTableIndex: 1,
  };
}
