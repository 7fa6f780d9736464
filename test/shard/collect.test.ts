import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectResults } from '../../src/shard/collect.js';
import { encodeResultLines } from '../../src/shard/result-lines.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

const a = syntheticResult({ endpoints: [{ name: 'home', rps: 100, medianMs: 20 }], seconds: 5, seed: 1 });
const b = syntheticResult({ endpoints: [{ name: 'home', rps: 100, medianMs: 20 }], seconds: 5, seed: 2 });

describe('collectResults', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'capplan-collect-'));
    const log = ['starting', ...encodeResultLines(JSON.stringify(a), 'p-0', 700).map((l) => `[pod/x-0/capplan] ${l}`), ...encodeResultLines(JSON.stringify(b), 'p-1', 700)];
    await writeFile(join(dir, 'logs.txt'), log.join('\n'));
    await mkdir(join(dir, 'volume'));
    await writeFile(join(dir, 'volume', 'shard-0.json'), JSON.stringify(a));
    await writeFile(join(dir, 'volume', 'shard-1.json'), JSON.stringify(b));
    await writeFile(join(dir, 'volume', 'README'), 'not a result');
    await writeFile(join(dir, 'empty.log'), 'nothing here\n');
    await writeFile(join(dir, 'cut.log'), encodeResultLines(JSON.stringify(a), 'p-0', 700).slice(1).join('\n'));
    await writeFile(join(dir, 'bad.json'), '{"kind":"other"}');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('rebuilds every result from a kubectl logs dump', async () => {
    const c = await collectResults([join(dir, 'logs.txt')]);
    expect(c.problems).toEqual([]);
    expect(c.results.map((r) => r.source)).toEqual([`${join(dir, 'logs.txt')}#p-0`, `${join(dir, 'logs.txt')}#p-1`]);
    expect(c.results.map((r) => r.result)).toEqual([a, b]);
  });

  it('reads the result files of a folder and skips files that are neither results nor logs', async () => {
    const c = await collectResults([join(dir, 'volume')]);
    expect(c.problems).toEqual([]);
    expect(c.results.map((r) => r.result)).toEqual([a, b]);
  });

  it.each([
    ['a log without result lines', 'empty.log', /empty\.log: no "capplan-result v1" lines .*--tail=-1/],
    ['a log cut short', 'cut.log', /cut\.log: result p-0: 1 of its \d+ lines are missing/],
    ['a JSON file that is not a result', 'bad.json', /bad\.json: not a capplan result file/],
    ['a missing file', 'nope.txt', /nope\.txt: no such file/],
  ])('%s is a problem naming it', async (_name, file, message) => {
    const c = await collectResults([join(dir, file)]);
    expect(c.results).toEqual([]);
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]).toMatch(message);
  });
});
