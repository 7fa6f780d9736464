import type { CapplanCommand } from '../command.js';
import { ExitCode, UsageError } from '../../errors.js';
import { littlesLaw, type LittlesLawResult } from '../../analysis/littles-law.js';
import { spikeBacklog, type SpikeBacklogResult } from '../../analysis/spike-backlog.js';
import { MAX_OFFERED_LOAD_ERLANGS, minServersFor, mmc, type MmcResult } from '../../analysis/erlang.js';
import { DOC_FORMATS, type Doc, type DocSection } from '../../render/document.js';
import { emitAnalysisDoc, num, pct, secs } from '../analysis-output.js';
import { durationFlagSec, fractionFlag, multiplierFlag, numberFlag } from '../flags/values.js';
import { planQueueVerify } from '../../analysis/queue-verify-plan.js';
import { verifyQueue } from '../../verify/queue-verify.js';
import { queueVerifyReport, queueVerifySection, type QueueVerifyReport } from '../../verify/queue-verify-doc.js';

interface QueueOptions {
  rate?: string;
  serviceTime?: string;
  servers?: string;
  spike?: string;
  spikeDuration?: string;
  capacity?: string;
  margin?: string;
  targetWait?: string;
  targetLevel?: string;
  verify?: boolean;
  format: string;
  out?: string;
}

/** The typed answer of `capplan queue` (what `--format json` prints). */
export interface QueueReport {
  littlesLaw: LittlesLawResult;
  spike?: SpikeBacklogResult;
  erlangC?: MmcResult;
  verify?: QueueVerifyReport;
}

/** Parsed `capplan queue` inputs, in seconds and per-second rates. */
export interface QueueInputs {
  ratePerSec: number;
  serviceTimeSec: number;
  servers?: number;
  spike?: { multiplier: number; durationSec: number; capacityPerSec?: number; margin: number };
  target?: { waitSec: number; level: number };
}

/** `capplan queue --rate R --service-time S [--servers c] [--spike 2x --spike-duration 5s ...] [--target-wait 20ms]`. */
export function define(cmd: CapplanCommand): void {
  cmd
    .option('--rate <perSec>', 'arrival rate λ in requests per second (e.g. 1000, 1.5k)')
    .option('--service-time <duration>', 'mean service time S (e.g. 10ms, 1.5s)')
    .option('--servers <c>', 'parallel servers (workers, connections): utilisation and Erlang C (M/M/c)')
    .option('--spike <multiplier>', 'spike size as a multiple of the rate (e.g. 2x)')
    .option('--spike-duration <duration>', 'spike length (e.g. 5s, 30s)')
    .option('--capacity <perSec>', 'capacity R in requests per second during the spike (default: the base rate)')
    .option('--margin <percent>', 'safety margin on the recommended queue size (e.g. 10%)', '0%')
    .option('--target-wait <duration>', 'Erlang C: target queueing wait t for the service level P(wait ≤ t)')
    .option('--target-level <percent>', 'Erlang C: required service level (with --target-wait)', '80%')
    .option('--verify', 'check the recommended queue live: the built-in target with these servers, service time and queue, driven with this spike; then a queue 20% smaller')
    .formatOption(DOC_FORMATS, 'console')
    .outOption()
    .run(async (opts: QueueOptions, command: CapplanCommand) => {
      const inputs = parseQueueOptions(opts, command.getOptionValueSource('targetLevel') === 'cli');
      const report = computeQueue(inputs);
      if (opts.verify) return verifyAndEmit(inputs, report, opts);
      await emitAnalysisDoc(queueDoc(inputs, report), opts.format, opts.out);
      return ExitCode.Ok;
    });
}

/** Validate the flags (UsageError naming the flag, exit 2). */
export function parseQueueOptions(opts: QueueOptions, targetLevelGiven = false): QueueInputs {
  if (opts.rate === undefined) throw new UsageError('--rate is required (arrival rate in requests per second, e.g. --rate 1000)');
  if (opts.serviceTime === undefined) throw new UsageError('--service-time is required (mean service time, e.g. --service-time 10ms)');
  const inputs: QueueInputs = {
    ratePerSec: numberFlag('--rate', opts.rate, { above: 0 }),
    serviceTimeSec: durationFlagSec('--service-time', opts.serviceTime, { above: 0 }),
  };
  if (opts.servers !== undefined) inputs.servers = numberFlag('--servers', opts.servers, { min: 1, integer: true });
  if ((opts.spike === undefined) !== (opts.spikeDuration === undefined)) {
    throw new UsageError('--spike and --spike-duration go together (e.g. --spike 2x --spike-duration 5s)');
  }
  if (opts.spike !== undefined && opts.spikeDuration !== undefined) {
    inputs.spike = {
      multiplier: multiplierFlag('--spike', opts.spike, { above: 0 }),
      durationSec: durationFlagSec('--spike-duration', opts.spikeDuration, { min: 0 }),
      capacityPerSec: opts.capacity === undefined ? undefined : numberFlag('--capacity', opts.capacity, { above: 0 }),
      margin: fractionFlag('--margin', opts.margin ?? '0%', { min: 0 }),
    };
  } else if (opts.capacity !== undefined) {
    throw new UsageError('--capacity applies to a spike: add --spike and --spike-duration');
  }
  const offeredLoad = inputs.ratePerSec * inputs.serviceTimeSec;
  if (!(offeredLoad <= MAX_OFFERED_LOAD_ERLANGS)) {
    throw new UsageError(
      `--rate × --service-time: expected an offered load of at most ${num(MAX_OFFERED_LOAD_ERLANGS)} Erlangs (got ${num(offeredLoad)}); split the load over independent pools`,
    );
  }
  if (opts.targetWait !== undefined) {
    inputs.target = {
      waitSec: durationFlagSec('--target-wait', opts.targetWait, { min: 0 }),
      level: fractionFlag('--target-level', opts.targetLevel ?? '80%', { above: 0, below: 1 }),
    };
  } else if (targetLevelGiven) {
    throw new UsageError('--target-level needs --target-wait (e.g. --target-wait 20ms --target-level 80%)');
  }
  return inputs;
}

/** Run the pure analyses the inputs ask for. */
export function computeQueue(inputs: QueueInputs): QueueReport {
  const { ratePerSec, serviceTimeSec } = inputs;
  const report: QueueReport = { littlesLaw: littlesLaw({ ratePerSec, timeInSystemSec: serviceTimeSec, servers: inputs.servers }) };
  if (inputs.spike) {
    report.spike = spikeBacklog({
      baseRatePerSec: ratePerSec,
      serviceTimeSec,
      spikeMultiplier: inputs.spike.multiplier,
      spikeDurationSec: inputs.spike.durationSec,
      capacityPerSec: inputs.spike.capacityPerSec,
      margin: inputs.spike.margin,
    });
  }
  if (inputs.servers !== undefined || inputs.target) {
    // Without --servers, size the pool: the smallest c meeting the target.
    const servers = inputs.servers ?? minServersFor(ratePerSec * serviceTimeSec, serviceTimeSec, inputs.target!.waitSec, inputs.target!.level);
    report.erlangC = mmc({ ratePerSec, serviceTimeSec, servers, targetWaitSec: inputs.target?.waitSec, targetLevel: inputs.target?.level });
  }
  return report;
}

const rate = (x: number) => `${num(x)}/s`;

/** Build the document: each section shows its formulas with the numbers substituted. */
export function queueDoc(inputs: QueueInputs, report: QueueReport): Doc {
  const warnings: string[] = [];
  // With an Erlang C section, that section reports instability (once).
  const sections: DocSection[] = [littleSection(report.littlesLaw, report.erlangC ? [] : warnings, report.erlangC !== undefined)];
  if (report.spike) sections.push(spikeSection(report.spike, report.littlesLaw, warnings));
  if (report.erlangC) sections.push(erlangSection(report.erlangC, inputs.servers === undefined, warnings));
  return {
    title: 'capplan queue',
    headline: headline(report),
    sections,
    warnings,
    data: report,
  };
}

function headline(r: QueueReport): string {
  if (r.spike && r.spike.headroomPerSec < 0) {
    // R − λ < 0: the queue grows by λ − R items a second even without the spike, so no finite size holds it
    const s = r.spike;
    return `no bounded queue suffices: capacity R = ${rate(s.capacityPerSec)} < base rate λ = ${rate(s.baseRatePerSec)}, the queue grows by ${num(-s.headroomPerSec)} items/s without end`;
  }
  if (r.spike) return `recommended bounded queue: ${num(r.spike.recommendedQueueSize)} items`;
  if (r.erlangC?.target) return `${r.erlangC.target.minServers} servers meet P(wait ≤ ${secs(r.erlangC.target.waitSec)}) ≥ ${pct(r.erlangC.target.level)}`;
  return `L = ${num(r.littlesLaw.inSystem)} items in the system`;
}

/**
 * Little's Law with W = S, the service time alone. With an Erlang C section beside it (which adds the
 * queueing wait: W = W_q + S) the rows say so, so the two sections never show two different "L" and "W".
 */
function littleSection(l: LittlesLawResult, warnings: string[], withErlang: boolean): DocSection {
  const notes = withErlang
    ? [
        `L = λ × S = ${rate(l.ratePerSec)} × ${secs(l.timeInSystemSec)} = ${num(l.inSystem)} items in service (W = S: the service time alone, no queueing wait)`,
        'the Erlang C section below adds the queueing wait W_q: W = W_q + S and L = λ·W there',
      ]
    : [`L = λ × W = ${rate(l.ratePerSec)} × ${secs(l.timeInSystemSec)} = ${num(l.inSystem)} items in the system`];
  const rows: Array<[string, string, number, string]> = withErlang
    ? [
        ['arrival rate', 'λ', l.ratePerSec, 'req/s'],
        ['service time (no wait)', 'S', l.timeInSystemSec * 1000, 'ms'],
        ['items in service', 'λ·S', l.inSystem, 'items'],
      ]
    : [
        ['arrival rate', 'λ', l.ratePerSec, 'req/s'],
        ['time in system', 'W', l.timeInSystemSec * 1000, 'ms'],
        ['items in system', 'L', l.inSystem, 'items'],
      ];
  if (l.servers !== undefined && l.utilisation !== undefined) {
    notes.push(`ρ = λ × S / c = ${rate(l.ratePerSec)} × ${secs(l.timeInSystemSec)} / ${l.servers} = ${num(l.utilisation)}`);
    rows.push(['servers', 'c', l.servers, 'servers'], ['utilisation', 'ρ', l.utilisation, 'fraction']);
    if (!l.stable) warnings.push(`ρ = ${num(l.utilisation)} ≥ 1: unstable — arrivals outpace ${l.servers} servers and the queue grows without bound`);
  }
  return { heading: "Little's Law", notes, table: { columns: ['quantity', 'symbol', 'value', 'unit'], rows } };
}

function spikeSection(s: SpikeBacklogResult, l: LittlesLawResult, warnings: string[]): DocSection {
  const capNote = s.capacityDefaulted ? ' (default: sized for the base rate λ)' : '';
  const drain =
    s.backlog === 0
      ? 'T = 0 (no backlog)'
      : `T = B / (R − λ) = ${num(s.backlog)} / (${num(s.capacityPerSec)} − ${num(s.baseRatePerSec)}) = ${secs(s.drainTimeSec)}`;
  const notes = [
    `spike rate = m × λ = ${num(s.spikeMultiplier)} × ${rate(s.baseRatePerSec)} = ${rate(s.spikeRatePerSec)}; capacity R = ${rate(s.capacityPerSec)}${capNote}`,
    `excess = max(0, m·λ − R) = max(0, ${num(s.spikeRatePerSec)} − ${num(s.capacityPerSec)}) = ${rate(s.excessRatePerSec)}`,
    `backlog B = excess × d = ${rate(s.excessRatePerSec)} × ${secs(s.spikeDurationSec)} = ${num(s.backlog)} items`,
    `peak P = L + B = ${num(l.inSystem)} + ${num(s.backlog)} = ${num(s.peakInSystem)} items`,
    `queue Q = ⌈P × (1 + margin)⌉ = ⌈${num(s.peakInSystem)} × ${num(1 + s.margin)}⌉ = ${num(s.recommendedQueueSize)} items (rounded up: ${num(s.roughQueueSize)})`,
    `drain ${drain}`,
    `worst extra wait ΔW = B / R = ${num(s.backlog)} / ${rate(s.capacityPerSec)} = ${secs(s.worstExtraWaitSec)}`,
  ];
  if (s.headroomPerSec < 0) {
    warnings.push(`capacity R = ${rate(s.capacityPerSec)} < base rate λ = ${rate(s.baseRatePerSec)}: the queue grows without end, spike or not; the sizes below hold only at the spike's end; give --capacity above the base rate`);
  } else if (s.backlog > 0 && !Number.isFinite(s.drainTimeSec)) {
    warnings.push(`capacity R = ${rate(s.capacityPerSec)} ≤ base rate λ = ${rate(s.baseRatePerSec)}: the spike backlog never drains; give --capacity above the base rate`);
  }
  const rows: Array<[string, string, number, string]> = [
    ['spike rate', 'm·λ', s.spikeRatePerSec, 'req/s'],
    ['capacity', 'R', s.capacityPerSec, 'req/s'],
    ['excess arrivals', 'max(0, m·λ − R)', s.excessRatePerSec, 'req/s'],
    ['steady items', 'L', s.steadyInSystem, 'items'],
    ['spike backlog', 'B', s.backlog, 'items'],
    ['peak items', 'P = L + B', s.peakInSystem, 'items'],
    ['recommended queue size', `⌈P × ${num(1 + s.margin)}⌉`, s.recommendedQueueSize, 'items'],
    ['rounded up', '≥ Q', s.roughQueueSize, 'items'],
    ['drain time', 'B / (R − λ)', s.drainTimeSec, 's'],
    ['worst extra wait', 'B / R', s.worstExtraWaitSec, 's'],
  ];
  return {
    heading: `Spike backlog (${num(s.spikeMultiplier)}× for ${secs(s.spikeDurationSec)})`,
    notes,
    table: { columns: ['quantity', 'symbol', 'value', 'unit'], rows },
  };
}

function erlangSection(e: MmcResult, sized: boolean, warnings: string[]): DocSection {
  const { servers: c, offeredLoad: a, serviceTimeSec: s } = e;
  const notes = [
    `A = λ × S = ${rate(e.ratePerSec)} × ${secs(s)} = ${num(a)} Erlangs; ρ = A / c = ${num(a)} / ${c} = ${num(e.utilisation)}`,
    `B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)) → B(${c}, ${num(a)}) = ${num(e.erlangB)}`,
  ];
  if (e.stable) {
    notes.push(
      `P_W = C(c, A) = c·B / (c − A·(1 − B)) = ${c} × ${num(e.erlangB)} / (${c} − ${num(a)} × ${num(1 - e.erlangB)}) = ${num(e.pWait)}`,
      `W_q = P_W × S / (c − A) = ${num(e.pWait)} × ${secs(s)} / ${num(c - a)} = ${secs(e.meanWaitSec)}; W = W_q + S = ${secs(e.meanResponseSec)}`,
      `wait quantile t_q = max(0, S / (c − A) × ln(P_W / (1 − q))), e.g. p99 = ${secs(e.waitQuantiles.find((w) => w.q === 0.99)?.waitSec ?? NaN)}`,
    );
  } else {
    notes.push(`A ≥ c: every arrival waits (P_W = 1) and the wait grows without bound`);
    warnings.push(`offered load A = ${num(a)} Erlangs ≥ ${c} servers: unstable; Erlang C needs c > A`);
  }
  const rows: Array<[string, string, number, string]> = [
    ['servers', 'c', c, 'servers'],
    ['offered load', 'A = λ·S', a, 'Erlangs'],
    ['utilisation', 'ρ = A/c', e.utilisation, 'fraction'],
    ['Erlang B', 'B(c, A)', e.erlangB, 'probability'],
    ['probability of waiting', 'P_W = C(c, A)', e.pWait, 'probability'],
    ['mean wait', 'W_q', e.meanWaitSec * 1000, 'ms'],
    ['mean response', 'W = W_q + S', e.meanResponseSec * 1000, 'ms'],
    ['mean queue length', 'L_q = λ·W_q', e.meanQueueLength, 'items'],
    ['mean items in system', 'L = λ·W', e.meanInSystem, 'items'],
    ...e.waitQuantiles.map((w): [string, string, number, string] => [`p${num(w.q * 100)} wait`, `t_${num(w.q)}`, w.waitSec * 1000, 'ms']),
  ];
  if (e.target) {
    const t = e.target;
    notes.push(
      e.stable
        ? `P(W_q ≤ t) = 1 − P_W × e^(−(c − A)·t / S) = 1 − ${num(e.pWait)} × e^(−${num(c - a)} × ${secs(t.waitSec)} / ${secs(s)}) = ${pct(t.achieved)}`
        : `P(W_q ≤ ${secs(t.waitSec)}) = 0: with A ≥ c the wait grows without bound`,
      `smallest c with P(W_q ≤ ${secs(t.waitSec)}) ≥ ${pct(t.level)}: ${t.minServers}${sized ? ' (used above)' : ''}`,
    );
    rows.push(
      ['service level', `P(W_q ≤ ${secs(t.waitSec)})`, t.achieved, 'probability'],
      ['servers needed', `min c: level ≥ ${pct(t.level)}`, t.minServers, 'servers'],
    );
    if (!t.met) warnings.push(`${c} servers give P(wait ≤ ${secs(t.waitSec)}) = ${pct(t.achieved)} < ${pct(t.level)}: ${t.minServers} are needed`);
  }
  return {
    heading: `Erlang C (M/M/c, c = ${c}${sized ? ', the smallest meeting the target' : ''})`,
    notes,
    table: { columns: ['quantity', 'symbol', 'value', 'unit'], rows },
  };
}

/**
 * `--verify`: the formula and the live target share one capacity (servers ÷ service time with
 * --servers, else the given or base rate turned into servers); both runs are added to the document.
 * Exit 1 when the recommended queue rejected anything or the smaller one rejected nothing.
 */
async function verifyAndEmit(inputs: QueueInputs, report: QueueReport, opts: QueueOptions): Promise<ExitCode> {
  if (!inputs.spike) throw new UsageError('--verify checks a spike: add --spike and --spike-duration');
  const plan = planQueueVerify({
    baseRatePerSec: inputs.ratePerSec,
    serviceTimeSec: inputs.serviceTimeSec,
    spikeMultiplier: inputs.spike.multiplier,
    spikeDurationSec: inputs.spike.durationSec,
    margin: inputs.spike.margin,
    servers: inputs.servers,
    capacityPerSec: inputs.spike.capacityPerSec,
  });
  if (!plan.ok) throw new UsageError(`--verify: ${plan.problems.join('; ')}`);
  report.spike = plan.formula;
  report.verify = queueVerifyReport(plan, await verifyQueue(plan));
  const doc = queueDoc(inputs, report);
  doc.sections.push(queueVerifySection(plan, report.verify));
  await emitAnalysisDoc(doc, opts.format, opts.out);
  if (report.verify.confirmed) return ExitCode.Ok;
  process.stderr.write(
    `capplan: ${report.verify.recommended.rejected > 0 ? `the recommended queue rejected ${report.verify.recommended.rejected} requests` : 'a queue 20% smaller rejected nothing: the spike did not fill the queue as the formula assumed'}\n`,
  );
  return ExitCode.ThresholdFailed;
}
