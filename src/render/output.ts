import { writeFileAtomic } from '../util/atomic-write.js';

/** Write rendered text to `--out FILE` atomically, or to stdout when no file is given. */
export async function emit(text: string, outPath?: string): Promise<void> {
  if (outPath) {
    await writeFileAtomic(outPath, text);
  } else {
    process.stdout.write(text);
  }
}
