/**
 * The engine's view of the pure pieces it drives: the shape, the open-model arrivals,
 * the closed-model user level, and the request mix. One place to adapt to their APIs.
 */
import type { Profile } from '../profile/types.js';
import { buildShape } from '../shapes/registry.js';
import type { Shape } from '../shapes/types.js';
import { openArrivals, type ArrivalIterator } from '../schedule/open-arrivals.js';
import { splitLevel, usersAt } from '../schedule/closed-users.js';
import { createRequestGenerator, type GeneratedRequest, type RequestGenerator } from '../mix/generator.js';

export { buildShape, openArrivals, splitLevel, usersAt };
export type { Shape, ArrivalIterator, GeneratedRequest };
/** Produces the next request of the weighted mix. */
export type RequestSource = RequestGenerator;

/** The request source for one worker: the profile's weighted mix with its own decorrelated stream. */
export function requestSource(profile: Profile, seed: number, env: Record<string, string | undefined>, workerIndex: number, workerCount: number): RequestGenerator {
  return createRequestGenerator(profile, { seed, env, workerIndex, workerCount });
}

/** Largest level of a shape, sampled every 100 ms and at the end (users or req/s). */
export function peakLevel(shape: Shape): number {
  let peak = 0;
  const steps = Math.max(1, Math.ceil(shape.durationSec * 10));
  for (let i = 0; i <= steps; i++) peak = Math.max(peak, shape.rate((shape.durationSec * i) / steps));
  return peak;
}
