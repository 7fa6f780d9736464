import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../src/profile/load.js';
import { planHash, shortPlanHash } from '../../src/shard/plan-hash.js';
import { profileWith } from '../mix/fixture.js';

const YAML = `name: shop
target: http://127.0.0.1:8080
model: open
seed: 7
shape: { type: steady, rate: 100, duration: 10s }
endpoints:
  - { name: home, method: GET, path: / }
`;

describe('planHash', () => {
  const base = profileWith([{ name: 'home' }], { file: 'a/profile.yaml' });

  it('is 64 hex digits, stable, and the short form is its first 12', () => {
    const h = planHash(base, 1, 3);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(planHash(base, 1, 3)).toBe(h);
    expect(shortPlanHash(h)).toBe(h.slice(0, 12));
  });

  it('does not depend on key order or on where the profile file was', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as typeof base;
    expect(planHash(reordered, 1, 3)).toBe(planHash(base, 1, 3));
    expect(planHash({ ...base, file: '/etc/capplan/profile.yaml' }, 1, 3)).toBe(planHash(base, 1, 3));
    expect(planHash(parseProfile(YAML, 'here.yaml'), 7, 3)).toBe(planHash(parseProfile(YAML, '/etc/capplan/profile.yaml'), 7, 3));
  });

  it.each([
    ['the seed', planHash(base, 2, 3)],
    ['the shard count', planHash(base, 1, 4)],
    ['the rate', planHash({ ...base, shape: { kind: 'steady', level: 11, durationMs: 1000 } }, 1, 3)],
    ['the scale', planHash(parseProfile(YAML, 'p.yaml', { scale: 0.5 }), 1, 3)],
    ['the target', planHash({ ...base, target: 'http://other:80' }, 1, 3)],
    ['the arrival process', planHash({ ...base, arrivals: 'poisson' }, 1, 3)],
  ])('changes with %s', (_what, other) => {
    expect(other).not.toBe(planHash(base, 1, 3));
  });
});
