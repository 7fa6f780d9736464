import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

/**
 * Read a text input file, or stdin when `path` is `-`. Failures become one
 * InputError naming the file (exit 2): "no such file", "is a directory", or the
 * system's reason. `expected` is appended to say what kind of file was wanted,
 * e.g. `"a profile .yaml (see profiles/ for examples)"`.
 */
export async function readInputText(path: string, expected?: string): Promise<string> {
  try {
    return path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const wanted = expected ? `; expected ${expected}` : '';
    if (code === 'ENOENT') throw new InputError(`no such file${wanted}`, path);
    if (code === 'EISDIR') throw new InputError(`is a directory${wanted}`, path);
    throw new InputError(`cannot read (${code ?? (err as Error).message})`, path);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
