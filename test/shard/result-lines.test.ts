import { describe, expect, it } from 'vitest';
import { decodeResultLines, encodeResultLines, RESULT_CHUNK_CHARS, RESULT_LINE_TAG } from '../../src/shard/result-lines.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

const result = JSON.stringify(syntheticResult({ endpoints: [{ name: 'home', rps: 200, medianMs: 20 }], seconds: 30 }));

describe('encodeResultLines / decodeResultLines', () => {
  it('round-trips a real result file through short tagged lines', () => {
    const lines = encodeResultLines(result, 'abc123-0');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) {
      expect(l.startsWith(`${RESULT_LINE_TAG} abc123-0 `)).toBe(true);
      expect(l.length).toBeLessThanOrEqual(RESULT_LINE_TAG.length + 40 + RESULT_CHUNK_CHARS);
    }
    expect(decodeResultLines(lines.join('\n'))).toEqual({ results: [{ key: 'abc123-0', json: result }], problems: [] });
  });

  it('finds the lines among other output, behind kubectl --prefix and timestamps, with CRLF, interleaved with another pod', () => {
    const a = encodeResultLines(result, 'p-0', 500);
    const other = JSON.stringify({ small: true });
    const b = encodeResultLines(other, 'p-1', 500);
    const log: string[] = ['[pod/run-0-x/capplan] /tmp/result.json', 'some progress line'];
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      if (a[k]) log.push(`[pod/run-0-x/capplan] 2026-11-29T21:30:01.123Z ${a[k]}\r`);
      if (b[k]) log.push(`[pod/run-1-y/capplan] ${b[k]}`);
    }
    const decoded = decodeResultLines(log.join('\n'));
    expect(decoded.problems).toEqual([]);
    expect(decoded.results).toEqual([{ key: 'p-0', json: result }, { key: 'p-1', json: other }]);
  });

  it('counts the same result given twice once', () => {
    const lines = encodeResultLines(result, 'k', 1000);
    expect(decodeResultLines([...lines, ...lines].join('\n')).results).toHaveLength(1);
  });

  it.each([
    ['a missing line', (ls: string[]) => ls.filter((_, k) => k !== 1), /result k: 1 of its \d+ lines are missing .*--tail=-1/],
    ['two runs under one key', (ls: string[]) => [...ls, ...encodeResultLines(result.replace('home', 'hone'), 'k', 1000)], /two different results/],
    ['a corrupted chunk', (ls: string[]) => ls.map((l, k) => (k === 0 ? l.replace(/.{8}$/, 'AAAAAAAA') : l)), /do not decompress/],
  ])('%s is a problem, not a partial result', (_name, damage, message) => {
    const decoded = decodeResultLines(damage(encodeResultLines(result, 'k', 1000)).join('\n'));
    expect(decoded.results).toEqual([]);
    expect(decoded.problems).toHaveLength(1);
    expect(decoded.problems[0]).toMatch(message);
  });

  it('refuses a key with spaces', () => {
    expect(() => encodeResultLines('{}', 'a b')).toThrow(RangeError);
  });
});
