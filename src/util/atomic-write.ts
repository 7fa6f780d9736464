import { mkdir, rename, writeFile, rm, stat, realpath } from 'node:fs/promises';
import { writeFileSync, renameSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors.js';

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** A failed step of a write: creating the folder `dir`, or a file in it; `dir` being a file, not a folder. */
type StepError = NodeJS.ErrnoException & { step?: 'mkdir' | 'create'; dir?: string };

/** Mark a failed step of a write with what it did and in which folder (for {@link writeFailure}). */
function marked(err: unknown, step: 'mkdir' | 'create', dir: string): StepError {
  const e = err as StepError;
  e.step ??= step;
  e.dir ??= dir;
  return e;
}

/**
 * One readable reason for a failed write of `path`, as an InputError naming that file (exit 2): which
 * folder could not be created or take the file, and why (`/proc/x.json: cannot write: /proc takes no
 * new files (a virtual file system such as /proc or /sys?)`).
 */
function writeFailure(path: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  const e = err as StepError;
  const dir = e.dir ?? dirname(path);
  const reasons: Record<string, string> = {
    // ENOENT after the folder was found or made: the file system takes no new entries there (procfs).
    ENOENT:
      e.step === 'mkdir'
        ? `its folder ${dir} cannot be created (${dirname(dir)} takes no new folders: a virtual file system such as /proc or /sys?)`
        : `${dir} takes no new files (a virtual file system such as /proc or /sys?)`,
    EACCES: `permission denied to create ${e.step === 'mkdir' ? 'the folder' : 'a file in'} ${dir}`,
    EPERM: `permission denied to create ${e.step === 'mkdir' ? 'the folder' : 'a file in'} ${dir}`,
    EROFS: `${dir} is on a read-only file system`,
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    ENAMETOOLONG: 'the name is too long',
    EISDIR: 'it is a folder; give a file name',
    ENOTDIR: `${dir} is a file, not a folder`,
    EEXIST: `${dir} is a file, not a folder`,
  };
  return new InputError(`cannot write: ${reasons[e.code ?? ''] ?? e.message}`, path);
}

/**
 * Create `dir` and its missing parents one level at a time. (Node's recursive mkdir
 * loops forever on some paths, e.g. under /proc, so we walk up ourselves.)
 */
async function ensureDir(dir: string): Promise<void> {
  try {
    if ((await stat(dir)).isDirectory()) return;
    throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR', step: 'mkdir', dir });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const parent = dirname(dir);
  if (parent !== dir) await ensureDir(parent);
  try {
    await mkdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw marked(err, 'mkdir', dir);
  }
}

function ensureDirSync(dir: string): void {
  try {
    if (statSync(dir).isDirectory()) return;
    throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR', step: 'mkdir', dir });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const parent = dirname(dir);
  if (parent !== dir) ensureDirSync(parent);
  try {
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw marked(err, 'mkdir', dir);
  }
}

/**
 * Write a file atomically: write a temp file in the same folder, then rename it
 * over the destination, so readers never see a half-written file. Creates the folder.
 * Failures are an InputError naming `path` and the reason (exit 2).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    await ensureDir(dirname(path));
    await writeFile(tmp, data).catch((err: unknown) => {
      throw marked(err, 'create', dirname(path));
    });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw writeFailure(path, err);
  }
}

/** Synchronous twin of {@link writeFileAtomic}, for signal handlers and exit paths. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = tempPathFor(path);
  try {
    ensureDirSync(dirname(path));
    try {
      writeFileSync(tmp, data);
    } catch (err) {
      throw marked(err, 'create', dirname(path));
    }
    renameSync(tmp, path);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* the temp file may not exist */
    }
    throw writeFailure(path, err);
  }
}

/**
 * Check before any work that `path` can be written: create its folder, refuse a directory at `path`,
 * and write and remove a temp file beside it (the same way {@link writeFileAtomic} will). Throws the
 * InputError {@link writeFileAtomic} would (exit 2), naming `path` and why: a directory, a read-only
 * file system, a full disk, a path under a regular file, no permission.
 */
export async function checkWritable(path: string): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    await ensureDir(dirname(path));
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    await writeFile(tmp, '{}\n').catch((err: unknown) => {
      throw marked(err, 'create', dirname(path));
    });
  } catch (err) {
    throw writeFailure(path, err);
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}

/**
 * Write `data` to `path`; when that fails, write it to a fresh file in the OS temp folder instead,
 * so finished work is never lost. Returns where it went and, after a fallback, why `path` failed.
 * Throws only when both writes fail (the error for `path`).
 */
export async function writeFileOrFallback(
  path: string,
  data: string | Uint8Array,
): Promise<{ path: string; failed?: { path: string; reason: string } }> {
  try {
    await writeFileAtomic(path, data);
    return { path };
  } catch (err) {
    const fallback = join(tmpdir(), `capplan-${process.pid}-${randomBytes(4).toString('hex')}-${basename(path) || 'result.json'}`);
    try {
      await writeFile(fallback, data, { flag: 'wx' });
    } catch {
      throw err;
    }
    return { path: fallback, failed: { path, reason: (err as Error).message } };
  }
}

/** Whether two paths name the same file (after resolving links; a missing file compares by its absolute path). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => realpath(p).catch(() => resolve(p));
  return (await real(a)) === (await real(b));
}
