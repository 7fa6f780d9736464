import type { Profile } from '../profile/types.js';
import type { RunningTarget } from '../target/index.js';

/** Built-in target defaults when the profile's `builtinTarget` leaves them out. */
export const BUILTIN_DEFAULTS = { workers: 16, serviceTimeMs: 5, queue: 64 } as const;

/** Start the built-in demo target in-process for `target: builtin` (127.0.0.1, ephemeral port). */
export async function startBuiltinTarget(profile: Profile): Promise<RunningTarget> {
  const { startTarget } = await import('../target/index.js');
  const b = profile.builtinTarget ?? {};
  return startTarget({
    workers: b.workers ?? BUILTIN_DEFAULTS.workers,
    serviceTimeMs: b.serviceTimeMs ?? BUILTIN_DEFAULTS.serviceTimeMs,
    queue: b.queue ?? BUILTIN_DEFAULTS.queue,
    seed: profile.seed,
  });
}
