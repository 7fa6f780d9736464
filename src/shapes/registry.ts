import { z } from 'zod';
import type { ShapeDefinition } from './definition.js';
import { diurnal } from './diurnal.js';
import { ramp } from './ramp.js';
import { spike } from './spike.js';
import { stagesShape } from './stages.js';
import { steady } from './steady.js';
import { step } from './step.js';
import type { Shape, Stage } from './types.js';

/**
 * Every named shape, in the order messages list them. A new shape is one module
 * (schema, check, normalise, build: see definition.ts) plus its line here.
 */
const NAMED_SHAPES = [steady, ramp, step, spike, diurnal] as const;

type Named = (typeof NAMED_SHAPES)[number];

/** A normalised named shape (`shape: { type: … }`), discriminated by `kind`. */
export type NamedShapeSpec = ReturnType<Named['normalise']>;

/** The shape of the traffic: explicit stages or a named shape (all expand to a Shape). */
export type ShapeSpec = { kind: 'stages'; stages: Stage[] } | NamedShapeSpec;

const definitions: ShapeDefinition[] = [...(NAMED_SHAPES as unknown as ShapeDefinition[])];
/** Bumped by registerShape, so schemas built from the registry are rebuilt. */
let version = 0;

/** Every registered shape definition, in registration order. */
export function shapeDefinitions(): readonly ShapeDefinition[] {
  return definitions;
}

/** The registered definition for a `type:` value, if any. */
export function shapeDefinition(type: unknown): ShapeDefinition | undefined {
  return definitions.find((d) => d.type === type);
}

/** The `type:` values of the named shapes: `steady | ramp | step | spike | diurnal`. */
export const shapeTypes = (): string[] => definitions.map((d) => d.type);

/** Changes whenever a shape is registered or removed (schemas built from the registry key on it). */
export const shapeRegistryVersion = (): number => version;

/**
 * Register a shape at run time (the built-in ones are listed in NAMED_SHAPES above; a test
 * or plugin shape comes here). Returns a function that removes it again. A second shape
 * with the same `type` is a bug: throws.
 */
export function registerShape(def: ShapeDefinition): () => void {
  if (shapeDefinition(def.type) || def.type === 'stages') throw new Error(`a shape of type ${JSON.stringify(def.type)} is already registered`);
  definitions.push(def);
  version++;
  return () => {
    const i = definitions.indexOf(def);
    if (i >= 0) definitions.splice(i, 1);
    version++;
  };
}

/** The schemas of a tuple of definitions, as a tuple (a homomorphic mapped type needs a type parameter). */
type SchemasOf<T extends readonly { schema: unknown }[]> = { -readonly [K in keyof T]: T[K]['schema'] };
type Schemas = SchemasOf<typeof NAMED_SHAPES>;

const unionOf = (defs: readonly ShapeDefinition[]) => z.discriminatedUnion('type', defs.map((d) => d.schema) as unknown as Schemas);
/** The schema of every registered named shape (typed by the built-in ones). */
export type NamedShapeSchema = ReturnType<typeof unionOf>;
let cached: { version: number; schema: NamedShapeSchema } | undefined;

/** The named shapes' schema, discriminated by `type`, of every registered shape (rebuilt after registerShape). */
export function shapeSchema(): NamedShapeSchema {
  if (cached?.version !== version) cached = { version, schema: unionOf(definitions) };
  return cached.schema;
}

/** A named shape after schema parsing (durations in ms, unscaled). */
export type RawShape = z.output<NamedShapeSchema>;

/** Normalise a schema-valid named shape (durations × `scale`). */
export function normaliseNamedShape(raw: RawShape, scale: number): NamedShapeSpec {
  return definitionOf(raw.type).normalise(raw as never, scale) as NamedShapeSpec;
}

/**
 * The stages a piecewise-linear spec expands to (levels req/s or users, durations ms),
 * or `undefined` for smooth shapes (diurnal).
 */
export function expandStages(spec: ShapeSpec): Stage[] | undefined {
  if (spec.kind === 'stages') return spec.stages;
  return definitionOf(spec.kind).stages?.(spec as never);
}

/** Build the pure Shape (rate, cumulative, phases) for a normalised shape spec. */
export function buildShape(spec: ShapeSpec): Shape {
  if (spec.kind === 'stages') return stagesShape(spec.stages);
  return definitionOf(spec.kind).build(spec as never);
}

/** Multiply every level of a shape (users or req/s) by `factor`, rounding to whole numbers. */
export function scaleShapeLevels<S extends ShapeSpec>(spec: S, factor: number): S {
  const f = (x: number) => Math.round(x * factor);
  if (spec.kind === 'stages') return { ...spec, stages: spec.stages.map((s) => ({ ...s, from: f(s.from), to: f(s.to) })) };
  return definitionOf(spec.kind).scaleLevels(spec as never, f) as S;
}

function definitionOf(type: string): ShapeDefinition {
  const def = shapeDefinition(type);
  if (!def) throw new Error(`no shape registered for type ${JSON.stringify(type)}`);
  return def;
}
