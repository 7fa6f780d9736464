import { writeFileAtomic } from '../util/atomic-write.js';
import type { ResultFile } from './types.js';

/** Write a result file atomically (temp file + rename). */
export async function writeResultFile(path: string, result: ResultFile): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(result, null, 1) + '\n');
}
