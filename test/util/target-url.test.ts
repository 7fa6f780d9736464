import { describe, expect, it } from 'vitest';
import { joinUrlPath, parseTarget, redactUserinfo, splitTargetUrl } from '../../src/util/target-url.js';

describe('parseTarget: the one target parser', () => {
  it.each([
    ['builtin', {}, { target: 'builtin', path: '/' }],
    [' BUILTIN ', {}, { target: 'builtin', path: '/' }],
    ['http://127.0.0.1:8080', {}, { target: 'http://127.0.0.1:8080', path: '/' }],
    ['http://127.0.0.1:8080/', {}, { target: 'http://127.0.0.1:8080', path: '/' }],
    ['HTTPS://Example.COM:443/', {}, { target: 'https://example.com', path: '/' }],
    ['http://[::1]:9', {}, { target: 'http://[::1]:9', path: '/' }],
    ['http://h:1/api', { allowPath: true }, { target: 'http://h:1', path: '/api' }],
    ['http://h:1/api/?q=1', { allowPath: true }, { target: 'http://h:1', path: '/api/?q=1' }],
  ])('%j %j → %j', (input, opts, expected) => expect(parseTarget(input, opts)).toEqual(expected));

  it.each([
    [undefined, {}, 'expected builtin or a URL like http://127.0.0.1:8080 (http(s)://host[:port]) (got null)'],
    ['', {}, '(got "")'],
    [42, {}, '(got 42)'],
    ['example.com', {}, '(got "example.com")'],
    ['ftp://x', {}, 'the scheme must be http or https (got "ftp://x")'],
    ['http://h:1/api', {}, 'no path, query or credentials — endpoint paths go under endpoints: (got "http://h:1/api")'],
    ['http://h:1/?a=1', {}, 'no path, query or credentials'],
    ['http://h:1/#x', { allowPath: true }, 'no path, query or credentials'],
    ['http://user:SECRET@h:1', {}, 'no credentials in the URL (send them as a header, e.g. headers: { authorization: … }) (got "http://user:***@h:1")'],
    ['http://user:SECRET@h:1/api', { allowPath: true }, '(got "http://user:***@h:1/api")'],
    ['http://SECRET@h:1', {}, '(got "http://***@h:1")'],
    ['not a url user:SECRET@', {}, '(got "not a url user:SECRET@")'], // no scheme://: not userinfo
  ])('%j %j is refused: %s', (input, opts, message) => {
    const r = parseTarget(input, opts);
    expect(r).toEqual({ error: expect.stringContaining(message) });
  });

  it('never echoes a password, whatever the rest of the URL', () => {
    for (const input of ['http://u:SECRET@h:1', 'https://u:SECRET@h/x?y', 'http://u:SE@CRET@h:1', 'ftp://u:SECRET@h', 'http://u:SECRET@', 'http://:SECRET@h']) {
      const r = parseTarget(input, { allowPath: true });
      expect('error' in r && r.error).toMatch(/\*\*\*@/);
      expect(JSON.stringify(r)).not.toMatch(/SECRET|CRET/);
    }
  });
});

describe('splitTargetUrl, joinUrlPath, redactUserinfo', () => {
  it.each([
    ['http://127.0.0.1:8080', { origin: 'http://127.0.0.1:8080', basePath: '' }],
    ['http://h:1/api/', { origin: 'http://h:1', basePath: '/api' }],
    ['https://h/a/b?x=1', { origin: 'https://h', basePath: '/a/b' }],
  ])('splits %s', (input, expected) => expect(splitTargetUrl(input)).toEqual(expected));

  it('refuses what is not an http(s) URL, redacted', () => {
    expect(() => splitTargetUrl('builtin')).toThrow(/must be started/);
    expect(() => splitTargetUrl('http://u:SECRET@h')).toThrow(/u:\*\*\*@h/);
    expect(() => splitTargetUrl('http://u:SECRET@h')).not.toThrow(/SECRET/);
  });

  it.each([
    ['', '/x', '/x'],
    ['', 'x', '/x'],
    ['/api', 'users', '/api/users'],
    ['/api/', '/users', '/api/users'],
    ['/', '/', '/'],
  ])('joins %j and %j → %j', (base, path, expected) => expect(joinUrlPath(base, path)).toBe(expected));

  it.each([
    ['target http://u:p@h:1 and https://v:q@k', 'target http://u:***@h:1 and https://v:***@k'],
    ['http://token@h/', 'http://***@h/'],
    ['http://h:1/a@b', 'http://h:1/a@b'],
    ['no url here: a@b', 'no url here: a@b'],
  ])('redacts %j', (input, expected) => expect(redactUserinfo(input)).toBe(expected));
});
