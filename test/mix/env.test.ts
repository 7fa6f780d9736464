import { describe, expect, it } from 'vitest';
import { checkEnv } from '../../src/mix/env.js';
import { GUIDE, profileWith } from './fixture.js';
import { parseProfile } from '../../src/profile/load.js';
import { ValidationError } from '../../src/errors.js';

describe('checkEnv', () => {
  it.each([
    [{}, ['endpoints[2].headers.Authorization']],
    [{ API_TOKEN: '' }, []],
    [{ API_TOKEN: 'x' }, []],
  ])('env %j → issues at %j', (env, paths) => {
    expect(checkEnv(GUIDE, env).map((i) => i.path)).toEqual(paths);
  });

  it('finds references in common headers and bodies', () => {
    const p = profileWith([{ name: 'a', path: '/s?key=${env:QKEY}', body: { user: { pw: '${env:PW}' } } }], { headers: { 'X-Key': '${env:KEY}-${env:PW}' } });
    expect(checkEnv(p, {})).toEqual([
      { path: 'headers.X-Key', message: expect.stringContaining('KEY is not set') },
      { path: 'headers.X-Key', message: expect.stringContaining('PW is not set') },
      { path: 'endpoints[0].path', message: expect.stringContaining('QKEY is not set') },
      { path: 'endpoints[0].body.user.pw', message: expect.stringContaining('PW is not set') },
    ]);
  });
});

describe('unset environment variables are reported with every other problem of the profile', () => {
  const text = [
    'name: t',
    'target: http://127.0.0.1:1',
    'shape: { type: steady, rate: 10, duration: 1s }',
    'headers: { authorization: "Bearer ${env:TOKEN}" }',
    'endpoints:',
    '  - { name: a, method: GETX, path: "/${env:P}", body: { k: "${env:B}" } }',
  ].join('\n');

  it('with the environment: the schema problem and the three unset variables at once, each at its line:column', () => {
    let err: unknown;
    try {
      parseProfile(text, 'p.yaml', { env: {} });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const issues = (err as ValidationError).issues.map((i) => [i.path, i.line, i.message.includes('is not set') ? 'env' : 'schema']);
    expect(issues).toEqual([
      ['headers.authorization', 4, 'env'],
      ['endpoints[0].method', 6, 'schema'],
      ['endpoints[0].path', 6, 'env'],
      ['endpoints[0].body.k', 6, 'env'],
    ]);
  });

  it('a raw document with fields of the wrong type is checked where it can be', () => {
    expect(checkEnv({ headers: 'x', endpoints: [null, 3, { path: '${env:Q}', headers: ['${env:R}'] }] }, {}).map((i) => i.path)).toEqual(['endpoints[2].path']);
  });

  it('without the environment (commands other than load), no variable is checked', () => {
    expect(() => parseProfile(text.replace('GETX', 'GET'), 'p.yaml')).not.toThrow();
    expect(() => parseProfile(text.replace('GETX', 'GET'), 'p.yaml', { env: { TOKEN: 'x', P: 'y', B: 'z' } })).not.toThrow();
  });
});
