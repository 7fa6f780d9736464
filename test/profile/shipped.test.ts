import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkEnv } from '../../src/mix/env.js';
import { createRequestGenerator } from '../../src/mix/generator.js';
import { loadProfile } from '../../src/profile/load.js';
import { usersAt } from '../../src/schedule/closed-users.js';
import { buildShape } from '../../src/shapes/registry.js';
import { GUIDE_SPIKE_STAGES } from '../shapes/fixtures.js';

const DIR = join(import.meta.dirname, '../../profiles');
/** Every YAML file in profiles/ that is a load profile (has endpoints:); fleet files etc. are not. */
const LOAD_PROFILES = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .filter((f) => {
    const doc: unknown = parse(readFileSync(join(DIR, f), 'utf8'));
    return doc !== null && typeof doc === 'object' && 'endpoints' in doc;
  });

describe('shipped profiles', () => {
  it('includes the six documented load profiles', () => {
    expect(LOAD_PROFILES).toEqual(expect.arrayContaining(['spike.yaml', 'ramp.yaml', 'steady.yaml', 'diurnal.yaml', 'pareto.yaml', 'step.yaml']));
  });

  it.each(LOAD_PROFILES)('%s validates, runs on a fresh clone (builtin target, no env) and generates requests', async (f) => {
    const p = await loadProfile(join(DIR, f));
    expect(p.target).toBe('builtin');
    expect(checkEnv(p, {})).toEqual([]);
    const shape = buildShape(p.shape);
    expect(shape.durationSec).toBeGreaterThan(0);
    expect(shape.cumulative(shape.durationSec)).toBeGreaterThan(0);
    const gen = createRequestGenerator(p, { seed: p.seed, env: {} });
    for (let i = 0; i < 200; i++) {
      const r = gen.next();
      expect(r.path).toMatch(/^\/(item(\/[^/{}]+)?|health|stats)$/);
    }
  });

  it('spike.yaml is exercise 17.4.2: closed, 0→1000 in 5m, →5000 in 30s, 5000 for 10m, →0 in 2m', async () => {
    const p = await loadProfile(join(DIR, 'spike.yaml'));
    expect(p.model).toBe('closed');
    expect(p.shape).toEqual({ kind: 'stages', stages: GUIDE_SPIKE_STAGES });
    expect(p.thinkTime).toEqual({ minMs: 100, maxMs: 2000 });
    expect(p.endpoints.map((e) => [e.name, e.method, e.path, e.weight])).toEqual([
      ['popular', 'GET', '/item/{id}', 80],
      ['random', 'GET', '/item/{id}', 20],
      ['create', 'POST', '/item', 5],
    ]);
    expect(p.endpoints[1].params.id).toEqual({ kind: 'uniform', min: 1, max: 1_000_000 });
    expect(p.endpoints[2].body).toEqual({ nombre: 'item-{random}' });
    expect(p.thresholds['total@steady']).toContain('p99<500ms');
    const shape = buildShape(p.shape);
    expect([0, 300, 330, 930, 1050].map((t) => usersAt(shape, t))).toEqual([0, 1000, 5000, 5000, 0]);
  });
});
