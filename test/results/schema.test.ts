/**
 * Result files are validated on read against the whole-file schema: every problem with its field
 * path, at most MAX_LISTED_PROBLEMS listed (issue 7; issue 9 item 5 "Result files are trusted blindly").
 */
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_PROBLEMS, parseResult } from '../../src/results/read.js';
import { ValidationError } from '../../src/errors.js';
import { mergeResults } from '../../src/results/merge.js';
import type { ResultFile } from '../../src/results/types.js';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { BAD_RESULT_CASES, corruptHistogram } from './bad-results.js';

const good = (): ResultFile =>
  syntheticResult({
    endpoints: [
      { name: 'read', rps: 30, medianMs: 12, errorRate: 0.05 },
      { name: 'write', rps: 10, medianMs: 40, backpressureRate: 0.1, timeoutRate: 0.02 },
    ],
    seconds: 5,
    thresholds: { total: ['p99<1s'] },
  });

describe('result file schema: good version-1 files still read', () => {
  it.each<[string, () => ResultFile]>([
    ['a single run', good],
    ['a run with no intervals', () => syntheticResult({ endpoints: [{ name: 'a', rps: 1, medianMs: 1 }], seconds: 0 })],
    ['an interrupted run with phases', () => syntheticResult({ endpoints: [{ name: 'a', rps: 3, medianMs: 2 }], seconds: 4, interrupted: true, phases: [{ name: 'ramp', startSec: 0, endSec: 2 }, { name: 'steady', startSec: 2, endSec: 4 }] })],
    ['a merged result (shards, targets)', () => {
      const a = good();
      const b = syntheticResult({ endpoints: [{ name: 'read', rps: 5, medianMs: 3 }], seconds: 5, seed: 9 });
      b.profile.target = 'http://127.0.0.1:2/';
      return mergeResults([a, b], { force: true });
    }],
  ])('%s', (_name, make) => {
    const r = make();
    const text = JSON.stringify(r);
    expect(parseResult(text, 'r.json')).toEqual(JSON.parse(text));
  });

  it('keeps keys it does not know (a newer capplan may add optional fields)', () => {
    const r = { ...good(), futureField: { x: 1 } };
    expect(parseResult(JSON.stringify(r), 'r.json')).toHaveProperty('futureField', { x: 1 });
  });
});

describe('result file schema: bad files name the file, the field path and what was expected', () => {
  it.each(BAD_RESULT_CASES)('$name', ({ mutate, problems }) => {
    const r = good() as unknown as Record<string, unknown>;
    mutate(r);
    let err: unknown;
    try {
      parseResult(JSON.stringify(r), 'bad.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const e = err as ValidationError;
    expect(e.exitCode).toBe(2);
    expect(e.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(problems);
    expect(e.message.split('\n')[0]).toBe(`bad.json: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  });

  it(`lists at most ${MAX_LISTED_PROBLEMS} problems and counts the rest`, () => {
    const r = syntheticResult({ endpoints: [{ name: 'a', rps: 2, medianMs: 1 }], seconds: 30 });
    for (const iv of r.intervals) (iv.endpoints.a as unknown as Record<string, unknown>).latency = corruptHistogram(iv.endpoints.a.latency);
    const err = (() => {
      try {
        parseResult(JSON.stringify(r), 'many.json');
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('accepted');
    })();
    const lines = err.message.split('\n');
    expect(lines[0]).toBe(`many.json: 30 problems in the result file (the first ${MAX_LISTED_PROBLEMS} listed)`);
    expect(lines).toHaveLength(1 + MAX_LISTED_PROBLEMS);
    expect(lines[1]).toBe('  many.json: intervals[0].endpoints.a.latency: corrupt encoded histogram (incorrect data check)');
  });
});
