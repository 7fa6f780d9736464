import { describe, expect, it } from 'vitest';
import { payloadLabel, payloadProblems, payloadProfile } from '../../src/sweep/payload.js';
import { adHocProfile } from '../../src/sweep/profiles.js';
import { BUILTIN_TARGET } from '../../src/util/target-url.js';
import { formatBytes } from '../../src/render/format.js';

describe('formatBytes / payloadLabel (binary units, as parseBytes reads them)', () => {
  it.each([
    [0, '0 B'],
    [900, '900 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [10240, '10 KB'],
    [102400, '100 KB'],
    [1048576, '1 MB'],
  ])('%i → %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
    expect(payloadLabel(n)).toBe(text);
  });
});

describe('payloadProblems', () => {
  const paths = new Map([[1024, '/small'], [102400, '/large']]);
  it.each([
    ['built-in target, sizes only', [1024, 10240], undefined, true, null],
    ['own service, a path per size', [1024, 102400], paths, false, null],
    ['own service, a size without a path', [1024, 10240], paths, false, { missingPath: [10240], unusedPath: [102400], tooLarge: [], pathsForBuiltin: false }],
    ['own service, no paths at all', [1024], undefined, false, { missingPath: [1024], unusedPath: [], tooLarge: [], pathsForBuiltin: false }],
    ['built-in target, above 1 MB', [2 * 1048576], undefined, true, { missingPath: [], unusedPath: [], tooLarge: [2097152], pathsForBuiltin: false }],
    ['built-in target, paths given', [1024], new Map([[1024, '/x']]), true, { missingPath: [], unusedPath: [], tooLarge: [], pathsForBuiltin: true }],
  ])('%s', (_n, sizes, p, builtin, expected) => {
    expect(payloadProblems(sizes, p, builtin)).toEqual(expected);
  });
});

describe('payloadProfile', () => {
  it('the built-in target: GET /item/{id}?size=N, one endpoint per size', () => {
    const p = payloadProfile(adHocProfile({ target: BUILTIN_TARGET, path: '/' }), 10240, undefined);
    expect(p.endpoints).toHaveLength(1);
    expect(p.endpoints[0]).toMatchObject({ name: 'get-item 10 KB', method: 'GET', path: '/item/{id}?size=10240' });
    expect(p.name).toBe('sweep-10240B');
  });

  it('your own service: the mapped path on the same origin', () => {
    const base = adHocProfile({ target: 'http://127.0.0.1:8080', path: '/' });
    const p = payloadProfile(base, 1024, new Map([[1024, '/small']]));
    expect(p.target).toBe('http://127.0.0.1:8080');
    expect(p.endpoints).toEqual([{ name: 'GET /small (1 KB)', method: 'GET', path: '/small', weight: 1, params: {}, headers: {}, timeoutMs: base.timeoutMs }]);
  });
});
