/**
 * The soak verdict as a renderer-neutral document (console, md, csv, json). Pure.
 */
import type { Doc, DocTable } from '../render/document.js';
import type { DriftFinding, MemoryFinding, SoakAnalysis } from './soak.js';
import { formatNumber, formatPercent } from '../render/format.js';

/** What `capplan soak` reports: the analysis plus the inputs that shaped it. */
export interface SoakReport extends SoakAnalysis {
  file: string;
  warmupSec: number;
  maxGrowth: number;
  maxErrorRise: number;
  bucketSec: number;
  memoryLimitBytes?: number;
  /** Scrape failures per source, so a verdict on thin data says why. */
  sources: Array<{ source: string; scrapes: number; failures: number; lastError?: string }>;
}

const MB = 1024 * 1024;
const mb = (b: number | undefined) => (b === undefined ? '' : `${formatNumber(b / MB)} MiB`);
const pct = (f: number | undefined) => (f === undefined ? '' : formatPercent(f));
const dur = (sec: number | undefined) => {
  if (sec === undefined) return '';
  if (!Number.isFinite(sec)) return 'never';
  if (sec < 120) return `${Math.round(sec)} s`;
  if (sec < 7200) return `${formatNumber(sec / 60, 3)} min`;
  if (sec < 172_800) return `${formatNumber(sec / 3600, 3)} h`;
  return `${formatNumber(sec / 86_400, 3)} d`;
};
const icon = (v: string) => (v === 'flat' ? '✅ flat' : v === 'inconclusive' ? '❔ inconclusive' : `❌ ${v}`);

/** One column per field; the source column only when the series come from more than one source (else it is a note). */
function memoryTable(r: SoakReport, oneSource: boolean): DocTable {
  const limit = r.memoryLimitBytes !== undefined;
  return {
    columns: ['series', ...(oneSource ? [] : ['source']), 'verdict', 'growth', '95% CI', 'slope / h', 'floor at start', ...(limit ? ['reaches limit in'] : [])],
    rows: r.memory.map((m: MemoryFinding) => [
      m.name,
      ...(oneSource ? [] : [m.source]),
      icon(m.verdict),
      pct(m.growth),
      m.growthLow === undefined ? '' : `${pct(m.growthLow)} .. ${pct(m.growthHigh)}`,
      m.slopePerHour === undefined ? '' : mb(m.slopePerHour),
      mb(m.startLevel),
      ...(limit ? [m.secondsToLimit === undefined ? '' : `${dur(m.secondsToLimit)} (${dur(m.secondsToLimitLow)} .. ${dur(m.secondsToLimitHigh)})`] : []),
    ]),
  };
}

function driftRow(d: DriftFinding, unit: 'ms' | 'pp') {
  const v = (x: number | undefined) => (x === undefined ? '' : unit === 'ms' ? pct(x) : `${formatNumber(x * 100)} pp`);
  const slope = d.slopePerHour === undefined ? '' : unit === 'ms' ? `${formatNumber(d.slopePerHour)} ms` : `${formatNumber(d.slopePerHour * 100)} pp`;
  return [d.name, icon(d.verdict), v(d.growth), d.growthLow === undefined ? '' : `${v(d.growthLow)} .. ${v(d.growthHigh)}`, slope];
}

/** Build the document. The headline says pass or fail and why. */
export function soakDoc(r: SoakReport): Doc {
  const bad = r.memory.filter((m) => m.verdict !== 'flat');
  const headline = r.memory.length === 0
    ? '❌ no memory series to judge: monitor the target (--monitor URL or --monitor-pid) during the run'
    : r.pass
      ? `✅ memory flat: ${r.memory.length === 1 ? 'the series stays' : `all ${r.memory.length} series stay`} within ${pct(r.maxGrowth)} growth over the steady state`
      : `❌ ${bad.map((m) => `${m.name} ${m.verdict}`).join(', ')}`;
  const failing = r.sources.filter((s) => s.failures > 0);
  const sources = [...new Set(r.memory.map((m) => m.source))];
  const oneSource = sources.length <= 1;
  return {
    title: `capplan soak: ${r.file}`,
    headline,
    warnings: failing.map((s) => `${s.failures} of ${s.scrapes} scrapes of ${s.source} failed${s.lastError ? ` (last: ${s.lastError})` : ''}`),
    sections: [
      {
        heading: 'Memory (post-GC floor, Theil–Sen with 95% CI)',
        notes: [
          `steady state after a ${r.warmupSec} s warm-up; growth = slope × steady-state length / floor at its start; bound ${pct(r.maxGrowth)}`,
          ...(oneSource && sources.length ? [`source: ${sources[0]}`] : []),
        ],
        table: memoryTable(r, oneSource),
        after: r.memory.map((m) => `${m.name}: ${m.reason}`),
      },
      {
        heading: `Client side (per ${r.bucketSec} s)`,
        notes: [`p99 bound ${pct(r.maxGrowth)} growth; error-rate bound ${formatNumber(r.maxErrorRise * 100)} pp rise (informational: the exit code follows memory)`],
        table: { columns: ['series', 'verdict', 'change', '95% CI', 'slope / h'], rows: [driftRow(r.p99, 'ms'), driftRow(r.errorRate, 'pp')] },
        after: [r.p99, r.errorRate].map((d) => `${d.name}: ${d.reason}`),
      },
    ],
    data: r,
  };
}
