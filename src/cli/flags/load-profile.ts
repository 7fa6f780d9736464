import { loadProfile } from '../../profile/load.js';
import { resolveProfileRef } from '../../profile/shipped.js';
import type { Profile } from '../../profile/types.js';
import { buildShape } from '../../shapes/registry.js';
import type { LoadSettings } from './load.js';

/**
 * Load the profile `capplan load` runs (a file, or the name of a shipped profile). `--duration D` sets the scale so the whole shape
 * lasts D: scale = D / (the profile's length as written).
 */
export async function loadRunProfile(s: LoadSettings): Promise<Profile> {
  // `capplan load steady` from any folder: a shipped profile by name when no such local file exists.
  const file = resolveProfileRef(s.profileFile);
  let scale = s.scale;
  if (s.durationMs !== undefined) {
    const asWritten = await loadProfile(file, { scale: 1, target: s.target });
    const lengthMs = buildShape(asWritten.shape).durationSec * 1000;
    scale = lengthMs > 0 ? s.durationMs / lengthMs : 1;
  }
  return loadProfile(file, { scale, target: s.target });
}
