import { describe, expect, it } from 'vitest';
import { draftFromHar, isStaticAsset, listParam } from '../../src/init/har.js';
import { renderDraft } from '../../src/init/profile-text.js';
import { parseProfile } from '../../src/profile/load.js';
import { SECRET_COOKIE, SECRET_PASSWORD, SECRET_TOKEN, sampleHar } from './har-fixture.js';

const ORIGIN = 'https://shop.example.com';

function draft(opts: { target?: string; keepAssets?: boolean } = {}) {
  const r = draftFromHar(sampleHar(ORIGIN), { source: 'shop.har', ...opts });
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r;
}

describe('draftFromHar', () => {
  it('makes one endpoint per method + path template, weights from recorded counts', () => {
    const { draft: d } = draft();
    const summary = d.endpoints.map((e) => `${e.method} ${e.path} ×${e.weight}`);
    expect(summary).toEqual([
      'GET /api/users/{id} ×3',
      'GET /api/search?q={q_q}&page=1&token=${env:CAPPLAN_QUERY_TOKEN} ×2',
      'GET / ×1',
      'GET /api/users/{id}/orders/{id2} ×1',
      'POST /api/orders ×1',
      'POST /api/login ×1',
    ]);
    expect(d.target).toBe(ORIGIN);
    expect(d.name).toBe('shop-example-com');
  });

  it('turns numeric and UUID segments into list parameters of the recorded values', () => {
    const { draft: d } = draft();
    const users = d.endpoints.find((e) => e.path === '/api/users/{id}')!;
    expect(users.params).toEqual({ id: { list: { values: [42, 7], weights: [2, 1] } } });
    const orders = d.endpoints.find((e) => e.path.includes('orders/{id2}'))!;
    expect(orders.params).toEqual({ id: { list: [42] }, id2: { list: ['3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b'] } });
    const search = d.endpoints.find((e) => e.path.startsWith('/api/search'))!;
    expect(search.params).toEqual({ q_q: { list: ['shoes', 'hats'] } });
  });

  it('keeps JSON bodies, with credential fields as ${env:…}', () => {
    const { draft: d } = draft();
    expect(d.endpoints.find((e) => e.path === '/api/orders')!.body).toEqual({ item: 42, qty: 2, note: 'gift' });
    expect(d.endpoints.find((e) => e.path === '/api/login')!.body).toEqual({ user: 'ann', password: '${env:CAPPLAN_BODY_PASSWORD}' });
  });

  it('replaces Authorization and cookies by ${env:…} and never writes a recorded secret', () => {
    const { draft: d } = draft();
    const text = renderDraft(d);
    for (const secret of [SECRET_TOKEN, SECRET_COOKIE, SECRET_PASSWORD, 'abc-secret-query', 'Mozilla']) expect(text).not.toContain(secret);
    expect(d.endpoints.find((e) => e.path === '/api/users/{id}')!.headers).toEqual({ authorization: '${env:CAPPLAN_AUTHORIZATION}', accept: 'application/json', cookie: '${env:CAPPLAN_COOKIE}' });
    expect(d.envVars).toEqual(['CAPPLAN_AUTHORIZATION', 'CAPPLAN_BODY_PASSWORD', 'CAPPLAN_COOKIE', 'CAPPLAN_QUERY_TOKEN']);
    expect(text).toContain('export CAPPLAN_AUTHORIZATION, CAPPLAN_BODY_PASSWORD, CAPPLAN_COOKIE, CAPPLAN_QUERY_TOKEN');
  });

  it('drops static assets, other origins and non-HTTP entries, and says so', () => {
    const { notes } = draft();
    expect(notes).toEqual([
      '3 static asset request(s) left out (--keep-assets keeps them)',
      '1 request(s) to 1 other origin(s) left out (metrics.example.net): a profile has one target',
      '1 non-HTTP entry (data:, ws:, extensions) left out',
    ]);
    const kept = draft({ keepAssets: true }).draft.endpoints.map((e) => e.path);
    expect(kept).toContain('/static/app.js');
    expect(kept).toContain('/static/logo.png');
  });

  it('writes --target instead of the recorded origin', () => {
    expect(draft({ target: 'http://127.0.0.1:8080' }).draft.target).toBe('http://127.0.0.1:8080');
  });

  it('renders a profile the loader accepts as written', () => {
    const text = renderDraft(draft().draft);
    const p = parseProfile(text, 'shop.yaml');
    expect(p.endpoints.map((e) => e.name)).toEqual(['get-api-users-id', 'get-api-search', 'get-root', 'get-api-users-id-orders-id2', 'post-api-orders', 'post-api-login']);
    expect(p.endpoints[0].params.id).toEqual({ kind: 'list', values: [42, 7], weights: [2, 1] });
  });

  it.each([
    ['not an object', 'nope', 'log.entries: expected a HAR 1.2 recording'],
    ['no entries', { log: {} }, 'log.entries: expected a HAR 1.2 recording'],
    ['empty', { log: { entries: [] } }, 'log.entries: the recording has no HTTP requests'],
    ['bad url and method', { log: { entries: [{ request: { method: 'G T', url: '/relative' } }, { request: { method: 'GET', url: 'http://a' } }, {}] } },
      'log.entries[0].request.method: expected an HTTP method (got "G T") | log.entries[0].request.url: expected an absolute URL | log.entries[2].request: expected a request object'],
    ['assets only', { log: { entries: [{ request: { method: 'GET', url: 'http://a/x.css' }, response: { content: { mimeType: 'text/css' } } }] } },
      'log.entries: all 1 recorded requests are static assets (pass --keep-assets to keep them)'],
  ])('refuses %s with every problem and its path', (_, har, expected) => {
    const r = draftFromHar(har, { source: 'x.har' });
    expect('problems' in r).toBe(true);
    if ('problems' in r) expect(r.problems.map((p) => `${p.path}: ${p.message}`).join(' | ')).toContain(expected);
  });
});

describe('isStaticAsset', () => {
  it.each([
    ['http://a/app.js', '', true],
    ['http://a/x', 'image/webp', true],
    ['http://a/font', 'font/woff2', true],
    ['http://a/api/items', 'application/json', false],
    ['http://a/', 'text/html', false],
  ])('%s (%s) → %s', (url, mime, expected) => expect(isStaticAsset(new URL(url), mime)).toBe(expected));
});

describe('listParam', () => {
  it.each([
    [['1', '2'], { list: [1, 2] }],
    [['7', '007', '7'], { list: { values: [7, '007'], weights: [2, 1] } }],
  ])('%j → %j', (values, expected) => expect(listParam(values)).toEqual(expected));
});
