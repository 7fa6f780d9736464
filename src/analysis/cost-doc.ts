/**
 * Render the cost model as a renderer-neutral `Doc`: inputs and formulas, one calculation
 * line per fleet with its numbers, the fleets in two narrow tables (cost; capacity and
 * resilience), the sizing table and the recommendation. {@link costCsv} is the machine-readable
 * table for `--format csv`, built from the typed report.
 */
import { formatNumber as num } from '../render/format.js';
import { type Doc, type DocSection, type DocTable } from '../render/document.js';
import { usd, type CostReport, type FleetEvaluation, type LossCheck } from './cost.js';
import { csvNumber } from './csv-cells.js';

/** Build the document for `capplan cost`. `data` is the typed report. */
export function costDoc(file: string, report: CostReport): Doc {
  const { input, fleets, sizing, recommendation } = report;
  const margin = input.margin;
  const rec = recommendation.fleet;
  const headline = rec
    ? `Recommended: ${fleetName(rec)} at ${usd(rec.monthlyUsd)}/month${rec.monthlyWithMarginUsd ? ` (${usdRange(rec.monthlyWithMarginUsd)} with a ${marginText(margin!)} margin)` : ''}`
    : 'No fleet qualifies: see the recommendation';
  const inputs: DocSection = {
    heading: 'Inputs and formulas',
    notes: [
      ...(input.peakSource ? [`peak = ${input.peakSource}`] : []),
      ...input.instanceTypes.flatMap((t) => (t.capacitySource ? [`${t.name} capacity = ${t.capacitySource}: ${num(t.capacityRps)} rps`] : [])),
      `peak ${num(input.peakRps)} rps${input.averageRps !== undefined ? `, average ${num(input.averageRps)} rps` : ''}; ${num(input.hoursPerMonth)} h/month; target utilisation ${pct(input.targetUtilization)}${input.zones !== undefined ? `; instances spread evenly over ${input.zones} zones` : ''}`,
      'monthly cost = count × hourlyUsd × hoursPerMonth; capacity = count × capacityRps; utilisation = peakRps / capacity; headroom = 1 − utilisation',
      'survives losing one instance ⇔ peakRps ≤ (count − 1) × capacityRps' +
        (input.zones !== undefined ? '; survives losing one zone ⇔ peakRps ≤ (count − ⌈count / zones⌉) × capacityRps' : ''),
      '$/M req = $ per million requests = monthly cost / (rps × 3600 × hoursPerMonth / 1e6)' + (margin ? `; with margin = monthly cost × (1 + ${marginText(margin)})` : ''),
    ],
  };
  // Sized fleets are labelled by their type: one column "8 × c5.xlarge" instead of "c5.xlarge | 8 × c5.xlarge".
  const sized = report.fleetsFrom === 'sizing';
  const fleetCells = (f: FleetEvaluation): string[] => (sized ? [`${f.count} × ${f.type}`] : [f.label, `${f.count} × ${f.type}`]);
  const fleetColumns = sized ? ['fleet'] : ['fleet', 'instances'];
  const calc: DocSection = {
    heading: report.fleetsFrom === 'candidates' ? 'Candidate fleets' : 'Smallest fleet of each type that meets the target and survives losing one instance',
    notes: fleets.map((f) => calculationLine(report, f)),
    table: {
      title: 'Cost',
      columns: [
        ...fleetColumns,
        'vCPU',
        'GiB',
        '$/month',
        ...(margin ? [`$/month +${marginText(margin)}`] : []),
        '$/M req peak',
        ...(input.averageRps !== undefined ? ['$/M req avg'] : []),
      ],
      rows: fleets.map((f) => [
        ...fleetCells(f),
        f.vcpuTotal ?? '',
        f.memoryGiBTotal ?? '',
        usd(f.monthlyUsd),
        ...(f.monthlyWithMarginUsd ? [usdRange(f.monthlyWithMarginUsd)] : []),
        money4(f.costPerMillionAtPeak),
        ...(f.costPerMillionAtAverage !== undefined ? [money4(f.costPerMillionAtAverage)] : []),
      ]),
    },
  };
  // Headroom (1 − utilisation) is left to the csv and json: the table stays narrow.
  const resilience: DocSection = {
    table: {
      title: 'Capacity and resilience',
      columns: ['fleet', 'capacity rps', 'utilisation', 'meets target', 'lose 1 instance', ...(input.zones !== undefined ? ['lose 1 zone'] : [])],
      rows: fleets.map((f) => [
        f.label,
        f.capacityRps,
        pct(f.utilization),
        f.meetsTarget ? 'yes' : 'no',
        loss(f.nPlusOne),
        ...(f.zoneLoss ? [loss(f.zoneLoss)] : []),
      ]),
    },
  };
  const sizingSection: DocSection = {
    heading: 'Sizing per instance type',
    notes: [
      `smallest count (monthly cost) that meets the target: count ≥ ⌈peakRps / (target × capacityRps)⌉; + survives losing 1 instance: count ≥ ⌈peakRps / capacityRps⌉ + 1${input.zones !== undefined ? '; + survives losing 1 zone: smallest count with (count − ⌈count / zones⌉) × capacityRps ≥ peakRps' : ''}`,
    ],
    table: {
      columns: ['type', '$/hour', 'capacity rps', 'target ($/month)', '+ lose 1 instance', ...(input.zones !== undefined ? ['+ lose 1 zone'] : [])],
      rows: sizing.map((s) => {
        const t = input.instanceTypes.find((x) => x.name === s.type)!;
        const cell = (count: number): string => `${count} (${usd(count * t.hourlyUsd * input.hoursPerMonth)})`;
        return [
          s.type,
          t.hourlyUsd,
          t.capacityRps,
          cell(s.minForTarget),
          cell(s.minForTargetAndNPlusOne),
          ...(s.minForTargetAndZoneLoss !== undefined ? [cell(s.minForTargetAndZoneLoss)] : []),
        ];
      }),
    },
  };
  return {
    title: `Cost: ${file}`,
    headline,
    sections: [inputs, calc, resilience, sizingSection, { heading: 'Recommendation', notes: [recommendation.reason] }],
    data: report,
  };
}

/**
 * The fleets for `--format csv`: one row per fleet, snake_case headers, raw numbers
 * (USD, rps, utilisation as a fraction; empty for ∞ or absent), booleans as true/false.
 */
export function costCsv(report: CostReport): DocTable {
  const { input, fleets, recommendation } = report;
  const margin = input.margin !== undefined;
  const zones = input.zones !== undefined;
  const average = input.averageRps !== undefined;
  return {
    columns: [
      'fleet',
      'type',
      'count',
      'vcpu',
      'memory_gib',
      'monthly_usd',
      ...(margin ? ['monthly_with_margin_low_usd', 'monthly_with_margin_high_usd'] : []),
      'capacity_rps',
      'utilization',
      'headroom',
      'meets_target',
      'survives_instance_loss',
      'utilization_after_instance_loss',
      ...(zones ? ['survives_zone_loss', 'utilization_after_zone_loss'] : []),
      'usd_per_million_at_peak',
      ...(average ? ['usd_per_million_at_average'] : []),
      'recommended',
    ],
    rows: fleets.map((f) => [
      f.label,
      f.type,
      f.count,
      csvNumber(f.vcpuTotal),
      csvNumber(f.memoryGiBTotal),
      csvNumber(f.monthlyUsd),
      ...(margin ? [csvNumber(f.monthlyWithMarginUsd?.low), csvNumber(f.monthlyWithMarginUsd?.high)] : []),
      csvNumber(f.capacityRps),
      csvNumber(f.utilization),
      csvNumber(f.headroom),
      f.meetsTarget,
      f.nPlusOne.survives,
      csvNumber(f.nPlusOne.utilization),
      ...(zones ? [f.zoneLoss?.survives ?? '', csvNumber(f.zoneLoss?.utilization)] : []),
      csvNumber(f.costPerMillionAtPeak),
      ...(average ? [csvNumber(f.costPerMillionAtAverage)] : []),
      recommendation.fleet === f,
    ]),
  };
}

function calculationLine(report: CostReport, f: FleetEvaluation): string {
  const { input } = report;
  const t = input.instanceTypes.find((x) => x.name === f.type)!;
  const parts = [
    `${f.label}: ${f.count} × $${t.hourlyUsd} × ${num(input.hoursPerMonth)} h = ${usd(f.monthlyUsd)}/month`,
    `capacity ${f.count} × ${num(t.capacityRps)} = ${num(f.capacityRps)} rps`,
    `utilisation ${num(input.peakRps)}/${num(f.capacityRps)} = ${pct(f.utilization)}`,
    `lose one: ${num(input.peakRps)}/(${f.count - 1} × ${num(t.capacityRps)}) = ${pct(f.nPlusOne.utilization)} (${f.nPlusOne.survives ? 'survives' : 'fails'})`,
  ];
  if (f.zoneLoss) {
    parts.push(`lose a zone (${f.zoneLoss.lost} of ${f.count}): ${num(input.peakRps)}/(${f.count - f.zoneLoss.lost} × ${num(t.capacityRps)}) = ${pct(f.zoneLoss.utilization)} (${f.zoneLoss.survives ? 'survives' : 'fails'})`);
  }
  parts.push(`$/M = ${num(f.monthlyUsd)}/(${num(input.peakRps)} × 3600 × ${num(input.hoursPerMonth)}/1e6) = ${money4(f.costPerMillionAtPeak)}`);
  return parts.join('; ');
}

function fleetName(f: FleetEvaluation): string {
  return f.label === f.type ? `${f.count} × ${f.type}` : `${f.label} (${f.count} × ${f.type})`;
}

function loss(l: LossCheck): string {
  return `${l.survives ? 'yes' : 'no'} (${pct(l.utilization)})`;
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${num(x * 100, 3)}%` : '∞';
}

function money4(x: number): string {
  return `$${x.toFixed(4)}`;
}

/** `$1,175.04–$1,272.96`, or one value when the margin is a single value. */
function usdRange(r: { low: number; high: number }): string {
  return r.low === r.high ? usd(r.low) : `${usd(r.low)}–${usd(r.high)}`;
}

function marginText(m: { low: number; high: number }): string {
  return m.low === m.high ? `${num(m.low * 100)}%` : `${num(m.low * 100)}–${num(m.high * 100)}%`;
}
