import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult, readResultFile } from '../../src/results/read.js';
import { InputError } from '../../src/errors.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

describe('parseResult', () => {
  it('accepts a result file', () => {
    const r = syntheticResult({ endpoints: [{ name: 'a', rps: 5, medianMs: 3 }], seconds: 2 });
    expect(parseResult(JSON.stringify(r), 'r.json').summary.total.count).toBe(10);
  });

  it.each([
    ['profile.yaml', '# a profile\nname: x\n', 'profile.yaml: this looks like a YAML file (a profile?), not a result file'],
    ['x.json', 'name: x\n', 'x.json: this looks like a YAML file'],
    ['x.json', 'garbage', 'x.json: not valid JSON'],
    ['x.json', '{"a":1}', 'x.json: not a capplan result file (expected "kind": "capplan-result")'],
    ['x.json', '{"kind":"capplan-result","version":99}', 'x.json: result file version 99 is not supported'],
    ['x.json', '[1]', 'x.json: not a capplan result file (expected "kind": "capplan-result")'],
  ])('%s %j → %s', (file, text, message) => {
    expect(() => parseResult(text, file)).toThrow(InputError);
    expect(() => parseResult(text, file)).toThrow(message);
  });
});

describe('readResultFile', () => {
  it('names a missing file and says what was expected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'capplan-read-'));
    await expect(readResultFile(join(dir, 'none.json'))).rejects.toThrow(`${join(dir, 'none.json')}: no such file; expected a capplan result .json`);
    await writeFile(join(dir, 'ok.json'), JSON.stringify(syntheticResult({ endpoints: [{ name: 'a', rps: 1, medianMs: 1 }], seconds: 1 })));
    expect((await readResultFile(join(dir, 'ok.json'))).summary.total.count).toBe(1);
  });
});
