/**
 * The example profiles shipped in the package's profiles/ folder: listed by `capplan profiles`, and run by
 * name from any directory (`capplan load steady` → <package>/profiles/steady.yaml when no local file matches).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';
import { InputError } from '../errors.js';
import { didYouMean } from './did-you-mean.js';

/** One shipped profile. */
export interface ShippedProfile {
  /** The name to run it by, e.g. `steady`. */
  name: string;
  /** Absolute path of the YAML file. */
  path: string;
  /** The first line of the file's leading comment: what it shows. */
  description: string;
}

/** The package's profiles/ folder. */
export function shippedProfileDir(): string {
  return join(packageRoot(), 'profiles');
}

/** The first sentence of a profile's leading comment, without `#`; empty when it has none. */
export function profileDescription(text: string): string {
  const lines = text.split(/\r?\n/);
  const comment: string[] = [];
  for (const l of lines) {
    if (!l.trim().startsWith('#')) break;
    comment.push(l.trim().replace(/^#+\s*/, ''));
  }
  const joined = comment.join(' ').replace(/\s+/g, ' ').trim();
  return joined.split(/(?<=[.?!])\s/)[0] ?? '';
}

/** Every shipped load profile (`*.yaml` with `endpoints:`; fleet files for `capplan cost` are not load profiles), by name. */
export function shippedProfiles(dir = shippedProfileDir()): ShippedProfile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => {
      const path = join(dir, f);
      const text = readFileSync(path, 'utf8');
      if (!/^endpoints:/m.test(text)) return [];
      return [{ name: f.slice(0, -'.yaml'.length), path, description: profileDescription(text) }];
    });
}

/**
 * The file a profile reference names: `ref` itself when it exists (relative to `cwd`), else the shipped
 * profile of that name (`steady`, or `steady.yaml`); a path (anything with a folder) that does not exist stays
 * unchanged (the reader reports "no such file"). A bare name that is neither throws an InputError naming the nearest
 * shipped profile (`stedy` → did you mean "steady"?).
 */
export function resolveProfileRef(ref: string, cwd = process.cwd(), dir = shippedProfileDir()): string {
  if (ref === '-' || existsSync(join(cwd, ref)) || existsSync(ref)) return ref;
  if (!/^[A-Za-z0-9_-]+(\.yaml)?$/.test(ref)) return ref;
  const name = ref.replace(/\.yaml$/, '');
  const shipped = shippedProfiles(dir);
  const hit = shipped.find((p) => p.name === name);
  if (hit) return hit.path;
  // Neither a file nor a shipped name: say so, with the nearest shipped name (`stedy` → `steady`).
  throw new InputError(`no such file, and no shipped profile of that name${didYouMean(name, shipped.map((p) => p.name))}; \`capplan profiles\` lists them`, ref);
}
