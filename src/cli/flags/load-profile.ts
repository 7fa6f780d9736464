import { CapplanError, formatIssues, ValidationError } from '../../errors.js';
import { loadProfile } from '../../profile/load.js';
import { resolveProfileRef } from '../../profile/shipped.js';
import type { Profile } from '../../profile/types.js';
import { buildShape } from '../../shapes/registry.js';
import { parseLoadFlags, type LoadFlags, type LoadSettings } from './load.js';
import { UsageProblems } from './values.js';

/**
 * `capplan load`'s settings from its flags. When a flag is bad, the profile the flags name is read too and its
 * problems (`file:line:col: path: message`) join the flags' in one error: a bad profile is not reported only
 * after the flags are fixed.
 */
export async function parseLoadSettings(positional: string | undefined, flags: LoadFlags): Promise<LoadSettings> {
  try {
    return parseLoadFlags(positional, flags);
  } catch (err) {
    if (!(err instanceof UsageProblems)) throw err;
    const file = flags.profile ?? positional;
    const profile = file === undefined || file === '-' ? [] : await profileProblems(file, flags.target !== undefined);
    if (profile.length === 0) throw err;
    throw new UsageProblems([...err.lines, ...profile]);
  }
}

/** The problems of a profile file, one line each; none when it is valid. */
async function profileProblems(file: string, targetGiven: boolean): Promise<string[]> {
  try {
    // A --target flag (valid or not: a bad one is a flag problem) replaces the profile's target, so it is not checked here.
    await loadProfile(resolveProfileRef(file), { env: process.env, ...(targetGiven ? { target: 'builtin' } : {}) });
    return [];
  } catch (err) {
    if (err instanceof ValidationError) return formatIssues(err.file, err.issues).split('\n').slice(1).map((l) => l.trim());
    if (err instanceof CapplanError) return [err.message];
    throw err;
  }
}

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
  // with the environment: an unset ${env:NAME} is reported with every other problem of the profile
  return loadProfile(file, { scale, target: s.target, env: process.env });
}
