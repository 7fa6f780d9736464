import { readFile } from 'node:fs/promises';
import { packageRoot } from './paths.js';
import { join } from 'node:path';

let cached: string | undefined;

/** capplan's version, read once from package.json. */
export async function capplanVersion(): Promise<string> {
  if (!cached) {
    const pkg = JSON.parse(await readFile(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    cached = pkg.version;
  }
  return cached;
}
