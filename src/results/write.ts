import { writeFileAtomic, writeFileOrFallback } from '../util/atomic-write.js';
import type { ResultFile } from './types.js';

const serialise = (result: ResultFile): string => JSON.stringify(result, null, 1) + '\n';

/** Write a result file atomically (temp file + rename). */
export async function writeResultFile(path: string, result: ResultFile): Promise<void> {
  await writeFileAtomic(path, serialise(result));
}

/**
 * Write a finished run's result file; if `path` cannot be written, write it to a file in the OS temp
 * folder instead (a finished run is never lost). Returns where it went and, after a fallback, why `path` failed.
 */
export async function saveResultFile(path: string, result: ResultFile): Promise<{ path: string; failed?: { path: string; reason: string } }> {
  return writeFileOrFallback(path, serialise(result));
}
