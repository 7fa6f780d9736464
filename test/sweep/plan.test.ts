import { describe, expect, it } from 'vitest';
import { matrixConcurrency, planSweep, stepProfile } from '../../src/sweep/plan.js';
import { adHocProfile, selectEndpoints } from '../../src/sweep/profiles.js';
import { targetFlag } from '../../src/cli/target-flag.js';

/** A target as the CLI parses `--target` for a sweep without a profile. */
const target = (url: string) => targetFlag(url, { allowPath: true });

describe('planning', () => {
  it('plans one step per level in increasing order', () => {
    expect(planSweep([4, 1, 2], 1000, 5000)).toEqual([
      { concurrency: 1, warmupMs: 1000, measureMs: 5000 },
      { concurrency: 2, warmupMs: 1000, measureMs: 5000 },
      { concurrency: 4, warmupMs: 1000, measureMs: 5000 },
    ]);
  });

  it('turns any profile into a closed steady step: no think time for an open profile, thresholds dropped', () => {
    const base = { ...adHocProfile(target('http://127.0.0.1:9/x')), model: 'open' as const, thinkTime: { minMs: 5, maxMs: 9 }, thresholds: { total: ['p99<1ms'] } };
    const p = stepProfile(base, { concurrency: 8, warmupMs: 1000, measureMs: 4000 }, 'http://127.0.0.1:1234');
    expect(p).toMatchObject({ model: 'closed', target: 'http://127.0.0.1:1234', shape: { kind: 'steady', level: 8, durationMs: 5000 }, thinkTime: { minMs: 0, maxMs: 0 }, thresholds: {}, name: 'sweep-c8' });
    const closed = stepProfile({ ...base, model: 'closed' }, { concurrency: 2, warmupMs: 0, measureMs: 1000 }, 'http://h');
    expect(closed.thinkTime).toEqual({ minMs: 5, maxMs: 9 });
  });

  it.each([
    [1, 1, 6],
    [16, 1, 96],
    [4, 10, 8],
    [4, 3, 11], // 4 + max(4, ⌈20 / 3⌉ = 7)
    [16, 100, 32],
  ])('matrix cell with %i workers × %i ms uses %i users', (w, d, n) => expect(matrixConcurrency(w, d)).toBe(n));
});

describe('ad-hoc profiles and --endpoints', () => {
  it('builds one GET per path, or the built-in item endpoint', () => {
    expect(adHocProfile(target('http://127.0.0.1:8080/a?b=1')).endpoints.map((e) => [e.name, e.path])).toEqual([['GET /a?b=1', '/a?b=1']]);
    expect(adHocProfile(target('http://127.0.0.1:8080'), ['/x', 'y']).endpoints.map((e) => e.path)).toEqual(['/x', '/y']);
    expect(adHocProfile(target('builtin')).endpoints[0]).toMatchObject({ method: 'GET', path: '/item/{id}' });
  });

  it.each([
    // The URL's path is applied once: the profile's target is the origin (the /api/api bug).
    ['http://127.0.0.1:8080/api', [], ['/api']],
    ['http://127.0.0.1:8080/api/', ['users', '/orders/1'], ['/api/users', '/api/orders/1']],
    ['http://127.0.0.1:8080/api?x=1', ['users'], ['/api/users']],
  ])('%s with paths %j sends to %j under the origin', (url, paths, expected) => {
    const p = adHocProfile(target(url), paths);
    expect(p.target).toBe('http://127.0.0.1:8080');
    expect(p.endpoints.map((e) => e.path)).toEqual(expected);
  });

  it('selects endpoints by name in the given order and names unknown ones', () => {
    const p = adHocProfile(target('http://h'), ['/a', '/b', '/c']);
    const pick = (names: string[]) => {
      const r = selectEndpoints(p, names);
      if (!('profile' in r)) throw new Error(`unexpected unknown endpoints ${r.unknown.join(', ')}`);
      return r.profile;
    };
    expect(pick(['GET /c', 'GET /a']).endpoints.map((e) => e.name)).toEqual(['GET /c', 'GET /a']);
    expect(pick([]).endpoints).toHaveLength(3);
    expect(selectEndpoints(p, ['GET /a', 'zzz'])).toEqual({ unknown: ['zzz'], known: ['GET /a', 'GET /b', 'GET /c'], source: 'sweep' });
  });
});
