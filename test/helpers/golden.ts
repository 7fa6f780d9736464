/**
 * The one golden-file check. `expectGolden('report/spike.md', text)` compares `text` with
 * test/golden/report/spike.md; with UPDATE_GOLDEN=1 it rewrites the file instead (review the
 * diff before committing). A missing golden fails, so a new test cannot pass by accident.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

/** test/golden/ */
export const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');

/** Assert `actual` equals test/golden/`name` (or write it when UPDATE_GOLDEN=1). */
export function expectGolden(name: string, actual: string): void {
  expectGoldenFile(join(GOLDEN_DIR, name), actual);
}

/** Assert `actual` equals the file at `path`, anywhere in the repository (or write it when UPDATE_GOLDEN=1). */
export function expectGoldenFile(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path}; run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
