import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/util/atomic-write.js';
import { InputError } from '../../src/errors.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'capplan-atomic-'));
}

describe.each([
  ['writeFileAtomic', (p: string, d: string) => writeFileAtomic(p, d)],
  ['writeFileAtomicSync', async (p: string, d: string) => writeFileAtomicSync(p, d)],
])('%s', (_name, write) => {
  it('creates missing folders, writes the content and leaves no temp file', async () => {
    const dir = await tempDir();
    const target = join(dir, 'a', 'b', 'out.txt');
    await write(target, 'hello');
    expect(await readFile(target, 'utf8')).toBe('hello');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['out.txt']);
  });

  it('replaces an existing file whole', async () => {
    const dir = await tempDir();
    const target = join(dir, 'out.txt');
    await writeFile(target, 'old content that is longer');
    await write(target, 'new');
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  it('refuses a path through a file with an InputError naming the path', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'file.json'), '{}');
    const target = join(dir, 'file.json', 'x.html');
    await expect(write(target, 'x')).rejects.toThrow(InputError);
    await expect(write(target, 'x')).rejects.toThrow(`${target}: cannot write: a part of the path is a file, not a folder`);
  });

  it('fails (and does not hang) where a folder cannot be created, e.g. under /proc', async () => {
    await expect(write('/proc/capplan-nope/x.txt', 'x')).rejects.toThrow('/proc/capplan-nope/x.txt: cannot write:');
  });
});
