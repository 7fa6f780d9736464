import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createRequestGenerator } from '../../src/mix/generator.js';
import { GUIDE, profileWith } from './fixture.js';


describe('createRequestGenerator', () => {
  it('follows the weights (chi-square over 100k draws, 2 dof, below the 0.1% critical value 13.8)', () => {
    const gen = createRequestGenerator(GUIDE, { seed: 42, env: { API_TOKEN: 't' } });
    const counts = [0, 0, 0];
    const N = 100_000;
    for (let i = 0; i < N; i++) counts[gen.next().endpointIndex]++;
    const expected = [80, 20, 5].map((w) => (N * w) / 105);
    const chi2 = counts.reduce((a, c, i) => a + (c - expected[i]) ** 2 / expected[i], 0);
    expect(chi2).toBeLessThan(13.8);
  });

  it.each([
    { name: 'a literal endpoint is built once and handed out each time', ep: { name: 'health', path: '/health', headers: { 'X-Env': '${env:TOKEN}' }, body: { a: 1 } }, same: true, path: '/health' },
    { name: 'an endpoint with a drawn value is rendered per request', ep: { name: 'item', path: '/item/{random}' }, same: false, path: /^\/item\/\d+$/ },
  ])('$name', ({ ep, same, path }) => {
    const gen = createRequestGenerator(profileWith([ep]), { seed: 1, env: { TOKEN: 't' } });
    const [a, b] = [gen.next(), gen.next()];
    expect(a === b).toBe(same);
    expect(a.path).toMatch(path);
    if (same) expect(a).toEqual({ endpointIndex: 0, method: 'GET', path: '/health', headers: { 'X-Env': 't', 'content-type': 'application/json' }, body: '{"a":1}' });
  });

  it('renders paths, bodies and headers from the templates; secrets resolved only here', () => {
    const gen = createRequestGenerator(GUIDE, { seed: 1, env: { API_TOKEN: 's3cret' } });
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const r = gen.next();
      seen.add(r.endpointIndex);
      if (r.endpointIndex === 2) {
        expect(r.method).toBe('POST');
        expect(r.path).toBe('/item');
        expect(r.body).toMatch(/^\{"nombre":"item-\d+"\}$/);
        expect(r.headers).toEqual({ Authorization: 'Bearer s3cret', 'content-type': 'application/json' });
      } else {
        expect(r.method).toBe('GET');
        const id = Number(/^\/item\/(\d+)$/.exec(r.path)![1]);
        expect(id).toBeGreaterThanOrEqual(1);
        expect(id).toBeLessThanOrEqual(r.endpointIndex === 0 ? 1000 : 1_000_000);
        expect(r.body).toBeUndefined();
      }
    }
    expect(seen).toEqual(new Set([0, 1, 2]));
    // The profile still holds the template, never the secret.
    expect(JSON.stringify(GUIDE)).not.toContain('s3cret');
  });

  it('is reproducible with a seed; other workers get other streams', () => {
    const draw = (seed: number, workerIndex = 0) => {
      const g = createRequestGenerator(GUIDE, { seed, env: { API_TOKEN: 'x' }, workerIndex, workerCount: 2 });
      return Array.from({ length: 50 }, () => {
        const r = g.next();
        return r.endpointIndex === 2 ? r.body : r.path;
      });
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7, 1)).not.toEqual(draw(7, 0));
  });

  it('draws each parameter once per request (path and body agree), escapes per context', () => {
    const p = profileWith(
      [
        {
          name: 'e',
          method: 'PUT',
          path: '/u/{name}/{id}',
          params: { name: { kind: 'list', values: ['a b/c', 'q"x'] }, id: { kind: 'sequence', start: 10 } },
          body: { id: '{id}', name: '{name}', tags: ['{name}', 3, true, null], raw: '{not a var} {}' },
          headers: { 'X-Req': 'r-{uuid}', 'Content-Type': 'application/merge-patch+json' },
        },
      ],
      { headers: { 'content-type': 'ignored', 'X-Run': 'capplan' } },
    );
    const gen = createRequestGenerator(p, { seed: 3, env: {} });
    for (let i = 0; i < 20; i++) {
      const r = gen.next();
      const body = JSON.parse(r.body!);
      expect(body.id).toBe(String(10 + i));
      expect(body.tags).toEqual([body.name, 3, true, null]);
      expect(body.raw).toBe('{not a var} {}');
      expect(r.path).toBe(`/u/${encodeURIComponent(body.name)}/${10 + i}`);
      expect(r.headers['X-Run']).toBe('capplan');
      expect(r.headers['Content-Type']).toBe('application/merge-patch+json');
      expect(r.headers['content-type']).toBeUndefined();
      expect(r.headers['X-Req']).toMatch(/^r-[0-9a-f-]{36}$/);
    }
  });

  it('sequence keys interleave across workers without repeats', () => {
    const p = profileWith([{ name: 's', path: '/{n}', params: { n: { kind: 'sequence', start: 1 } } }]);
    const paths = [0, 1, 2].flatMap((w) => {
      const g = createRequestGenerator(p, { seed: 1, env: {}, workerIndex: w, workerCount: 3 });
      return Array.from({ length: 4 }, () => g.next().path);
    });
    expect(paths.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))).toEqual(Array.from({ length: 12 }, (_, i) => `/${i + 1}`));
  });

  it('an unset ${env:NAME} is an InputError naming the field, never a value', () => {
    expect(() => createRequestGenerator(GUIDE, { seed: 1, env: {} })).toThrow(InputError);
    expect(() => createRequestGenerator(GUIDE, { seed: 1, env: {} })).toThrow(/endpoints\[2\]\.headers\.Authorization: environment variable API_TOKEN is not set/);
  });
});
