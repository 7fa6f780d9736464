import { randomUUID } from 'node:crypto';
import { InputError } from '../errors.js';
import type { EndpointSpec, Profile } from '../profile/types.js';
import { AliasTable } from './alias.js';
import { checkEnv } from './env.js';
import { createKeySampler, type KeySampler } from './keys.js';
import { Random } from './random.js';
import { parseTemplate } from './template.js';

/**
 * One request to send: everything resolved, ready for the HTTP client. An endpoint without
 * template values gives the same object every time (nothing is rebuilt per request): never mutate one.
 */
export interface GeneratedRequest {
  /** Index into `profile.endpoints`. */
  endpointIndex: number;
  method: string;
  /** Path with parameters substituted (URL-encoded); relative to the target. */
  path: string;
  /** Merged headers (profile then endpoint; names compared case-insensitively). May be shared between requests: do not mutate. */
  headers: Record<string, string>;
  /** JSON text, when the endpoint has a body. */
  body?: string;
}

/** Draws requests following the profile's weighted mix. */
export interface RequestGenerator {
  next(): GeneratedRequest;
}

/** Options for {@link createRequestGenerator}. */
export interface GeneratorOptions {
  /** Seed for the mix and the keys (uuids are not seeded). */
  seed: number;
  /** Environment for `${env:NAME}` templates (usually process.env). */
  env: Record<string, string | undefined>;
  /** This generator's index among parallel generators (default 0): decorrelates seeds and interleaves `sequence` keys. */
  workerIndex?: number;
  /** How many parallel generators there are (default 1). */
  workerCount?: number;
}

/** Where a substituted value lands, which decides its escaping. */
const enum Ctx {
  Path,
  Json,
  Raw,
}

/** A compiled template: literal text and value slots (with their escaping). */
type Piece = string | { slot: number; ctx: Ctx };

interface CompiledEndpoint {
  method: string;
  samplers: Array<() => number | string>;
  path: Piece[];
  body?: Piece[];
  staticHeaders?: Record<string, string>;
  headers: Array<[string, Piece[]]>;
  /** The request itself when nothing in it is drawn per request (path, headers and body are literal). */
  fixed?: GeneratedRequest;
}

/**
 * Build the request generator for a profile. Endpoint i is chosen with probability
 * weightᵢ/Σweights (alias method, O(1)); each referenced parameter is drawn once
 * per request, so `{id}` in the path and the body agree. `${env:NAME}` is resolved
 * here, once; throws InputError when a variable is unset (see checkEnv).
 */
export function createRequestGenerator(profile: Profile, opts: GeneratorOptions): RequestGenerator {
  const missing = checkEnv(profile, opts.env);
  if (missing.length > 0) throw new InputError(missing.map((m) => `${m.path}: ${m.message}`).join('; '), profile.file);
  const workerIndex = opts.workerIndex ?? 0;
  const workerCount = opts.workerCount ?? 1;
  // Worker 0 keeps the profile seed; others get a decorrelated one.
  const seed = workerIndex === 0 ? opts.seed : (opts.seed ^ Math.imul(workerIndex, 0x85ebca6b)) >>> 0;
  const rng = new Random(seed);
  const endpoints = profile.endpoints.map((ep, endpointIndex) =>
    compileEndpoint(ep, endpointIndex, profile.headers, opts.env, rng, { index: workerIndex, count: workerCount }),
  );
  const table = new AliasTable(profile.endpoints.map((e) => e.weight));
  const values: string[] = [];

  return {
    next(): GeneratedRequest {
      const endpointIndex = table.pick(rng);
      const ep = endpoints[endpointIndex];
      if (ep.fixed !== undefined) return ep.fixed;
      for (let i = 0; i < ep.samplers.length; i++) values[i] = String(ep.samplers[i]());
      const req: GeneratedRequest = {
        endpointIndex,
        method: ep.method,
        path: render(ep.path, values),
        headers: ep.staticHeaders ?? renderHeaders(ep.headers, values),
      };
      if (ep.body) req.body = render(ep.body, values);
      return req;
    },
  };
}

function render(pieces: Piece[], values: string[]): string {
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (typeof p === 'string') out += p;
    else {
      const v = values[p.slot];
      out += p.ctx === Ctx.Path ? encodeURIComponent(v) : p.ctx === Ctx.Json ? jsonEscape(v) : v;
    }
  }
  return out;
}

function renderHeaders(headers: Array<[string, Piece[]]>, values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, pieces] of headers) out[name] = render(pieces, values);
  return out;
}

/** The inside of a JSON string literal for `s` (no quotes). */
function jsonEscape(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

function compileEndpoint(
  ep: EndpointSpec,
  endpointIndex: number,
  common: Record<string, string>,
  env: Record<string, string | undefined>,
  rng: Random,
  stream: { index: number; count: number },
): CompiledEndpoint {
  const slots = new Map<string, number>();
  const samplers: Array<() => number | string> = [];
  const slotFor = (name: string): number => {
    let s = slots.get(name);
    if (s === undefined) {
      s = samplers.length;
      slots.set(name, s);
      samplers.push(samplerFor(name, ep, rng, stream));
    }
    return s;
  };
  const compile = (text: string, ctx: Ctx, literal: (t: string) => string): Piece[] => {
    const out: Piece[] = [];
    for (const part of parseTemplate(text)) {
      const piece: Piece =
        part.kind === 'var' ? { slot: slotFor(part.name), ctx } : literal(part.kind === 'env' ? (env[part.name] ?? '') : part.text);
      const last = out[out.length - 1];
      if (typeof piece === 'string' && typeof last === 'string') out[out.length - 1] = last + piece;
      else out.push(piece);
    }
    return out;
  };

  // Endpoint headers override common ones, names compared case-insensitively.
  const merged = new Map<string, [string, string]>();
  for (const [k, v] of [...Object.entries(common), ...Object.entries(ep.headers)]) merged.set(k.toLowerCase(), [k, v]);
  if (ep.body !== undefined && !merged.has('content-type')) merged.set('content-type', ['content-type', 'application/json']);
  const headers: Array<[string, Piece[]]> = [...merged.values()].map(([k, v]) => [k, compile(v, Ctx.Raw, (t) => t)]);
  const isStatic = headers.every(([, pieces]) => pieces.every((p) => typeof p === 'string'));

  const path = compile(ep.path, Ctx.Path, (t) => t);
  const body = ep.body === undefined ? undefined : compileJson(ep.body, (text) => compile(text, Ctx.Json, jsonEscape));
  const compiled: CompiledEndpoint = {
    method: ep.method,
    samplers,
    path,
    body,
    headers,
    staticHeaders: isStatic ? Object.fromEntries(headers.map(([k, p]) => [k, (p[0] as string | undefined) ?? ''])) : undefined,
  };
  // No value slot anywhere (every template resolved to literal text): build the request once.
  if (samplers.length === 0) {
    compiled.fixed = { endpointIndex, method: ep.method, path: render(path, []), headers: compiled.staticHeaders ?? {} };
    if (body) compiled.fixed.body = render(body, []);
  }
  return compiled;
}

/** JSON text of `value` as pieces; strings (not keys) are templates compiled by `str`. */
function compileJson(value: unknown, str: (text: string) => Piece[]): Piece[] {
  const out: Piece[] = [];
  const lit = (t: string) => {
    const last = out[out.length - 1];
    if (typeof last === 'string') out[out.length - 1] = last + t;
    else out.push(t);
  };
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      lit('"');
      for (const p of str(v)) typeof p === 'string' ? lit(p) : out.push(p);
      lit('"');
    } else if (Array.isArray(v)) {
      lit('[');
      v.forEach((item, i) => {
        if (i > 0) lit(',');
        walk(item);
      });
      lit(']');
    } else if (v !== null && typeof v === 'object') {
      lit('{');
      Object.entries(v).forEach(([k, item], i) => {
        lit(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`);
        walk(item);
      });
      lit('}');
    } else lit(JSON.stringify(v ?? null));
  };
  walk(value);
  return out;
}

function samplerFor(name: string, ep: EndpointSpec, rng: Random, stream: { index: number; count: number }): () => number | string {
  const dist = Object.hasOwn(ep.params, name) ? ep.params[name] : undefined;
  if (dist) return createKeySampler(dist, rng, stream) satisfies KeySampler;
  if (name === 'random') return () => rng.int(0, 2147483647);
  if (name === 'uuid') return randomUUID;
  // Validation rejects unknown names; an unvalidated profile gets an empty value rather than a crash.
  return () => '';
}
