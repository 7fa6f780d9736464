import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError, ValidationError } from '../../src/errors.js';
import { loadProfile, parseProfile } from '../../src/profile/load.js';

const BASE = `target: builtin
endpoints:
  - { name: health, path: /health }
`;

function issues(text: string, opts = {}): Array<[string, string]> {
  try {
    parseProfile(text, 'p.yaml', opts);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return err.issues.map((i) => [i.path, i.message]);
  }
  throw new Error('no ValidationError');
}

describe('parseProfile: shapes and defaults', () => {
  it.each([
    [
      'stages: ramps from the previous level, holds, explicit from',
      `stages:\n  - { duration: 1m, to: 100 }\n  - { duration: 30s, rate: 100 }\n  - { duration: 10s, from: 50, to: 0, name: cool }`,
      {
        kind: 'stages',
        stages: [
          { durationMs: 60_000, from: 0, to: 100, name: 'ramp-up' },
          { durationMs: 30_000, from: 100, to: 100, name: 'hold' },
          { durationMs: 10_000, from: 50, to: 0, name: 'cool' },
        ],
      },
    ],
    ['steady', 'shape: { type: steady, rate: 1k, duration: 90 }', { kind: 'steady', level: 1000, durationMs: 90_000 }],
    ['ramp (from defaults to 0)', 'shape: { type: ramp, to: 500, duration: 2m }', { kind: 'ramp', from: 0, to: 500, durationMs: 120_000 }],
    ['step', 'shape: { type: step, from: 100, to: 500, steps: 5, stepDuration: 30s }', { kind: 'step', from: 100, to: 500, steps: 5, stepDurationMs: 30_000 }],
    [
      'spike (fall defaults to rise, before/after to 0)',
      'shape: { type: spike, base: 100, peak: 500, rise: 10s, hold: 1m }',
      { kind: 'spike', base: 100, peak: 500, beforeMs: 0, riseMs: 10_000, holdMs: 60_000, fallMs: 10_000, afterMs: 0 },
    ],
    [
      'diurnal (duration defaults to one period)',
      'shape: { type: diurnal, min: 50, max: 500, period: 10m }',
      { kind: 'diurnal', min: 50, max: 500, periodMs: 600_000, durationMs: 600_000, phaseMs: 0 },
    ],
  ])('%s', (_n, yaml, shape) => {
    expect(parseProfile(`${BASE}${yaml}\n`, 'p.yaml').shape).toEqual(shape);
  });

  it('an endpoint without method: is a GET (block and flow mappings, open and closed models), with no issue', () => {
    const text = (model: string) => `target: builtin
model: ${model}
shape: { type: steady, ${model === 'closed' ? 'users' : 'rate'}: 5, duration: 1s }
endpoints:
  - name: block
    path: /item/1
  - { name: flow, path: /item/2, weight: 2 }
  - { name: post, path: /item, method: post }
`;
    for (const model of ['open', 'closed']) {
      expect(parseProfile(text(model), 'p.yaml').endpoints.map((e) => [e.name, e.method])).toEqual([['block', 'GET'], ['flow', 'GET'], ['post', 'POST']]);
    }
  });

  it('fills defaults and keeps templates (never secrets)', () => {
    const p = parseProfile(`${BASE}shape: { type: steady, rate: 5, duration: 1s }\nheaders: { Authorization: "Bearer \${env:TOKEN}" }\n`, 'dir/my-profile.yaml');
    expect(p).toMatchObject({
      name: 'my-profile',
      file: 'dir/my-profile.yaml',
      target: 'builtin',
      model: 'open',
      arrivals: 'uniform',
      timeoutMs: 10_000,
      lateThresholdMs: 10,
      seed: 1,
      thinkTime: { minMs: 0, maxMs: 0 },
      thresholds: {},
      scale: 1,
      headers: { Authorization: 'Bearer ${env:TOKEN}' },
    });
    expect(p.endpoints[0]).toEqual({ name: 'health', method: 'GET', path: '/health', weight: 1, params: {}, headers: {}, timeoutMs: 10_000 });
  });

  it('normalises every field of a full profile', () => {
    const p = parseProfile(
      `name: full
target: http://127.0.0.1:8080/
model: closed
shape: { type: steady, users: 20, duration: 1m }
thinkTime: { min: 100ms, max: 2s }
timeout: 3s
arrivals: POISSON
lateThreshold: 25ms
seed: 99
builtinTarget: { workers: 8, serviceTime: 20ms, queue: 50 }
thresholds: { total: p99<1s, a: [p95<200ms] }
endpoints:
  - name: a
    method: post
    path: "/item/{k}/{v}"
    weight: 2.5
    timeout: 1s
    headers: { X-A: 1 }
    body: { list: [1, "{uuid}"] }
    params:
      k: { list: [x, y] }
      v: { list: { values: [1, 2], weights: [1, 3] } }
  - { name: b, path: "/{s}/{p}", params: { s: { sequence: 10 }, p: { pareto: { xm: 1, alpha: 1.5, max: 100 } } } }
`,
      'full.yaml',
    );
    expect(p).toMatchObject({
      name: 'full',
      target: 'http://127.0.0.1:8080',
      model: 'closed',
      thinkTime: { minMs: 100, maxMs: 2000 },
      timeoutMs: 3000,
      arrivals: 'poisson',
      lateThresholdMs: 25,
      seed: 99,
      builtinTarget: { workers: 8, serviceTimeMs: 20, queue: 50 },
      thresholds: { total: ['p99<1s'], a: ['p95<200ms'] },
    });
    expect(p.endpoints[0]).toEqual({
      name: 'a',
      method: 'POST',
      path: '/item/{k}/{v}',
      weight: 2.5,
      timeoutMs: 1000,
      headers: { 'X-A': '1' },
      body: { list: [1, '{uuid}'] },
      params: { k: { kind: 'list', values: ['x', 'y'] }, v: { kind: 'list', values: [1, 2], weights: [1, 3] } },
    });
    expect(p.endpoints[1].params).toEqual({ s: { kind: 'sequence', start: 10 }, p: { kind: 'pareto', xm: 1, alpha: 1.5, max: 100 } });
    expect(p.endpoints[1].timeoutMs).toBe(3000);
  });

  it('--scale multiplies shape durations only (not think time, timeouts or lateThreshold)', () => {
    const text = `${BASE}model: closed\nthinkTime: { min: 1s, max: 2s }\ntimeout: 5s\nlateThreshold: 10ms\nshape: { type: spike, base: 1, peak: 9, before: 10s, rise: 2s, hold: 20s, fall: 4s, after: 10s }\n`;
    const p = parseProfile(text, 'p.yaml', { scale: 0.5 });
    expect(p.shape).toEqual({ kind: 'spike', base: 1, peak: 9, beforeMs: 5000, riseMs: 1000, holdMs: 10_000, fallMs: 2000, afterMs: 5000 });
    expect([p.thinkTime, p.timeoutMs, p.lateThresholdMs, p.scale]).toEqual([{ minMs: 1000, maxMs: 2000 }, 5000, 10, 0.5]);
    const d = parseProfile(`${BASE}shape: { type: diurnal, min: 1, max: 2, period: 24h, phase: 6h }\n`, 'p.yaml', { scale: 1 / 144 });
    expect(d.shape).toMatchObject({ periodMs: 600_000, durationMs: 600_000, phaseMs: 150_000 });
  });

  it.each([0, -1, Number.NaN, Infinity])('--scale %s is a usage error', (scale) => {
    expect(() => parseProfile(`${BASE}shape: { type: steady, rate: 5, duration: 1s }\n`, 'p.yaml', { scale })).toThrow(UsageError);
  });

  it('--target overrides (and may replace a missing target); a bad --target is named', () => {
    const noTarget = 'shape: { type: steady, rate: 5, duration: 1s }\nendpoints: [{ name: a, path: / }]\n';
    expect(parseProfile(noTarget, 'p.yaml', { target: 'https://api.example.com:8443' }).target).toBe('https://api.example.com:8443');
    expect(issues(noTarget)).toEqual([['', expect.stringContaining('missing target')]]);
    expect(issues(noTarget, { target: 'example.com' })).toEqual([['target', expect.stringMatching(/^expected builtin or a URL.*\(the target given on the command line\)$/)]]);
  });
});

describe('parseProfile: sad paths', () => {
  const shape = 'shape: { type: steady, rate: 5, duration: 1s }\n';
  it.each([
    ['a list at the root', '- a\n- b\n', '', 'expected a mapping'],
    ['stages and shape', `${BASE}${shape}stages: [{ duration: 1s, to: 1 }]\n`, 'shape', 'use either stages: or shape:, not both'],
    ['unknown shape key', `${BASE}shape: { type: ramp, to: 5, duraton: 1s }\n`, 'shape.duraton', 'unknown key "duraton" (did you mean "duration"?)'],
    ['ramp without duration', `${BASE}shape: { type: ramp, to: 5 }\n`, 'shape.duration', 'required: a duration like 30s'],
    ['open model with users', `${BASE}shape: { type: steady, users: 5, duration: 1s }\n`, 'shape.users', 'use rate: instead of users:'],
    ['zero-length stage', `${BASE}stages: [{ duration: 0s, to: 1 }]\n`, 'stages[0].duration', 'must be longer than 0'],
    ['stage with two levels', `${BASE}stages: [{ duration: 1s, to: 1, rate: 2 }]\n`, 'stages[0]', 'use only one of to:, rate:'],
    ['step with 2.5 steps', `${BASE}shape: { type: step, from: 1, to: 2, steps: 2.5, stepDuration: 1s }\n`, 'shape.steps', 'expected a whole number of steps'],
    ['diurnal min > max', `${BASE}shape: { type: diurnal, min: 9, max: 1, period: 1m }\n`, 'shape.min', 'must be ≤ max'],
    ['bad model', `${BASE}${shape}model: opened\n`, 'model', 'expected one of open, closed (got "opened")'],
    ['bad arrivals', `${BASE}${shape}arrivals: burst\n`, 'arrivals', 'expected one of uniform, poisson'],
    ['bad timeout', `${BASE}${shape}timeout: soon\n`, 'timeout', 'expected a duration'],
    ['headers not a mapping', `${BASE}${shape}headers: [a]\n`, 'headers', 'expected a mapping (got a list)'],
    ['param with no form', `target: builtin\n${shape}endpoints: [{ name: a, path: "/{x}", params: { x: {} } }]\n`, 'endpoints[0].params.x', 'expected one of uniform:, zipf:'],
    ['uniform min > max', `target: builtin\n${shape}endpoints: [{ name: a, path: "/{x}", params: { x: { uniform: [9, 1] } } }]\n`, 'endpoints[0].params.x.uniform', 'min ≤ max (got [9, 1])'],
    ['zipf s = 0', `target: builtin\n${shape}endpoints: [{ name: a, path: "/{x}", params: { x: { zipf: { n: 5, s: 0 } } } }]\n`, 'endpoints[0].params.x.zipf.s', 'must be > 0'],
    ['list weights mismatch', `target: builtin\n${shape}endpoints: [{ name: a, path: "/{x}", params: { x: { list: { values: [a, b], weights: [1] } } } }]\n`, 'endpoints[0].params.x.list.weights', 'expected 2 weights'],
    ['unknown var in body', `target: builtin\n${shape}endpoints: [{ name: a, path: /, body: { a: [1, "{nope}"] } }]\n`, 'endpoints[0].body.a[1]', 'unknown parameter {nope}'],
    ['common header using a param', `${BASE}${shape}headers: { X-Id: "{id}" }\n`, 'headers.X-Id', 'must be {random}, {uuid} or a parameter every endpoint defines'],
    ['bad method', `target: builtin\n${shape}endpoints: [{ name: a, path: /, method: "GET /x" }]\n`, 'endpoints[0].method', 'expected an HTTP method'],
    ['misspelled method (issue 14 trial: GETT was sent and got 400s)', `target: builtin\n${shape}endpoints: [{ name: a, path: /, method: GETT }]\n`, 'endpoints[0].method', 'expected an HTTP method such as GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS (got "GETT") (did you mean "GET"?)'],
    ['CONNECT is a tunnel, not a request', `target: builtin\n${shape}endpoints: [{ name: a, path: /, method: connect }]\n`, 'endpoints[0].method', 'expected an HTTP method'],
    ['URL with a path', `target: http://h:1/api\n${shape}endpoints: [{ name: a, path: / }]\n`, 'target', 'no path, query or credentials'],
    ['negative builtin queue', `${BASE}${shape}builtinTarget: { queue: -1 }\n`, 'builtinTarget.queue', 'must be ≥ 0 (got -1)'],
    ['all levels zero (stages)', `${BASE}stages: [{ duration: 1s, to: 0 }, { duration: 1s, rate: 0 }]\n`, 'stages', 'every level is 0'],
    ['all levels zero (shape)', `${BASE}shape: { type: diurnal, min: 0, max: 0, period: 1m }\n`, 'shape', 'every level is 0'],
    ['a million steps', `${BASE}shape: { type: step, from: 1, to: 2, steps: 1M, stepDuration: 1s }\n`, 'shape.steps', 'must be ≤ 10000 (got "1M")'],
    ['zero service time', `${BASE}${shape}builtinTarget: { serviceTime: 0ms }\n`, 'builtinTarget.serviceTime', 'must be longer than 0'],
    ['unresolved alias', `${BASE}${shape}seed: *nope\n`, '', 'YAML'],
    ['alias to nothing at the root', '*!', '', 'YAML error'],
    ['duplicate YAML key', `${BASE}${shape}seed: 1\nseed: 2\n`, '', 'YAML syntax error: Map keys must be unique'],
  ])('%s → %s', (_n, text, path, fragment) => {
    const got = issues(text);
    expect(got).toContainEqual([path, expect.stringContaining(fragment)]);
  });
});

describe('parseProfile: phase-scoped thresholds (SCOPE@PHASE)', () => {
  const SPIKE = `target: builtin
model: closed
stages:
  - { duration: 5m, to: 1000, name: ramp-up }
  - { duration: 30s, to: 5000, name: spike }
  - { duration: 10m, users: 5000, name: steady }
  - { duration: 2m, to: 0 }
endpoints:
  - { name: popular, path: /item/1 }
  - { name: "@org/team", path: /item/2 }
`;
  const PHASES = "the shape's phases are ramp-up, spike, steady, ramp-down";

  it('accepts total or an endpoint with a phase the shape produces (stage name: wins, else the derived name)', () => {
    const p = parseProfile(`${SPIKE}thresholds:\n  total: [error_rate<5%]\n  total@steady: [p99<500ms]\n  popular@spike: p95<800ms\n  total@ramp-down: [p99<1s]\n  "@org/team@steady": [p99<1s]\n`, 'p.yaml');
    expect(p.thresholds).toEqual({
      total: ['error_rate<5%'],
      'total@steady': ['p99<500ms'],
      'popular@spike': ['p95<800ms'],
      'total@ramp-down': ['p99<1s'],
      '@org/team@steady': ['p99<1s'],
    });
  });

  it.each([
    ['named shapes have their own phases', 'shape: { type: spike, base: 10, peak: 50, rise: 1s, hold: 5s }', 'total@spike', true],
    ['a zero-length part has no phase', 'shape: { type: spike, base: 10, peak: 50, rise: 1s, hold: 5s }', 'total@baseline', false],
    ['step phases', 'shape: { type: step, from: 10, to: 30, steps: 3, stepDuration: 1s }', 'total@step-3', true],
    ['steady', 'shape: { type: steady, rate: 5, duration: 1s }', 'health@steady', true],
  ])('%s: %s → %s', (_n, shape, key, ok) => {
    const text = `${BASE}${shape}\nthresholds: { "${key}": [p99<1s] }\n`;
    if (ok) expect(parseProfile(text, 'p.yaml').thresholds).toEqual({ [key]: ['p99<1s'] });
    else expect(issues(text).map(([path]) => path)).toEqual([`thresholds.${key}`]);
  });

  it.each([
    ['an unknown phase, with did-you-mean and the phases', 'total@stedy', `"stedy" is not a phase of this shape (did you mean "steady"?); ${PHASES}`],
    ['an unknown phase without a close match', 'popular@peak', `"peak" is not a phase of this shape; ${PHASES}`],
    ['an unknown endpoint before @', 'populr@steady', '"populr" is neither total nor an endpoint name (did you mean "popular"?); expected one of total, popular, @org/team'],
    ['no phase after @', 'total@', `expected a phase name after "total@"; ${PHASES}`],
    ['no scope before @', '@steady', 'expected total or an endpoint name before "@steady" (e.g. total@steady)'],
  ])('refuses %s: %s', (_n, key, message) => {
    expect(issues(`${SPIKE}thresholds: { "${key}": [p99<1s] }\n`)).toEqual([[`thresholds.${key}`, message]]);
  });

  // Shape problems and a bad phase reference in ONE list (not the phase only after the shape is fixed).
  it.each([
    [
      'a bad stage duration',
      'stages:\n  - { duration: 0s, to: 10, name: warm }\n  - { duration: 5s, rate: 10, name: steady }\n',
      'total@stedy',
      [
        ['stages[0].duration', 'must be longer than 0 (got "0s")'],
        ['thresholds.total@stedy', `"stedy" is not a phase of this shape (did you mean "steady"?); the shape's phases are warm, steady`],
      ],
    ],
    [
      'an unknown key in a stage (the derived names still count)',
      'stages:\n  - { duration: 1s, to: 10, nmae: warm }\n  - { duration: 5s, rate: 10 }\n',
      'total@warm',
      [
        ['stages[0].nmae', 'unknown key "nmae" (did you mean "name"?)'],
        ['thresholds.total@warm', `"warm" is not a phase of this shape; the shape's phases are ramp-up, hold`],
      ],
    ],
    [
      'a bad level: any derived name could be meant, named ones stay',
      'stages:\n  - { duration: 1s, to: lots }\n  - { duration: 5s, rate: 10, name: steady }\n',
      'total@peak',
      [
        ['stages[0].to', 'expected'],
        ['thresholds.total@peak', `"peak" is not a phase of this shape; the stages' phases can be ramp-up, hold, ramp-down, steady`],
      ],
    ],
    ['a bad level does not refuse a derived name it could produce', 'stages:\n  - { duration: 1s, to: lots }\n', 'total@ramp-up', [['stages[0].to', 'expected']]],
    ['a bad duration keeps an exact derived name', 'stages:\n  - { duration: soon, to: 10 }\n', 'total@ramp-up', [['stages[0].duration', 'expected a duration']]],
  ])('%s: every problem at once', (_n, stages, key, want) => {
    const got = issues(`${BASE}${stages}thresholds: { "${key}": [p99<1s] }\n`);
    expect(got.map(([path]) => path)).toEqual(want.map(([path]) => path));
    got.forEach(([, message], i) => expect(message).toContain(want[i][1]));
  });

  it('an invalid shape does not add phase errors of its own', () => {
    const got = issues(`${BASE}shape: { type: ramp, to: 5 }\nthresholds: { total@anything: [p99<1s] }\n`);
    expect(got.map(([path]) => path)).toEqual(['shape.duration']);
  });
});

describe('loadProfile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'capplan-profile-'));

  it('a missing file is an InputError saying so', async () => {
    const missing = join(dir, 'nope.yaml');
    await expect(loadProfile(missing)).rejects.toThrow(InputError);
    await expect(loadProfile(missing)).rejects.toThrow(`${missing}: no such file`);
  });

  it('a directory is an InputError', async () => {
    await expect(loadProfile(dir)).rejects.toThrow(/is a directory/);
  });

  it('reads, parses and names the profile after the file', async () => {
    const f = join(dir, 'smoke.yaml');
    writeFileSync(f, `${BASE}shape: { type: steady, rate: 5, duration: 1s }\n`);
    const p = await loadProfile(f, { scale: 2 });
    expect([p.name, p.file, p.scale]).toEqual(['smoke', f, 2]);
  });
});
