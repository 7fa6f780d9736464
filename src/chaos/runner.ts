/**
 * Applying a chaos schedule during a run: each step is sent to the switch of the target or proxy
 * (`POST <target>/__chaos`, or the in-process built-in target's switch) at its time. A step that
 * fails (switch unreachable, 400) is recorded with its error and never stops the load.
 */
import { request } from 'undici';
import type { ChaosSwitch } from './switch.js';
import { CHAOS_PATH } from './switch.js';
import type { ChaosStep } from './schedule.js';
import { applyChaosPatch } from './config.js';

/** What happened to one step. */
export interface AppliedStep {
  /** Planned time, seconds since the load started. */
  atSec: number;
  /** When it was sent, seconds since the load started (`null` when the run ended first). */
  appliedAtSec: number | null;
  patch: Record<string, unknown>;
  ok: boolean;
  error?: string;
}

/** Something that takes a chaos update: a switch URL or an in-process switch. */
export type ChaosSink = { url: string } | { switch: ChaosSwitch };

async function send(sink: ChaosSink, patch: Record<string, unknown>): Promise<void> {
  if ('switch' in sink) {
    const current = sink.switch.state();
    const r = applyChaosPatch(current, patch);
    if (!r.ok) throw new Error(r.problems.join('; '));
    // The in-process switch takes the same JSON as POST /__chaos.
    sink.switch.set(r.config);
    return;
  }
  const res = await request(`${sink.url.replace(/\/+$/, '')}${CHAOS_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
    signal: AbortSignal.timeout(5000),
  });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
}

/** A running schedule. */
export interface ChaosRun {
  /** Stop: pending steps are not sent; returns what happened (the last step is followed by `{ off: true }` when `turnOff`). */
  stop(): Promise<AppliedStep[]>;
}

/**
 * Schedule `steps` relative to `startEpochMs`. On stop, faults left on are switched off
 * (a run must not leave a service broken).
 */
export function startChaosSchedule(steps: readonly ChaosStep[], sink: ChaosSink, startEpochMs: number): ChaosRun {
  const applied: AppliedStep[] = steps.map((s) => ({ atSec: s.atSec, appliedAtSec: null, patch: s.patch, ok: false }));
  const pending = new Set<Promise<void>>();
  const timers = steps.map((s, i) =>
    setTimeout(
      () => {
        const a = applied[i];
        a.appliedAtSec = Math.round(Date.now() - startEpochMs) / 1000;
        const p = send(sink, s.patch)
          .then(() => void (a.ok = true))
          .catch((err: Error) => void (a.error = err.message))
          .finally(() => pending.delete(p));
        pending.add(p);
      },
      Math.max(0, startEpochMs + s.atSec * 1000 - Date.now()),
    ),
  );
  return {
    async stop() {
      for (const t of timers) clearTimeout(t);
      await Promise.all(pending);
      if (steps.length) await send(sink, { off: true }).catch(() => undefined);
      return applied;
    },
  };
}
