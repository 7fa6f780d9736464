/**
 * Vitest global setup: build dist/ from src/ once before any test, so the CLI tests
 * (bin/capplan.js → dist/) never run stale output and never skip because dist/ is missing.
 * `npm test` is just `vitest run`; a failed build stops the run with the compiler's errors.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const started = Date.now();
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed (tsc -p tsconfig.json), no test ran:\n${r.stdout}${r.stderr}`);
  process.stderr.write(`global setup: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
