/**
 * `capplan queue … --verify` (§17.5.3): check the queue formula against a live run. Starts the
 * built-in target in-process with the plan's servers, service time (constant) and queue, drives
 * exactly the planned spike (open model, evenly spaced arrivals, base → m × base for d → base),
 * and counts what the target refused. Then the same with the queue 20 % smaller. I/O: sockets on
 * 127.0.0.1, no files.
 */
import type { QueueVerifyPlan } from '../analysis/queue-verify-plan.js';
import { runLoad } from '../load/run.js';
import type { Profile } from '../profile/types.js';
import { adHocProfile } from '../sweep/profiles.js';
import { startTarget } from '../target/index.js';

/** What one live run measured. */
export interface QueueVerifyRunResult {
  /** The target's queue bound. */
  queue: number;
  /** Requests the target refused with 429 (its own exact counter). */
  rejected: number;
  /** Requests it served. */
  served: number;
  /** Largest queue length the target saw. */
  maxQueueSeen: number;
  /** Fluid prediction of rejections. */
  expectedRejected: number;
  /** Arrivals the generator could not send on time (dropped) or sent late: the spike was not driven exactly when > 0. */
  dropped: number;
  late: number;
}

/** Both runs. */
export interface QueueVerifyResult {
  recommended: QueueVerifyRunResult;
  undersized: QueueVerifyRunResult;
  /** recommended.rejected = 0 and undersized.rejected > 0. */
  confirmed: boolean;
}

type OkPlan = Extract<QueueVerifyPlan, { ok: true }>;

/** The open-model profile that drives the plan's spike against `url` (`GET /item/1` of the built-in target). */
export function verifyProfile(plan: OkPlan, url: string): Profile {
  return { ...adHocProfile({ target: url, path: '/item/1' }), name: 'queue-verify', model: 'open', shape: { kind: 'stages', stages: plan.stages } };
}

async function runOnce(plan: OkPlan, run: OkPlan['recommended'], signal?: AbortSignal): Promise<QueueVerifyRunResult> {
  const serviceTimeMs = plan.formula.serviceTimeSec * 1000;
  const target = await startTarget({ workers: plan.servers, serviceTimeMs, serviceDistribution: 'constant', queue: run.queue, seed: 1 });
  try {
    // Every request in service or waiting holds a connection: c + Q of them, and a few spare.
    const connections = plan.servers + run.queue + 16;
    // In-flight requests at the end: at most the queue, drained at c / S.
    const graceMs = Math.ceil((run.queue * serviceTimeMs) / plan.servers) + 2000;
    const { result } = await runLoad(verifyProfile(plan, target.url), { workers: 1, connections, graceMs, write: false, signal });
    const s = target.stats();
    return {
      queue: run.queue,
      rejected: s.rejected,
      served: s.served,
      maxQueueSeen: s.maxQueueSeen,
      expectedRejected: run.expectedRejected,
      dropped: result.summary.total.dropped,
      late: result.summary.total.late,
    };
  } finally {
    await target.close();
  }
}

/** Run the recommended queue, then the undersized one (see the module comment). */
export async function verifyQueue(plan: OkPlan, signal?: AbortSignal): Promise<QueueVerifyResult> {
  const recommended = await runOnce(plan, plan.recommended, signal);
  const undersized = await runOnce(plan, plan.undersized, signal);
  return { recommended, undersized, confirmed: recommended.rejected === 0 && undersized.rejected > 0 };
}
