/**
 * Fleet cost model: monthly cost, utilisation at peak, resilience (losing one instance,
 * losing one zone) and cost per million requests, for explicit candidate fleets or for the
 * smallest fleet of each instance type. Pure: no I/O.
 *
 * For a fleet of `count` instances of one type:
 *   monthly cost      = count × hourlyUsd × hoursPerMonth
 *   capacity          = count × capacityRps
 *   utilisation       = peakRps / capacity;   headroom = 1 − utilisation
 *   meets target      ⇔ utilisation ≤ targetUtilization
 *   N+1 (lose one)    ⇔ peakRps ≤ (count − 1) × capacityRps, at utilisation peakRps / ((count − 1) × capacityRps)
 *   zone loss         ⇔ peakRps ≤ (count − ⌈count / zones⌉) × capacityRps   (instances spread evenly)
 *   $/million req     = monthly cost / (rps × 3600 × hoursPerMonth / 10⁶)
 *   with margin m     = monthly cost × (1 + m)   (variable costs such as network traffic)
 */
import { formatNumber, formatPercent, THOUSANDS_SEPARATOR } from '../render/format.js';

/** One instance type: price and the rate one instance sustains. */
export interface InstanceType {
  name: string;
  vcpu?: number;
  memoryGiB?: number;
  /** USD per instance-hour. */
  hourlyUsd: number;
  /** Requests per second one instance sustains (measured, e.g. by `capplan sweep`). */
  capacityRps: number;
  /** Where capacityRps was measured, when it came from a file (shown in the report). */
  capacitySource?: string;
}

/** A fleet: `count` instances of the type named `type`. */
export interface FleetCandidate {
  type: string;
  count: number;
}

/** Everything the cost model needs (a validated fleet file plus options). */
export interface CostInput {
  /** Hours billed per month (default in the file: 730). */
  hoursPerMonth: number;
  /** Peak load, requests per second. */
  peakRps: number;
  /** Where peakRps came from when it was not given directly (e.g. a forecast), for the report. */
  peakSource?: string;
  /** Average load, requests per second, for the average cost per million requests. */
  averageRps?: number;
  /** Highest acceptable utilisation at peak, a fraction (0.75 = 75 %). */
  targetUtilization: number;
  /** Availability zones the instances are spread over evenly (for the zone-loss check). */
  zones?: number;
  instanceTypes: InstanceType[];
  /** Explicit fleets; when absent the model sizes each type. */
  candidates?: FleetCandidate[];
  /** Margin range for variable costs, fractions (0.2–0.3 = +20–30 %). */
  margin?: { low: number; high: number };
}

/** The result of losing capacity: does the rest carry the peak, and how busy is it. */
export interface LossCheck {
  /** Instances lost. */
  lost: number;
  /** Capacity left, rps. */
  capacityRps: number;
  /** peakRps / capacity left (∞ when nothing is left). */
  utilization: number;
  survives: boolean;
}

/** One fleet, evaluated. */
export interface FleetEvaluation {
  /** "A", "B", … for candidates in file order; the type name for sized fleets. */
  label: string;
  type: string;
  count: number;
  /** USD per month. */
  monthlyUsd: number;
  /** Monthly cost with the margin range applied, when a margin is given. */
  monthlyWithMarginUsd?: { low: number; high: number };
  capacityRps: number;
  utilization: number;
  headroom: number;
  meetsTarget: boolean;
  nPlusOne: LossCheck;
  zoneLoss?: LossCheck;
  /** USD per million requests served at the peak rate all month. */
  costPerMillionAtPeak: number;
  /** USD per million requests at the average rate, when averageRps is given. */
  costPerMillionAtAverage?: number;
  vcpuTotal?: number;
  memoryGiBTotal?: number;
}

/** Smallest fleets of one type. */
export interface TypeSizing {
  type: string;
  /** Smallest count with utilisation ≤ target: ⌈peak / (target × capacity)⌉. */
  minForTarget: number;
  /** Smallest count meeting the target and surviving one instance loss: max(minForTarget, ⌈peak / capacity⌉ + 1). */
  minForTargetAndNPlusOne: number;
  /** Smallest count meeting the target, N+1 and the loss of one zone (when zones are given). */
  minForTargetAndZoneLoss?: number;
}

/** The recommended fleet and why. */
export interface Recommendation {
  /** The recommended fleet, or undefined when no candidate qualifies. */
  fleet?: FleetEvaluation;
  /** One or two sentences weighing cost against resilience. */
  reason: string;
}

/** The cost model's answer. */
export interface CostReport {
  input: CostInput;
  /** Candidates when given, else the smallest N+1 fleet of each type. */
  fleets: FleetEvaluation[];
  /** Whether `fleets` are the file's candidates or sized by the model. */
  fleetsFrom: 'candidates' | 'sizing';
  sizing: TypeSizing[];
  recommendation: Recommendation;
}

const EPS = 1e-9;

/** ⌈x⌉ tolerant of floating-point noise (5000 / (0.75 × 1000) must not become 7.000000001 → 8). */
function ceilSafe(x: number): number {
  return Math.ceil(x - EPS);
}

function lossCheck(t: InstanceType, count: number, lost: number, peakRps: number): LossCheck {
  const capacityRps = Math.max(0, count - lost) * t.capacityRps;
  const utilization = capacityRps > 0 ? peakRps / capacityRps : Infinity;
  return { lost, capacityRps, utilization, survives: peakRps <= capacityRps * (1 + EPS) };
}

/** Evaluate one fleet of `count` instances of type `t` (formulas in the module comment). */
export function evaluateFleet(input: CostInput, t: InstanceType, count: number, label: string): FleetEvaluation {
  const { hoursPerMonth, peakRps, averageRps, targetUtilization, zones, margin } = input;
  const monthlyUsd = count * t.hourlyUsd * hoursPerMonth;
  const capacityRps = count * t.capacityRps;
  const utilization = peakRps / capacityRps;
  const perMillion = (rps: number): number => monthlyUsd / ((rps * 3600 * hoursPerMonth) / 1e6);
  const ev: FleetEvaluation = {
    label,
    type: t.name,
    count,
    monthlyUsd,
    capacityRps,
    utilization,
    headroom: 1 - utilization,
    meetsTarget: utilization <= targetUtilization * (1 + EPS),
    nPlusOne: lossCheck(t, count, 1, peakRps),
    costPerMillionAtPeak: perMillion(peakRps),
  };
  if (margin) ev.monthlyWithMarginUsd = { low: monthlyUsd * (1 + margin.low), high: monthlyUsd * (1 + margin.high) };
  if (zones !== undefined) ev.zoneLoss = lossCheck(t, count, Math.ceil(count / zones), peakRps);
  if (averageRps !== undefined) ev.costPerMillionAtAverage = perMillion(averageRps);
  if (t.vcpu !== undefined) ev.vcpuTotal = count * t.vcpu;
  if (t.memoryGiB !== undefined) ev.memoryGiBTotal = count * t.memoryGiB;
  return ev;
}

/** Smallest counts of one type for the target, N+1 and (with zones) zone loss. */
export function sizeType(input: CostInput, t: InstanceType): TypeSizing {
  const minForTarget = Math.max(1, ceilSafe(input.peakRps / (input.targetUtilization * t.capacityRps)));
  const minForTargetAndNPlusOne = Math.max(minForTarget, ceilSafe(input.peakRps / t.capacityRps) + 1);
  const sizing: TypeSizing = { type: t.name, minForTarget, minForTargetAndNPlusOne };
  if (input.zones !== undefined) {
    // Survivors after losing a zone: count − ⌈count/z⌉ = ⌊count·(z − 1)/z⌋, never decreasing in count.
    // Needing n = ⌈peak/capacity⌉ survivors: ⌊count·(z − 1)/z⌋ ≥ n ⇔ count ≥ n·z/(z − 1), so
    // count = ⌈n·z/(z − 1)⌉; the check then walks the last steps exactly (a few, whatever the peak).
    const z = input.zones;
    const closedForm = Math.ceil((ceilSafe(input.peakRps / t.capacityRps) * z) / (z - 1));
    let c = Math.max(minForTargetAndNPlusOne, closedForm - 2);
    while (!lossCheck(t, c, Math.ceil(c / z), input.peakRps).survives) c++;
    sizing.minForTargetAndZoneLoss = c;
  }
  return sizing;
}

/** Evaluate the candidates (or size every type), and recommend a fleet. Candidate types must exist in `instanceTypes`. */
export function costModel(input: CostInput): CostReport {
  const byName = new Map(input.instanceTypes.map((t) => [t.name, t]));
  const typeOf = (name: string): InstanceType => {
    const t = byName.get(name);
    if (!t) throw new Error(`costModel: unknown instance type "${name}"`);
    return t;
  };
  const sizing = input.instanceTypes.map((t) => sizeType(input, t));
  const fromCandidates = input.candidates !== undefined && input.candidates.length > 0;
  const fleets = fromCandidates
    ? input.candidates!.map((c, i) => evaluateFleet(input, typeOf(c.type), c.count, candidateLabel(i)))
    : sizing.map((s) => evaluateFleet(input, typeOf(s.type), s.minForTargetAndNPlusOne, s.type));
  return {
    input,
    fleets,
    fleetsFrom: fromCandidates ? 'candidates' : 'sizing',
    sizing,
    recommendation: recommend(input, fleets, sizing),
  };
}

/** "A".."Z", then "AA", "AB", … */
export function candidateLabel(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : candidateLabel(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));
}

/**
 * Cheapest fleet that meets the target utilisation and survives losing one instance.
 * Ties on cost go to the lower utilisation after losing one instance (more resilient),
 * then to surviving a zone loss, then to fewer instances (less to operate).
 */
function recommend(input: CostInput, fleets: FleetEvaluation[], sizing: TypeSizing[]): Recommendation {
  const pct = (x: number): string => formatPercent(x);
  const name = (f: FleetEvaluation): string => (f.label === f.type ? `${f.count} × ${f.type}` : `${f.label} (${f.count} × ${f.type})`);
  const rps = (x: number): string => `${formatNumber(x)} rps`;
  const eligible = fleets.filter((f) => f.meetsTarget && f.nPlusOne.survives);
  const zoneNote = zoneSentence(input, fleets, sizing);
  if (eligible.length === 0) {
    const best = cheapestSized(input, sizing, 'minForTargetAndNPlusOne');
    return {
      reason:
        `No fleet meets the ${pct(input.targetUtilization)} target and survives losing one instance. ` +
        `The cheapest that would is ${best.count} × ${best.type} at ${usd(best.monthlyUsd)}/month.${zoneNote}`,
    };
  }
  const sorted = [...eligible].sort(
    (a, b) =>
      cmpCost(a.monthlyUsd, b.monthlyUsd) ||
      a.nPlusOne.utilization - b.nPlusOne.utilization ||
      Number(b.zoneLoss?.survives ?? false) - Number(a.zoneLoss?.survives ?? false) ||
      a.count - b.count,
  );
  const best = sorted[0];
  const ties = sorted.filter((f) => f !== best && cmpCost(f.monthlyUsd, best.monthlyUsd) === 0);
  const rejected = fleets.filter((f) => !eligible.includes(f));
  let reason =
    `${name(best)} is the cheapest fleet at ${usd(best.monthlyUsd)}/month that meets the ${pct(input.targetUtilization)} target ` +
    `(${pct(best.utilization)} at ${rps(input.peakRps)}) and survives losing one instance (then ${pct(best.nPlusOne.utilization)}).`;
  if (ties.length) {
    reason +=
      ` ${ties.map(name).join(' and ')} cost${ties.length === 1 ? 's' : ''} the same; ${best.label === best.type ? name(best) : best.label} wins on resilience: after losing one instance it runs at ` +
      `${pct(best.nPlusOne.utilization)} versus ${ties.map((t) => pct(t.nPlusOne.utilization)).join(' / ')}` +
      `${best.nPlusOne.utilization <= input.targetUtilization ? ', still within the target' : ''}.`;
  }
  if (rejected.length) {
    reason += ` ${rejected
      .map((f) =>
        !f.meetsTarget
          ? `${name(f)} runs at ${pct(f.utilization)}, over the target`
          : `${name(f)} does not survive losing one instance (${rps(f.nPlusOne.capacityRps)} left for a ${rps(input.peakRps)} peak)`,
      )
      .join('; ')}.`;
  }
  const cheaper = cheapestSized(input, sizing, 'minForTargetAndNPlusOne');
  if (cmpCost(cheaper.monthlyUsd, best.monthlyUsd) < 0) {
    reason += ` Cheaper than every candidate: ${cheaper.count} × ${cheaper.type} at ${usd(cheaper.monthlyUsd)}/month also meets the target and survives losing one instance.`;
  }
  return { fleet: best, reason: reason + zoneNote };
}

/** A sentence about zone loss, when zones are given and a chosen fleet does not survive it. */
function zoneSentence(input: CostInput, fleets: FleetEvaluation[], sizing: TypeSizing[]): string {
  if (input.zones === undefined) return '';
  const surviving = fleets.filter((f) => f.zoneLoss?.survives && f.meetsTarget);
  if (surviving.length) return ` Fleets that also survive losing one of ${input.zones} zones: ${surviving.map((f) => f.label).join(', ')}.`;
  const best = cheapestSized(input, sizing, 'minForTargetAndZoneLoss');
  return ` None of these survives losing one of ${input.zones} zones; the cheapest that would is ${best.count} × ${best.type} at ${usd(best.monthlyUsd)}/month.`;
}

function cheapestSized(input: CostInput, sizing: TypeSizing[], key: 'minForTargetAndNPlusOne' | 'minForTargetAndZoneLoss'): { type: string; count: number; monthlyUsd: number } {
  const options = sizing.map((s) => {
    const t = input.instanceTypes.find((x) => x.name === s.type)!;
    const count = s[key] ?? s.minForTargetAndNPlusOne;
    return { type: s.type, count, monthlyUsd: count * t.hourlyUsd * input.hoursPerMonth };
  });
  return options.sort((a, b) => cmpCost(a.monthlyUsd, b.monthlyUsd) || a.count - b.count)[0];
}

/** Compare costs to the cent (equal when they differ by less than half a cent). */
function cmpCost(a: number, b: number): number {
  return Math.abs(a - b) < 0.005 ? 0 : a - b;
}

/** `$979.20`, `$12 345.60`: to the cent, with the thousands separator every other number has. */
export function usd(x: number): string {
  return `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace(/,/g, THOUSANDS_SEPARATOR)}`;
}

/**
 * Numbers in a cost report that cannot be defended: instance counts above 2⁵³ (no longer exact integers)
 * and money, capacity or utilisation that overflowed to ±∞ or NaN. One sentence each; empty when all is well.
 */
export function indefensibleFigures(report: CostReport): string[] {
  const problems: string[] = [];
  const countOk = (n: number) => Number.isSafeInteger(n);
  for (const s of report.sizing) {
    const counts = [s.minForTarget, s.minForTargetAndNPlusOne, s.minForTargetAndZoneLoss].filter((n): n is number => n !== undefined);
    if (!counts.every(countOk)) problems.push(`${s.type}: the fleet needs more than ${Number.MAX_SAFE_INTEGER} instances (peakRps / capacityRps is too large to size)`);
  }
  for (const f of report.fleets) {
    const money = [f.monthlyUsd, f.capacityRps, f.utilization, f.costPerMillionAtPeak, f.monthlyWithMarginUsd?.low, f.monthlyWithMarginUsd?.high];
    if (!countOk(f.count) || !money.every((v) => v === undefined || Number.isFinite(v))) {
      problems.push(`fleet ${f.label} (${f.type}): its monthly cost or capacity is not a finite number (peakRps, hourlyUsd or capacityRps too large)`);
    }
  }
  return problems;
}
