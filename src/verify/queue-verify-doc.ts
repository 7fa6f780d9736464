/**
 * The `--verify` part of `capplan queue`: which capacity the formula and the live target share,
 * both runs side by side, and the verdict. Renderer-neutral (a DocSection).
 */
import type { QueueVerifyPlan } from '../analysis/queue-verify-plan.js';
import type { DocSection } from '../render/document.js';
import { formatNumber as num } from '../render/format.js';
import type { QueueVerifyResult } from './queue-verify.js';

type OkPlan = Extract<QueueVerifyPlan, { ok: true }>;

/** What `--format json` carries under `verify`. */
export interface QueueVerifyReport extends QueueVerifyResult {
  capacity: { perSec: number; servers: number; serviceTimeSec: number; definition: string };
  spike: { baseRatePerSec: number; spikeRatePerSec: number; spikeDurationSec: number; durationSec: number };
}

/** One sentence: which capacity both use. */
export function capacityDefinition(plan: OkPlan): string {
  const s = plan.formula.serviceTimeSec;
  const ms = num(s * 1000);
  if (plan.capacityFrom === 'servers') return `servers ÷ service time = ${plan.servers} ÷ ${ms} ms = ${num(plan.capacityPerSec)} req/s (the target's real capacity; the formula uses the same R)`;
  const given = plan.capacityFrom === 'base-rate' ? 'the steady (base) rate, the formula’s default' : 'the given capacity';
  return `${given}: R = ${num(plan.capacityPerSec)} req/s, so the target runs R × S = ${plan.servers} servers of ${ms} ms`;
}

/** The report of both runs. */
export function queueVerifyReport(plan: OkPlan, result: QueueVerifyResult): QueueVerifyReport {
  const f = plan.formula;
  return {
    ...result,
    capacity: { perSec: plan.capacityPerSec, servers: plan.servers, serviceTimeSec: f.serviceTimeSec, definition: capacityDefinition(plan) },
    spike: { baseRatePerSec: f.baseRatePerSec, spikeRatePerSec: f.spikeRatePerSec, spikeDurationSec: f.spikeDurationSec, durationSec: plan.durationSec },
  };
}

/** The section printed after the formula's sections. */
export function queueVerifySection(plan: OkPlan, r: QueueVerifyReport): DocSection {
  const f = plan.formula;
  const row = (name: string, x: QueueVerifyReport['recommended'], want: string) => [
    name,
    x.queue,
    x.maxQueueSeen,
    x.rejected,
    num(x.expectedRejected),
    want,
    (name === 'recommended' ? x.rejected === 0 : x.rejected > 0) ? 'yes' : 'NO',
    x.dropped + x.late ? `${x.dropped} dropped, ${x.late} late` : '',
  ];
  return {
    heading: 'Verified live against the built-in target',
    notes: [
      `capacity: ${r.capacity.definition}`,
      `drive: ${num(f.baseRatePerSec)}/s, then ${num(f.spikeRatePerSec)}/s for ${num(f.spikeDurationSec)} s, then ${num(f.baseRatePerSec)}/s again (${num(plan.durationSec)} s in all, evenly spaced arrivals, constant ${num(f.serviceTimeSec * 1000)} ms service)`,
      `the target's queue is its waiting room beyond the ${plan.servers} requests in service; expected peak waiting λS + B − c = ${num(f.steadyInSystem)} + ${num(f.backlog)} − ${plan.servers} = ${num(plan.expectedPeakWaiting)}`,
      r.confirmed
        ? `confirmed: the recommended queue (${r.recommended.queue}) rejected nothing, a queue 20% smaller (${r.undersized.queue}) rejected ${r.undersized.rejected}`
        : `NOT confirmed: the recommended queue rejected ${r.recommended.rejected}, the 20% smaller one ${r.undersized.rejected}`,
    ],
    table: {
      columns: ['run', 'queue', 'max queue seen', 'rejected', 'expected', 'want', 'as wanted', 'generator'],
      rows: [row('recommended', r.recommended, 'none rejected'), row('undersized (−20%)', r.undersized, 'rejections')],
    },
  };
}
