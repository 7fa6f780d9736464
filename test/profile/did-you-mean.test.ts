import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../src/profile/did-you-mean.js';
import { formatPath, parseYaml } from '../../src/profile/yaml-source.js';

const ROOT = ['name', 'target', 'model', 'stages', 'shape', 'endpoints', 'thinkTime', 'headers', 'timeout', 'arrivals', 'lateThreshold', 'seed', 'builtinTarget', 'thresholds'];

describe('suggest', () => {
  it.each([
    ['stagse', 'stages'],
    ['endpoint', 'endpoints'],
    ['treshold', 'thresholds'],
    ['thinktime', 'thinkTime'],
    ['TARGET', 'target'],
    ['arival', 'arrivals'],
    ['seeds', 'seed'],
  ])('%s → %s', (input, expected) => {
    expect(suggest(input, ROOT)).toBe(expected);
  });

  it.each(['banana', 'xyz', 'a', 'qq'])('%s → nothing close', (input) => {
    expect(suggest(input, ROOT)).toBeUndefined();
  });

  it.each([
    ['stagse', 'stages', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('yaml-source', () => {
  it('formats paths the way users read them', () => {
    expect(formatPath(['stages', 2, 'duration'])).toBe('stages[2].duration');
    expect(formatPath(['endpoints', 0, 'headers', 'X-Run'])).toBe('endpoints[0].headers.X-Run');
    expect(formatPath([])).toBe('');
  });

  it('locates values and keys, falling back to the deepest existing node', () => {
    const src = parseYaml('a:\n  b: [1, { c: 2 }]\n  d: x\n');
    expect(src.locate(['a', 'b', 1, 'c'])).toEqual({ line: 2, column: 15 });
    expect(src.locate(['a', 'd'], true)).toEqual({ line: 3, column: 3 });
    expect(src.locate(['a', 'missing', 'deeper'])).toEqual({ line: 2, column: 3 });
  });

  it('reports the first syntax error with line:column', () => {
    const src = parseYaml('a: 1\nb: [1, 2\nc: 3\n');
    expect(src.syntaxIssues).toHaveLength(1);
    expect(src.syntaxIssues[0]).toMatchObject({ path: '', line: expect.any(Number), column: expect.any(Number) });
    expect(src.syntaxIssues[0].message).toMatch(/^YAML syntax error: /);
    expect(src.value).toBeUndefined();
  });
});
