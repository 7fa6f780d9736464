import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileDescription, resolveProfileRef, shippedProfileDir, shippedProfiles } from '../../src/profile/shipped.js';
import { loadProfile } from '../../src/profile/load.js';

const cwd = mkdtempSync(join(tmpdir(), 'capplan-shipped-'));
writeFileSync(join(cwd, 'steady.yaml'), 'local');
mkdirSync(join(cwd, 'sub'));

describe('shippedProfiles', () => {
  it('lists the load profiles in profiles/ (not the fleet files), each loading as written', async () => {
    const list = shippedProfiles();
    expect(list.map((p) => p.name)).toEqual(['chaos', 'diurnal', 'pareto', 'ramp', 'spike', 'steady', 'step']);
    for (const p of list) {
      expect(p.description.length).toBeGreaterThan(10);
      await expect(loadProfile(p.path)).resolves.toBeDefined();
    }
  });
});

describe('resolveProfileRef', () => {
  const dir = shippedProfileDir();
  it.each([
    ['a local file wins', 'steady.yaml', cwd, 'steady.yaml'],
    ['a bare name → the shipped file', 'steady', join(cwd, 'sub'), join(dir, 'steady.yaml')],
    ['name.yaml with no local file → the shipped file', 'ramp.yaml', join(cwd, 'sub'), join(dir, 'ramp.yaml')],
    ['a path is never looked up by name', 'x/steady', cwd, 'x/steady'],
    ['stdin', '-', cwd, '-'],
  ])('%s: %s', (_, ref, where, expected) => expect(resolveProfileRef(ref, where)).toBe(expected));

  it.each([
    ['a misspelled name suggests the shipped one', 'stedy', /^stedy: no such file, and no shipped profile of that name \(did you mean "steady"\?\); `capplan profiles` lists them$/],
    ['an unknown name', 'nope', /^nope: no such file, and no shipped profile of that name; `capplan profiles`/],
    ['a fleet file is not a load profile', 'fleet', /^fleet: no such file, and no shipped profile/],
  ])('%s: %s is refused', (_, ref, message) => expect(() => resolveProfileRef(ref, join(cwd, 'sub'))).toThrow(message));
});

describe('profileDescription', () => {
  it.each([
    ['# One line.\nname: x', 'One line.'],
    ['# A long sentence that goes\n# on: here. Then more.\nname: x', 'A long sentence that goes on: here.'],
    ['name: x\n# later', ''],
    ['#   spaced?  yes\n', 'spaced?'],
  ])('%j → %j', (text, expected) => expect(profileDescription(text)).toBe(expected));
});
