import type { ValidationIssue } from '../errors.js';
import { parseSlo } from '../gate/slo-expr.js';
import { splitScopeKey } from '../gate/scope-key.js';
import { BUILTIN_VARS, jsonStrings, templateRefs } from '../mix/template.js';
import { parseDurationMs } from '../util/duration.js';
import { parseNumber } from '../util/quantity.js';
import { didYouMean } from './did-you-mean.js';
import { rawPhaseNames, type RawPhases } from './phases.js';
import { shapeDefinition, shapeDefinitions, shapeTypes } from '../shapes/registry.js';
import { describeValue } from '../util/config-fields.js';
import { parseTarget } from '../util/target-url.js';
import { formatPath, type FieldPath, type YamlSource } from './yaml-source.js';
import { parseChaosSchedule } from '../chaos/schedule.js';
import { isMonitorScope, parseMonitorExpr } from '../monitor/threshold.js';
import { MAX_ENDPOINTS, tooManyEndpoints } from '../results/limits.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: Obj, k: string) => Object.hasOwn(o, k) && o[k] !== undefined;
const PARAM_FORMS = ['uniform', 'zipf', 'pareto', 'list', 'sequence'] as const;

/**
 * Cross-field rules the schema cannot express, run on the raw document (guarded, so
 * they still report alongside type errors): stages vs shape, open `rate:` vs closed
 * `users:`, thinkTime order, duplicate endpoint names, parameter forms, template
 * references, thresholds, and the target.
 */
export function crossFieldIssues(raw: Obj, src: YamlSource, targetOverride?: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const add = (path: FieldPath, message: string, atKey = false) => out.push({ path: formatPath(path), message, ...src.locate(path, atKey) });
  const closed = typeof raw.model === 'string' && raw.model.toLowerCase() === 'closed';

  checkTarget(raw, targetOverride, add, out);
  checkShapeChoice(raw, closed, add);
  checkThinkTime(raw, add);
  const names = checkEndpoints(raw, add);
  checkThresholds(raw, names, add);
  checkMonitor(raw, add);
  for (const issue of parseChaosSchedule(raw.chaos).issues) add(fieldPath(issue.path), issue.message);
  return out;
}

/** `chaos[1].errorRate` → ['chaos', 1, 'errorRate']. */
function fieldPath(path: string): FieldPath {
  return path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** `monitor:` needs something to watch; each URL is http(s) or `builtin` (the built-in target's /metrics). */
function checkMonitor(raw: Obj, add: Add): void {
  if (!isObj(raw.monitor)) return;
  const m = raw.monitor;
  if (!has(m, 'urls') && !has(m, 'pid')) add(['monitor'], 'expected urls: [http://host:port/metrics] and/or pid: N');
  if (!Array.isArray(m.urls)) return;
  m.urls.forEach((u, i) => {
    if (typeof u !== 'string' || u === 'builtin') return;
    let url: URL | undefined;
    try {
      url = new URL(u);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) add(['monitor', 'urls', i], `expected builtin or an http(s) URL such as http://127.0.0.1:8080/metrics (got ${describeValue(u)})`);
  });
}

type Add = (path: FieldPath, message: string, atKey?: boolean) => void;

function checkTarget(raw: Obj, override: string | undefined, add: Add, out: ValidationIssue[]): void {
  if (override !== undefined) {
    // The override comes from the command line, not the file: no line:column to point at.
    const r = parseTarget(override);
    if ('error' in r) out.push({ path: 'target', message: `${r.error} (the target given on the command line)` });
    return;
  }
  if (!has(raw, 'target')) {
    add([], 'missing target: set target: builtin or a URL like http://127.0.0.1:8080 (or pass --target)');
    return;
  }
  const r = parseTarget(raw.target);
  if ('error' in r) add(['target'], r.error);
}

function levelKeyRule(o: Obj, path: FieldPath, closed: boolean, add: Add): void {
  if (closed && has(o, 'rate')) add([...path, 'rate'], 'the closed model counts users: use users: instead of rate: (or set model: open)', true);
  if (!closed && has(o, 'users')) add([...path, 'users'], 'the open model counts arrivals per second: use rate: instead of users: (or set model: closed)', true);
}

function checkShapeChoice(raw: Obj, closed: boolean, add: Add): void {
  const hasStages = has(raw, 'stages');
  const hasShape = has(raw, 'shape');
  if (hasStages && hasShape) add(['shape'], 'use either stages: or shape:, not both', true);
  if (!hasStages && !hasShape) add([], `missing the traffic shape: add stages: (a list of { duration, to }) or shape: { type: ${shapeTypes().join(' | ')}, … }`);
  if (Array.isArray(raw.stages)) {
    raw.stages.forEach((st, i) => {
      if (!isObj(st)) return;
      const levels = ['to', 'rate', 'users'].filter((k) => has(st, k));
      if (levels.length === 0) add(['stages', i], `expected a level: to: (ramp to a level) or ${closed ? 'users:' : 'rate:'} (hold a level)`);
      else if (levels.length > 1) add(['stages', i], `use only one of ${levels.map((k) => `${k}:`).join(', ')} in a stage`);
      if (has(st, 'from') && !has(st, 'to') && levels.length > 0) add(['stages', i, 'from'], 'from: goes with to: (a ramp); a hold (rate:/users:) has one level', true);
      levelKeyRule(st, ['stages', i], closed, add);
    });
  }
  checkAllZero(raw, add);
  const shape = raw.shape;
  if (isObj(shape)) {
    levelKeyRule(shape, ['shape'], closed, add);
    // The shape's own rules live in its module (src/shapes/<type>.ts).
    shapeDefinition(shape.type)?.check?.(shape, { closed, add: (path, message, atKey) => add(['shape', ...path], message, atKey) });
  }
}

/** Level keys of stages and of every registered shape. */
const levelKeys = (): string[] => [...new Set(['to', 'rate', 'users', 'from', ...shapeDefinitions().flatMap((d) => d.levelKeys)])];

/** A shape whose every level is 0 would send nothing: almost certainly a mistake. */
function checkAllZero(raw: Obj, add: Add): void {
  const where = Array.isArray(raw.stages) ? 'stages' : isObj(raw.shape) ? 'shape' : undefined;
  if (!where) return;
  const holders = where === 'stages' ? (raw.stages as unknown[]).filter(isObj) : [raw.shape as Obj];
  const keys = levelKeys();
  const levels = holders.flatMap((h) => keys.filter((k) => has(h, k)).map((k) => parseNumber(h[k])));
  if (levels.length > 0 && levels.every((l) => l === 0)) add([where], 'every level is 0: the run would send no requests', true);
}

function checkThinkTime(raw: Obj, add: Add): void {
  const tt = raw.thinkTime;
  if (!isObj(tt)) return;
  const min = parseDurationMs(tt.min);
  const max = parseDurationMs(tt.max);
  if (min !== undefined && max !== undefined && min > max) {
    add(['thinkTime', 'min'], `must be ≤ thinkTime.max (got min ${describeValue(tt.min)} > max ${describeValue(tt.max)})`);
  }
}

/** Returns the endpoint names (for thresholds). */
function checkEndpoints(raw: Obj, add: Add): string[] {
  if (!Array.isArray(raw.endpoints)) return [];
  if (raw.endpoints.length > MAX_ENDPOINTS) {
    add(['endpoints'], tooManyEndpoints(raw.endpoints.length));
    return [];
  }
  const seen = new Map<string, number>();
  const names: string[] = [];
  // Variables usable in common headers: built-ins, or params every endpoint defines.
  const paramSets = raw.endpoints.map((ep) => new Set(isObj(ep) && isObj(ep.params) ? Object.keys(ep.params) : []));
  raw.endpoints.forEach((ep, i) => {
    if (!isObj(ep)) return;
    if (typeof ep.name === 'string') {
      const first = seen.get(ep.name);
      if (first !== undefined) add(['endpoints', i, 'name'], `duplicate endpoint name "${ep.name}" (also endpoints[${first}].name); names must be unique`);
      else seen.set(ep.name, i);
      names.push(ep.name);
    }
    const params = isObj(ep.params) ? ep.params : {};
    for (const [name, dist] of Object.entries(params)) checkParam(dist, ['endpoints', i, 'params', name], add);
    const known = [...Object.keys(params), ...BUILTIN_VARS];
    const checkText = (path: FieldPath, text: unknown) => {
      if (typeof text !== 'string') return;
      for (const v of templateRefs(text).vars) {
        if (!known.includes(v)) add(path, `unknown parameter {${v}}${didYouMean(v, known)}; define it under params: or use {random} / {uuid}`);
      }
    };
    checkText(['endpoints', i, 'path'], ep.path);
    if (isObj(ep.headers)) for (const [h, v] of Object.entries(ep.headers)) checkText(['endpoints', i, 'headers', h], v);
    for (const s of jsonStrings(ep.body)) checkText(['endpoints', i, 'body', ...splitSuffix(s.path)], s.text);
  });
  if (isObj(raw.headers)) {
    for (const [h, v] of Object.entries(raw.headers)) {
      if (typeof v !== 'string') continue;
      for (const name of templateRefs(v).vars) {
        if (!(BUILTIN_VARS as readonly string[]).includes(name) && !paramSets.every((s) => s.has(name))) {
          add(['headers', h], `{${name}} must be {random}, {uuid} or a parameter every endpoint defines`);
        }
      }
    }
  }
  return names;
}

/** `.a[0].b` → ['a', 0, 'b'] (paths from jsonStrings). */
function splitSuffix(suffix: string): Array<string | number> {
  return [...suffix.matchAll(/\.([^.[]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

function checkParam(dist: unknown, path: FieldPath, add: Add): void {
  if (!isObj(dist)) return;
  const forms = PARAM_FORMS.filter((f) => has(dist, f));
  if (forms.length === 0 && Object.keys(dist).length === 0) add(path, `expected one of ${PARAM_FORMS.map((f) => `${f}:`).join(', ')}`);
  if (forms.length > 1) add(path, `use only one of ${forms.map((f) => `${f}:`).join(', ')}`);
  const u = dist.uniform;
  if (Array.isArray(u) && typeof u[0] === 'number' && typeof u[1] === 'number' && u[0] > u[1]) {
    add([...path, 'uniform'], `expected [min, max] with min ≤ max (got [${u[0]}, ${u[1]}])`);
  }
  const p = dist.pareto;
  if (isObj(p) && typeof p.max === 'number' && typeof p.xm === 'number' && p.max < p.xm) {
    add([...path, 'pareto', 'max'], `must be ≥ xm (got max ${p.max} < xm ${p.xm})`);
  }
  const l = dist.list;
  if (isObj(l) && Array.isArray(l.values) && Array.isArray(l.weights)) {
    if (l.weights.length !== l.values.length) {
      add([...path, 'list', 'weights'], `expected ${l.values.length} weights, one per value (got ${l.weights.length})`);
    } else if (l.weights.every((w) => typeof w === 'number') && !l.weights.some((w) => (w as number) > 0)) {
      add([...path, 'list', 'weights'], 'at least one weight must be > 0');
    }
  }
}

/**
 * Threshold keys are `total`, an endpoint name, or either with `@PHASE`, the phase being one
 * the shape produces (`total@steady`); values are SLO expressions or lists of them. A
 * `monitor:METRIC` key takes monitor expressions (`growth<10%`, `max<0.1`).
 */
function checkThresholds(raw: Obj, names: string[], add: Add): void {
  if (!isObj(raw.thresholds)) return;
  const keys = [...new Set(['total', ...names])];
  const phases = rawPhaseNames(raw);
  for (const [key, value] of Object.entries(raw.thresholds)) {
    const monitor = isMonitorScope(key);
    const issue = monitor ? undefined : thresholdKeyIssue(key, keys, phases);
    if (issue) add(['thresholds', key], issue, true);
    if (typeof value !== 'string' && !Array.isArray(value)) {
      add(['thresholds', key], `expected an SLO expression or a list of them, like [p99<200ms, error_rate<1%] (got ${describeValue(value)})`);
      continue;
    }
    const exprs = typeof value === 'string' ? [[value, ['thresholds', key]] as const] : value.map((v, j) => [v, ['thresholds', key, j]] as const);
    for (const [expr, path] of exprs) {
      if (typeof expr !== 'string') {
        add(path, `expected an SLO expression like p99<200ms (got ${describeValue(expr)})`);
        continue;
      }
      const r = monitor ? parseMonitorExpr(key, expr) : parseSlo(expr);
      if ('error' in r) add(path, r.error);
    }
  }
}

/**
 * What is wrong with a threshold key, if anything. `phases` undefined: the phase names cannot be known
 * (no shape, or an invalid named shape), so any phase name passes here; inexact: the names the shape's
 * stages could have once their own problems are fixed (reported in the same list).
 */
function thresholdKeyIssue(key: string, keys: string[], shapePhases: RawPhases | undefined): string | undefined {
  const { scope, phase } = splitScopeKey(key, keys);
  if (!keys.includes(scope)) {
    if (phase !== undefined && scope === '') return `expected total or an endpoint name before "@${phase}" (e.g. total@${phase})`;
    return `"${scope}" is neither total nor an endpoint name${didYouMean(scope, keys)}; expected one of ${keys.join(', ')}`;
  }
  if (phase === undefined || shapePhases === undefined) return undefined;
  const phases = shapePhases.names;
  const list = !phases.length ? '' : shapePhases.exact ? `; the shape's phases are ${phases.join(', ')}` : `; the stages' phases can be ${phases.join(', ')}`;
  if (phase === '') return `expected a phase name after "${scope}@"${list}`;
  if (!phases.includes(phase)) return `"${phase}" is not a phase of this shape${didYouMean(phase, phases)}${list}`;
  return undefined;
}
