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

  const EXPECTED = 'expected a capplan result file, the JSON that `capplan load` writes (by default under reports/); found';
  const NOT_RESULT = 'not a capplan result file: expected the JSON that `capplan load` writes (by default under reports/); found';
  it.each([
    ['profile.yaml', '# a profile\nname: x\ntarget: builtin\n', `profile.yaml: ${EXPECTED} a capplan profile (YAML); run it with \`capplan load\` to get a result file`],
    ['x.json', 'name: x\n', `x.json: ${EXPECTED} YAML text`],
    ['other.yml', '- a\n- b\n', `other.yml: ${EXPECTED} YAML text`],
    ['report.md', '# capplan report\n\n| p99 | 20 ms |\n', `report.md: ${EXPECTED} Markdown text (a rendered report?)`],
    ['notes.txt', '## Results: p99 is fine\n', `notes.txt: ${EXPECTED} Markdown text (a rendered report?)`],
    ['report.html', '<!doctype html><html></html>', `report.html: ${EXPECTED} HTML text (a rendered report?)`],
    ['rows.csv', 'a,b\n1,2\n', `rows.csv: ${EXPECTED} CSV text`],
    ['x.json', '', `x.json: ${EXPECTED} an empty file`],
    ['x.json', 'garbage', `x.json: ${EXPECTED} text that is not valid JSON`],
    ['x.json', '{"a":1,\n "b":2,}', `x.json: ${EXPECTED} text that is not valid JSON (at line 2, column 8)`],
    ['x.json', '{"kind":"capplan-res', `x.json: ${EXPECTED} text that is not valid JSON`],
    ['x.json', '{"a":1}', `x.json: ${NOT_RESULT} a JSON object without "kind" (keys "a")`],
    ['x.json', '{}', `x.json: ${NOT_RESULT} an empty JSON object`],
    ['x.json', '{"kind":"other"}', `x.json: ${NOT_RESULT} JSON with "kind": "other" (a result has "kind": "capplan-result")`],
    ['x.json', '{"schema":"capplan-report/1","title":"t"}', `x.json: ${NOT_RESULT} a capplan report (\`capplan report --format json\`); pass the result file it was made from`],
    ['x.json', '[1]', `x.json: ${NOT_RESULT} a JSON array`],
    ['x.json', '42', `x.json: ${NOT_RESULT} a JSON number`],
    ['x.json', '{"kind":"capplan-result","version":99}', 'x.json: result file version 99 is not supported'],
  ])('%s %j → %s', (file, text, message) => {
    expect(() => parseResult(text, file)).toThrow(InputError);
    expect(() => parseResult(text, file)).toThrow(message);
  });

  it('never quotes the file: control characters and secrets stay out of the message', () => {
    const err = (() => {
      try {
        parseResult('token=s3cret\u001b[2J', 'x.json');
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected an error');
    })();
    expect(err.message).not.toMatch(/s3cret|\u001b/);
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
