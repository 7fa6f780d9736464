/** `--out` of load, report and merge: a path that cannot be written is exit 2 naming the path and why, with no stack trace. */
import { describe, it } from 'vitest';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { runCli } from './analysis-cli.js';
import { expectBadInput, useTempDir } from './cli-helpers.js';

const PROC = /^capplan: \/proc\/capplan-x\.json: cannot write: \/proc takes no new files \(a virtual file system such as \/proc or \/sys\?\)$/m;

describe('--out that cannot be written (built CLI)', () => {
  const tmp = useTempDir('capplan-out-');
  const result = (name: string, seed: number) => tmp.write(name, JSON.stringify(syntheticResult({ endpoints: [{ name: 'api', rps: 20, medianMs: 5 }], seconds: 2, seed })));

  it.each<[string, () => string[], RegExp]>([
    ['load --out under /proc', () => ['load', 'steady', '--duration', '1s', '--out', '/proc/capplan-x.json'], PROC],
    ['report --out under /proc', () => ['report', result('r.json', 1), '--out', '/proc/capplan-x.json'], PROC],
    ['merge --out under /proc', () => ['merge', result('a.json', 1), result('b.json', 2), '--force', '--out', '/proc/capplan-x.json'], PROC],
    ['report --out in a folder /proc cannot hold', () => ['report', result('r.json', 1), '--out', '/proc/capplan-x/r.md'], /\/proc\/capplan-x\/r\.md: cannot write: its folder \/proc\/capplan-x cannot be created \(\/proc takes no new folders/],
    ['report --out through a file', () => ['report', result('r.json', 1), '--out', '/dev/null/r.md'], /\/dev\/null\/r\.md: cannot write: \/dev\/null is a file, not a folder/],
    ['merge --out a folder', () => ['merge', result('a.json', 1), result('b.json', 2), '--force', '--out', tmp.path('')], /cannot write: it is a folder; give a file name/],
    ['report --out ""', () => ['report', result('r.json', 1), '--out', ''], /--out: expected a file path such as reports\/run\.json \(got ""\)/],
    ['load --out ""', () => ['load', 'steady', '--duration', '1s', '--out', ''], /--out: expected a file path such as reports\/run\.json \(got ""\)/],
  ])('%s → exit 2, the path and the reason, no stack', async (_n, args, message) => {
    expectBadInput(await runCli(args()), message);
  });
});
