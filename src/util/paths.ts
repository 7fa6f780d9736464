import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** Absolute path of the capplan package root (the folder holding package.json). */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('capplan: cannot find package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  root = dir;
  return root;
}

/**
 * Path of a compiled module under dist/, e.g. `distPath('load/worker.js')`.
 * Worker threads must load compiled JavaScript, also when the caller runs from
 * TypeScript sources under vitest, so they always resolve through dist/.
 */
export function distPath(relative: string): string {
  return join(packageRoot(), 'dist', relative);
}
