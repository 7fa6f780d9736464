import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { runCli } from './analysis-cli.js';
import { useTempDir } from './cli-helpers.js';

describe('exit codes of the built CLI: one path, mapped in main', () => {
  const tmp = useTempDir('capplan-exit-');
  const result = () => tmp.write('r.json', JSON.stringify(syntheticResult({ endpoints: [{ name: 'home', rps: 50, medianMs: 10 }], seconds: 5, seed: 1 })));

  it.each([
    ['0: a command that ran', () => ['queue', '--rate', '100', '--service-time', '10ms'], 0, /^$/],
    ['0: --help', () => ['gate', '--help'], 0, /^$/],
    ['1: a gate that fails returns 1 after its report', () => ['gate', result(), '--slo', 'p50<0.001ms'], 1, /^$/],
    ['2: a bad flag value', () => ['queue', '--rate', 'lots', '--service-time', '10ms'], 2, /^capplan: --rate: /],
    ['2: an unknown option', () => ['queue', '--nope'], 2, /unknown option '--nope'/],
    ['2: a missing input file', () => ['report', tmp.path('missing.json')], 2, /missing\.json: no such file/],
    ['2: an unwritable --out', () => ['report', result(), '--out', '/proc/capplan/x.md'], 2, /x\.md: cannot write/],
  ])('%s', async (_name, args, code, stderr) => {
    const r = await runCli(args());
    expect(r.stderr).toMatch(stderr);
    expect(r.code).toBe(code);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});

describe('main: an error that is not ours is a bug (exit 70), never bad usage', () => {
  it('a TypeError thrown while a command writes its output exits 70 with the bug message and no stack', async () => {
    const out = process.stdout.write;
    const err = process.stderr.write;
    let stderr = '';
    process.stdout.write = (() => {
      throw new TypeError('stdout exploded');
    }) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => {
      stderr += s;
      return true;
    }) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(['node', 'capplan', 'queue', '--rate', '100', '--service-time', '10ms']);
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
    expect(code).toBe(70);
    expect(stderr).toBe('capplan: internal error: stdout exploded; this is a bug; rerun with CAPPLAN_DEBUG=1 for the stack\n');
  });
});

describe('unknown options are reported all at once', () => {
  it.each([
    [['load', 'profiles/steady.yaml', '--rate', 'abc', '--workrs', '2', '-z'], /^error: 3 unknown options: '--rate' \(did you mean "--grace"\?\), '--workrs' \(did you mean "--workers"\?\), '-z'$/m],
    [['report', '--formt', 'md', 'x.json'], /^error: unknown option '--formt' \(did you mean "--format"\?\)$/m],
    [['load', 'profiles/steady.yaml', '--nope=1', '--nope'], /^error: unknown option '--nope'$/m],
  ])('%j', async (argv, expected) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(expected);
  });
});
