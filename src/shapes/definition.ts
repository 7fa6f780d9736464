import type { z } from 'zod';
import type { Shape, Stage } from './types.js';

/** A path below the shape (`['min']`, `[]` for the shape itself), as in `shape.min`. */
export type ShapeFieldPath = ReadonlyArray<string | number>;

/** What a shape's cross-field check sees beyond its raw fields. */
export interface ShapeCheckContext {
  /** Closed model: levels are users (`users:`), else req/s (`rate:`). */
  closed: boolean;
  /** Report a problem at `path` below `shape:`; `atKey` points line:column at the key instead of its value. */
  add(path: ShapeFieldPath, message: string, atKey?: boolean): void;
}

/**
 * Everything about one named shape (`shape: { type: … }`), in one module that registers
 * itself in registry.ts (as k6's executors each register their own config type):
 *   schema (zod, strict; durations → ms) → check (cross-field rules on the raw mapping,
 *   collected with the other problems) → normalise (× scale into the spec) → build (a pure Shape).
 * `Spec` is the normalised form, discriminated by `kind` = `type`.
 */
export interface ShapeDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType, Spec extends { kind: Type } = { kind: Type }> {
  /** The `type:` value in a profile, and the spec's `kind`. */
  readonly type: Type;
  /** Strict zod object of the written shape, with `type: z.literal(type)`. */
  readonly schema: Schema;
  /** Keys holding levels (req/s or users), for the "every level is 0" rule. */
  readonly levelKeys: readonly string[];
  /** Rules the schema cannot express, run on the raw (maybe invalid) mapping: guard every field's type. */
  check?(shape: Record<string, unknown>, ctx: ShapeCheckContext): void;
  /** The schema's output → the normalised spec; every duration × `scale`. */
  normalise(raw: z.output<Schema>, scale: number): Spec;
  /** The pure Shape (rate, cumulative, phases). */
  build(spec: Spec): Shape;
  /** The stages a piecewise-linear shape expands to; absent for smooth shapes. */
  stages?(spec: Spec): Stage[];
  /** Every level × factor through `f` (the demo's `--users`). */
  scaleLevels(spec: Spec, f: (level: number) => number): Spec;
}

/** Declare a shape (typed by its schema); registry.ts lists every declared shape once. */
export function defineShape<Type extends string, Schema extends z.ZodType, Spec extends { kind: Type }>(def: ShapeDefinition<Type, Schema, Spec>): ShapeDefinition<Type, Schema, Spec> {
  return def;
}
