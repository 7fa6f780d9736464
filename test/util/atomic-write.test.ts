import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWritable, writeFileAtomic, writeFileAtomicSync } from '../../src/util/atomic-write.js';
import { InputError } from '../../src/errors.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'capplan-atomic-'));
}

describe.each([
  ['writeFileAtomic', (p: string, d: string) => writeFileAtomic(p, d)],
  ['writeFileAtomicSync', async (p: string, d: string) => writeFileAtomicSync(p, d)],
  // checkWritable refuses what the writes would (and writes nothing that stays).
  ['checkWritable', (p: string) => checkWritable(p)],
])('%s', (name, write) => {
  it.skipIf(name === 'checkWritable')('creates missing folders, writes the content and leaves no temp file', async () => {
    const dir = await tempDir();
    const target = join(dir, 'a', 'b', 'out.txt');
    await write(target, 'hello');
    expect(await readFile(target, 'utf8')).toBe('hello');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['out.txt']);
  });

  it.skipIf(name === 'checkWritable')('replaces an existing file whole', async () => {
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
    await expect(write(target, 'x')).rejects.toThrow(`${target}: cannot write: ${join(dir, 'file.json')} is a file, not a folder`);
  });

  // The message names the path and says plainly which folder failed and why (not "its folder does not exist").
  it.each([
    ['a new file under /proc', '/proc/capplan-nope.json', '/proc/capplan-nope.json: cannot write: /proc takes no new files (a virtual file system such as /proc or /sys?)'],
    ['an existing file under /proc', '/proc/self/status', '/proc/self/status: cannot write: /proc/self takes no new files (a virtual file system such as /proc or /sys?)'],
    [
      'a new folder under /proc',
      '/proc/capplan-nope/x.txt',
      '/proc/capplan-nope/x.txt: cannot write: its folder /proc/capplan-nope cannot be created (/proc takes no new folders: a virtual file system such as /proc or /sys?)',
    ],
    ['a path through a device file', '/dev/null/x.json', '/dev/null/x.json: cannot write: /dev/null is a file, not a folder'],
    ['a folder', '/tmp', '/tmp: cannot write: it is a folder; give a file name'],
  ])('refuses %s: %s (and does not hang)', async (_what, path, message) => {
    const err = await write(path, 'x').then(() => undefined, (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(InputError);
    expect(err!.message).toBe(message);
  });
});
