/**
 * Issue 9 case 1: an unwritable --out is found before the first request, and a finished run is never
 * lost (real server, real runs, real file systems; the full-disk and read-only cases mount a tiny tmpfs
 * and run only as root).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/load/run.js';
import { parseResult } from '../../src/results/read.js';
import { startServer, testProfile } from './helpers.js';

const isRoot = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'capplan-out-'));
const mounts: string[] = [];

/** Mount a tmpfs of `size` at a new folder under `dir` (root only); `ro` makes it read-only. */
function tmpfs(name: string, options: string): string {
  const at = join(dir, name);
  mkdirSync(at);
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at]);
  mounts.push(at);
  return at;
}

let server: Awaited<ReturnType<typeof startServer>>;
let requests = 0;
beforeAll(async () => {
  server = await startServer((_req, res) => {
    requests++;
    res.end('ok');
  });
  writeFileSync(join(dir, 'regular'), 'x');
});
afterAll(async () => {
  await server.close();
  for (const m of mounts) execFileSync('umount', [m]);
  rmSync(dir, { recursive: true, force: true });
});

describe('issue 9 case 1: an unwritable --out is refused before the first request (exit 2 naming the path and why)', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['a directory', () => dir, /cannot write: it is a folder; give a file name/],
    ['a path under a regular file', () => join(dir, 'regular', 'out.json'), /cannot write: \/.*\/regular is a file, not a folder/],
    ['a read-only file system (/proc)', () => '/proc/capplan-out.json', /cannot write: /],
  ];
  if (isRoot) {
    cases.push(['a read-only tmpfs', () => join(tmpfs('ro', 'size=64k,ro'), 'out.json'), /cannot write: \/.*\/ro is on a read-only file system/]);
    cases.push(['a full disk', () => {
      const at = tmpfs('full', 'size=64k');
      writeFileSync(join(at, 'fill'), Buffer.alloc(64 * 1024)); // the write itself may fail part-way; the disk is full either way
      return join(at, 'out.json');
    }, /cannot write: no space left on the device/]);
  } else {
    it.skip('a read-only tmpfs and a full disk: need root to mount a tmpfs', () => undefined);
  }
  it.each(cases)('%s', async (_name, out, message) => {
    let path = '';
    try {
      path = out();
    } catch (err) {
      // Filling the tmpfs throws ENOSPC once it is full: that is the point.
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      path = join(mounts[mounts.length - 1], 'out.json');
    }
    const before = requests;
    const run = runLoad(testProfile(server.url, { level: 50, durationMs: 60_000 }), { workers: 1, out: path, probe: false });
    await expect(run).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
    await expect(run).rejects.toThrow(path);
    expect(requests).toBe(before); // not one request went out
  }, 20_000);
});

describe('issue 9 case 1: a destination that fails after the run: the result goes to the OS temp folder', () => {
  it('the folder becomes a regular file during the run → fallback file, path and reason returned', async () => {
    const folder = join(dir, 'vanishing');
    const out = join(folder, 'run.json');
    let swapped = false;
    const outcome = await runLoad(testProfile(server.url, { level: 20, durationMs: 1500 }), {
      workers: 1, out, probe: false,
      // After the check and before the write: replace the folder by a file, so the final write fails.
      onProgress: () => {
        if (swapped) return;
        swapped = true;
        rmSync(folder, { recursive: true });
        writeFileSync(folder, 'not a folder');
      },
    });
    expect(swapped).toBe(true);
    expect(outcome.writeFailed).toMatchObject({ path: out, reason: expect.stringMatching(/is a file, not a folder/) });
    expect(outcome.path!.startsWith(tmpdir())).toBe(true);
    const saved = parseResult(readFileSync(outcome.path!, 'utf8'), outcome.path!);
    expect(saved.summary.total.sent).toBe(outcome.result.summary.total.sent);
    expect(saved.summary.total.sent).toBeGreaterThan(0);
    rmSync(outcome.path!);
  }, 20_000);
});
