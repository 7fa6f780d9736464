import { describe, expect, it } from 'vitest';
import { checkEnv } from '../../src/mix/env.js';
import { GUIDE, profileWith } from './fixture.js';

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
