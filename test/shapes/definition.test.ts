import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { parseProfile } from '../../src/profile/load.js';
import { defineShape } from '../../src/shapes/definition.js';
import { buildShape, registerShape, shapeDefinitions } from '../../src/shapes/registry.js';
import { stagesShape } from '../../src/shapes/stages.js';
import { openArrivals } from '../../src/schedule/open-arrivals.js';
import { durationField, levelField } from '../../src/util/config-fields.js';

/** A minimal valid `shape:` mapping of each built-in type. */
const EXAMPLES: Record<string, Record<string, unknown>> = {
  steady: { type: 'steady', rate: 10, duration: '2s' },
  ramp: { type: 'ramp', to: 10, duration: '2s' },
  step: { type: 'step', from: 1, to: 3, steps: 3, stepDuration: '1s' },
  spike: { type: 'spike', base: 1, peak: 5, rise: '1s', hold: '1s' },
  diurnal: { type: 'diurnal', min: 1, max: 5, period: '4s' },
};

describe('the shape registry contract', () => {
  it('lists every built-in shape once, and each has an example here', () => {
    const types = shapeDefinitions().map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual(Object.keys(EXAMPLES));
  });

  it.each(shapeDefinitions().map((d) => [d.type, d] as const))('%s: schema, level keys, normalise, build, scaleLevels, and check when present', (type, def) => {
    expect(typeof def.normalise).toBe('function');
    expect(typeof def.build).toBe('function');
    expect(typeof def.scaleLevels).toBe('function');
    if (def.check !== undefined) expect(typeof def.check).toBe('function');
    expect(def.levelKeys.length).toBeGreaterThan(0);
    // The schema accepts its example and refuses another type and unknown keys.
    const raw = def.schema.parse(EXAMPLES[type]);
    expect(def.schema.safeParse({ ...EXAMPLES[type], type: 'other' }).success).toBe(false);
    expect(def.schema.safeParse({ ...EXAMPLES[type], nope: 1 }).success).toBe(false);
    // normalise gives the spec of its kind, scaled; build gives a Shape of that length.
    const spec = def.normalise(raw, 1);
    expect(spec.kind).toBe(type);
    const one = def.build(spec);
    const half = def.build(def.normalise(raw, 0.5));
    expect(one.durationSec).toBeGreaterThan(0);
    expect(half.durationSec).toBeCloseTo(one.durationSec / 2, 9);
    // Level keys exist in the schema; scaleLevels doubles the levels (and so the arrivals).
    const keys = Object.keys((def.schema as unknown as z.ZodObject).shape);
    for (const k of def.levelKeys) expect(keys).toContain(k);
    const doubled = def.build(def.scaleLevels(spec, (x) => 2 * x));
    expect(doubled.cumulative(doubled.durationSec)).toBeCloseTo(2 * one.cumulative(one.durationSec), 6);
  });

  it('a second shape with a taken type is refused', () => {
    expect(() => registerShape(shapeDefinitions()[0])).toThrow(/already registered/);
  });
});

/** A shape defined only in this test: `level` for `duration`, then nothing for `pause`, `times` times. */
const pulse = defineShape({
  type: 'pulse',
  schema: z.strictObject({ type: z.literal('pulse'), rate: levelField(), on: durationField({ positive: true }), pause: durationField(), times: z.number().int().min(1) }),
  levelKeys: ['rate'],
  check(shape, { add }) {
    if (typeof shape.times === 'number' && shape.times > 10) add(['times'], `at most 10 pulses (got ${shape.times})`);
  },
  normalise: (s, scale) => ({ kind: 'pulse' as const, rate: s.rate, onMs: s.on * scale, pauseMs: s.pause * scale, times: s.times }),
  build: (spec) =>
    stagesShape(
      Array.from({ length: spec.times }, () => [
        { durationMs: spec.onMs, from: spec.rate, to: spec.rate, name: 'pulse' },
        { durationMs: spec.pauseMs, from: 0, to: 0, name: 'pause' },
      ]).flat(),
    ),
  scaleLevels: (spec, f) => ({ ...spec, rate: f(spec.rate) }),
});

const profile = (shape: string) => `target: http://127.0.0.1:8080
shape: ${shape}
endpoints: [{ name: a, path: / }]
thresholds: { total@pause: [p99<1s] }
`;

describe('a shape registered in a test works end to end', () => {
  let unregister: (() => void) | undefined;
  afterEach(() => {
    unregister?.();
    unregister = undefined;
  });

  it('parse → normalise (× scale) → build → schedule: exactly rate × on × times arrivals', () => {
    unregister = registerShape(pulse as never);
    const p = parseProfile(profile('{ type: pulse, rate: 20, on: 2s, pause: 1s, times: 3 }'), 'pulse.yaml', { scale: 0.5 });
    expect(p.shape).toEqual({ kind: 'pulse', rate: 20, onMs: 1000, pauseMs: 500, times: 3 });
    const shape = buildShape(p.shape);
    expect(shape.durationSec).toBe(4.5);
    expect([...new Set(shape.phases.map((ph) => ph.name))]).toEqual(['pulse', 'pause']);
    const it = openArrivals(shape, { workerIndex: 0, workerCount: 1, arrivals: 'uniform', seed: 1 });
    const times: number[] = [];
    for (let t = it.next(); t !== Infinity; t = it.next()) times.push(t);
    expect(times).toHaveLength(20 * 1 * 3); // ∫ rate = 20 req/s × 1 s × 3 pulses
    expect(times.every((t) => t % 1.5 <= 1 + 1e-9)).toBe(true); // none in a pause
  });

  it('its check, schema and the common rules report with paths and line:column, collected', () => {
    unregister = registerShape(pulse as never);
    const issues = (() => {
      try {
        parseProfile(profile('{ type: pulse, rate: 0, on: 0s, pause: 1s, times: 11, tiems: 1 }'), 'pulse.yaml');
      } catch (err) {
        if (err instanceof ValidationError) return err.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
      }
      return [];
    })();
    expect(issues).toEqual([
      '2:1 shape: every level is 0: the run would send no requests',
      '2:36 shape.on: must be longer than 0 (got "0s")',
      '2:58 shape.times: at most 10 pulses (got 11)',
      '2:62 shape.tiems: unknown key "tiems" (did you mean "times"?)',
    ]);
  });

  it('once removed, the type is unknown again', () => {
    registerShape(pulse as never)();
    expect(() => parseProfile(profile('{ type: pulse, rate: 1, on: 1s, pause: 1s, times: 1 }'), 'pulse.yaml')).toThrow(ValidationError);
  });
});
