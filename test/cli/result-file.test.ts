/**
 * Issue 9 item 5 ("Result files are trusted blindly"): each bad result file, run through both
 * `report` and `gate`, exits 2 naming the file and every field path, with no stack trace.
 */
import { describe, expect, it } from 'vitest';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { BAD_RESULT_CASES } from '../results/bad-results.js';
import { runCli } from './analysis-cli.js';
import { expectBadInput, useTempDir } from './cli-helpers.js';

const good = () =>
  syntheticResult({
    endpoints: [
      { name: 'read', rps: 30, medianMs: 12 },
      { name: 'write', rps: 10, medianMs: 40 },
    ],
    seconds: 5,
  });

describe('bad result files through the CLI', () => {
  const tmp = useTempDir('capplan-result-file-');
  const commands: Array<[string, (file: string) => string[]]> = [
    ['report', (f) => ['report', f, '--format', 'md']],
    ['gate', (f) => ['gate', f, '--slo', 'p99<1s']],
  ];
  const cases = BAD_RESULT_CASES.slice(0, 3).flatMap((c) => commands.map(([cmd, args]) => ({ ...c, cmd, args })));

  it.each(cases)('$cmd: $name', async ({ name, mutate, problems, cmd, args }) => {
    const r = good() as unknown as Record<string, unknown>;
    mutate(r);
    const file = tmp.write(`${cmd}-${BAD_RESULT_CASES.findIndex((c) => c.name === name)}.json`, JSON.stringify(r));
    const run = await runCli(args(file));
    expectBadInput(run, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${problems.length} problem`));
    for (const p of problems) expect(run.stderr).toContain(`${file}: ${p}\n`);
    expect(run.stderr).not.toMatch(/unexpected error|internal error/);
  });

  it.each(commands)('%s still reads a good file', async (_cmd, args) => {
    const run = await runCli(args(tmp.write('good.json', JSON.stringify(good()))));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
