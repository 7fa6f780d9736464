import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ValidationError } from '../../src/errors.js';
import { parseProfile } from '../../src/profile/load.js';

const VALID = {
  name: 'fuzz',
  target: 'builtin',
  model: 'closed',
  stages: [
    { duration: '1m', to: 100 },
    { duration: '30s', users: 100, name: 'hold' },
  ],
  thinkTime: { min: '100ms', max: '2s' },
  endpoints: [
    { name: 'a', method: 'GET', path: '/item/{id}', weight: 3, params: { id: { zipf: { n: 100, s: 1.1 } } } },
    { name: 'b', method: 'POST', path: '/item', body: { n: 'x-{random}' }, headers: { A: '${env:T}' } },
  ],
  thresholds: { total: ['p99<200ms'], a: 'p95<100ms' },
};

/** Every path to a leaf or node of a JSON value. */
function paths(v: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (v === null || typeof v !== 'object') return [prefix];
  const kids = Array.isArray(v) ? v.map((x, i) => paths(x, [...prefix, i])) : Object.entries(v).map(([k, x]) => paths(x, [...prefix, k]));
  return [prefix, ...kids.flat()];
}

function setAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

/** parseProfile must return a Profile or throw a ValidationError, never crash. */
function parsesOrValidationError(text: string): void {
  try {
    parseProfile(text, 'fuzz.yaml');
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    for (const i of err.issues) expect(i.message.length).toBeGreaterThan(0);
  }
}

describe('parseProfile robustness', () => {
  it('the base document is valid', () => {
    expect(parseProfile(stringify(VALID), 'fuzz.yaml').endpoints).toHaveLength(2);
  });

  it('any value anywhere in a valid profile → a Profile or a ValidationError (never a crash)', () => {
    const all = paths(VALID);
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
        parsesOrValidationError(stringify(setAt(VALID, path, value)));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('arbitrary text → a Profile or a ValidationError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => parsesOrValidationError(text)), { numRuns: 300, seed: 11 });
  });
});
