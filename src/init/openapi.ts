/**
 * OpenAPI 3 (YAML or JSON, already parsed) → a profile draft: one endpoint per path and method, path and
 * required query parameters drawn from their examples or schemas, example JSON bodies, equal weights, and
 * credentials from the security schemes as `${env:…}` headers. Pure; returns every problem with its path.
 */
import type { ValidationIssue } from '../errors.js';
import { parseTarget } from '../util/target-url.js';
import { endpointName, type DraftEndpoint, type DraftParam, type ProfileDraft } from './draft.js';
import { deref, exampleFor } from './schema-example.js';
import { bodyHasTemplateText, envRef, redactBody, secretEnvName } from './secrets.js';
import { importedDraft, profileNameFor } from './common.js';
import { recordedValue } from './path-template.js';

/** Options of {@link draftFromOpenApi}. */
export interface OpenApiOptions {
  /** Target origin, overriding the document's first absolute `servers` URL. */
  target?: string;
  /** Where the document came from, for the first comment line. */
  source: string;
}

/** The target used when neither `--target` nor an absolute `servers` URL gives one. */
export const FALLBACK_TARGET = 'http://127.0.0.1:8080';

/** What {@link draftFromOpenApi} gives back. */
export type OpenApiDraft = { draft: ProfileDraft; notes: string[] } | { problems: ValidationIssue[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A parameter's distribution: its examples or enum as a list, integers as uniform [minimum, maximum]. */
function paramDistribution(doc: unknown, p: Obj): DraftParam | 'uuid' {
  const schema = deref(doc, p.schema);
  const s = isObj(schema) ? schema : {};
  if (p.example !== undefined) return { list: [p.example as string | number] };
  if (isObj(p.examples)) {
    const values = Object.values(p.examples).map((e) => (isObj(e) ? deref(doc, e) : e)).map((e) => (isObj(e) ? e.value : undefined)).filter((v) => typeof v === 'string' || typeof v === 'number') as Array<string | number>;
    if (values.length) return { list: values };
  }
  if (s.example !== undefined && (typeof s.example === 'string' || typeof s.example === 'number')) return { list: [s.example] };
  if (Array.isArray(s.enum) && s.enum.length) return { list: s.enum.filter((v) => typeof v === 'string' || typeof v === 'number') as Array<string | number> };
  if (s.type === 'integer' || s.type === 'number') {
    const min = typeof s.minimum === 'number' ? Math.ceil(s.minimum) : 1;
    const max = typeof s.maximum === 'number' ? Math.floor(s.maximum) : Math.max(min, 1000);
    return { uniform: [min, Math.max(min, max)] };
  }
  if (s.format === 'uuid') return 'uuid';
  const ex = exampleFor(doc, s);
  return { list: [typeof ex === 'string' || typeof ex === 'number' ? recordedValue(String(ex)) : 'example'] };
}

/** Credentials the security requirement asks for, as headers (or query parts) with `${env:…}` values. */
function securityHeaders(doc: Obj, requirement: unknown, envVars: Set<string>): { headers: Record<string, string>; query: string[] } {
  const headers: Record<string, string> = {};
  const query: string[] = [];
  const schemes = isObj(doc.components) && isObj(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const first = Array.isArray(requirement) ? requirement.find(isObj) : undefined;
  for (const name of Object.keys(first ?? {})) {
    const scheme = deref(doc, schemes[name]);
    if (!isObj(scheme)) continue;
    if (scheme.type === 'http' || scheme.type === 'oauth2' || scheme.type === 'openIdConnect') {
      const basic = scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic';
      const env = secretEnvName(basic ? 'basic_auth' : 'token');
      envVars.add(env);
      headers.authorization = `${basic ? 'Basic' : 'Bearer'} ${envRef(env)}`;
    } else if (scheme.type === 'apiKey' && typeof scheme.name === 'string') {
      const env = secretEnvName(scheme.name);
      envVars.add(env);
      if (scheme.in === 'header') headers[scheme.name.toLowerCase()] = envRef(env);
      else if (scheme.in === 'query') query.push(`${encodeURIComponent(scheme.name)}=${envRef(env)}`);
      else if (scheme.in === 'cookie') headers.cookie = `${scheme.name}=${envRef(env)}`;
    }
  }
  return { headers, query };
}

/** The JSON request body example of an operation, if it has a JSON body. */
function bodyExample(doc: Obj, op: Obj): unknown {
  const rb = deref(doc, op.requestBody);
  if (!isObj(rb) || !isObj(rb.content)) return undefined;
  const media = Object.entries(rb.content).find(([type]) => /json/i.test(type))?.[1];
  if (!isObj(media)) return undefined;
  if (media.example !== undefined) return media.example;
  if (isObj(media.examples)) {
    const first = deref(doc, Object.values(media.examples)[0]);
    if (isObj(first) && first.value !== undefined) return first.value;
  }
  return exampleFor(doc, media.schema);
}

/** The document's target: the first absolute `servers` URL's origin, and its path as a prefix for every endpoint. */
function serverBase(doc: Obj): { origin?: string; prefix: string } {
  const servers = Array.isArray(doc.servers) ? doc.servers.filter(isObj) : [];
  for (const s of servers) {
    if (typeof s.url !== 'string') continue;
    const url = s.url.replace(/\{([^}]+)\}/g, (_, v: string) => {
      const vars = isObj(s.variables) ? s.variables : {};
      const d = isObj(vars[v]) ? vars[v].default : undefined;
      return typeof d === 'string' ? d : v;
    });
    try {
      const u = new URL(url);
      const parsed = parseTarget(u.origin);
      if ('target' in parsed) return { origin: parsed.target, prefix: u.pathname.replace(/\/+$/, '') };
    } catch {
      // A relative server URL (`/v1`): its path is the prefix; the origin comes from --target.
      if (url.startsWith('/')) return { prefix: url.replace(/\/+$/, '') };
    }
  }
  return { prefix: '' };
}

/** Turn a parsed OpenAPI 3 document into a profile draft (see the module comment). */
export function draftFromOpenApi(doc: unknown, opts: OpenApiOptions): OpenApiDraft {
  if (!isObj(doc)) return { problems: [{ path: '', message: 'expected an OpenAPI 3 document (a mapping with openapi: 3.x and paths:)' }] };
  const problems: ValidationIssue[] = [];
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3')) {
    const got = typeof doc.swagger === 'string' ? `swagger ${doc.swagger}; convert it to OpenAPI 3 first` : `got ${JSON.stringify(doc.openapi ?? null)}`;
    problems.push({ path: 'openapi', message: `expected an OpenAPI 3 version like "3.0.3" or "3.1.0" (${got})` });
  }
  if (!isObj(doc.paths) || Object.keys(doc.paths).length === 0) problems.push({ path: 'paths', message: 'expected at least one path, e.g. /pets: { get: … }' });
  if (problems.length) return { problems };

  const { origin, prefix } = serverBase(doc);
  const envVars = new Set<string>();
  const taken = new Set<string>();
  const notes: string[] = [];
  const endpoints: DraftEndpoint[] = [];
  let bodiesLeftOut = 0;
  for (const [rawPath, item] of Object.entries(doc.paths as Obj)) {
    const pathItem = deref(doc, item);
    if (!isObj(pathItem)) continue;
    const shared = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!isObj(op)) continue;
      const params: Record<string, DraftParam> = {};
      const renames = new Map<string, string>();
      const queryParts: string[] = [];
      const all = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])].map((p) => deref(doc, p)).filter(isObj);
      for (const p of all) {
        if (typeof p.name !== 'string') continue;
        const dist = p.in === 'path' || (p.in === 'query' && p.required === true) ? paramDistribution(doc, p) : undefined;
        if (dist === undefined) continue;
        const base = p.in === 'query' ? `q_${p.name}` : p.name;
        const name = IDENT.test(base) ? base : base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
        const ref = dist === 'uuid' ? 'uuid' : name;
        if (dist !== 'uuid') params[name] = dist;
        if (p.in === 'path') renames.set(p.name, ref);
        else queryParts.push(`${encodeURIComponent(p.name)}={${ref}}`);
      }
      const security = securityHeaders(doc, op.security ?? doc.security, envVars);
      // Path parameters without a declaration still need a value: a small integer range.
      const path = `${prefix}${rawPath}`.replace(/\{([^}]*)\}/g, (_, n: string) => {
        if (renames.has(n)) return `{${renames.get(n)}}`;
        const name = n.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d|$)/, '_$1');
        params[name] = { uniform: [1, 1000] };
        return `{${name}}`;
      });
      const query = [...queryParts, ...security.query];
      let body = bodyExample(doc, op);
      if (body !== undefined && bodyHasTemplateText(body)) {
        bodiesLeftOut++;
        body = undefined;
      }
      const name = typeof op.operationId === 'string' && /^[A-Za-z0-9_.-]+$/.test(op.operationId) && !taken.has(op.operationId)
        ? (taken.add(op.operationId), op.operationId)
        : endpointName(method, rawPath, taken);
      endpoints.push({
        name,
        method: method.toUpperCase(),
        path: query.length ? `${path}?${query.join('&')}` : path,
        weight: 1,
        ...(Object.keys(params).length ? { params } : {}),
        ...(Object.keys(security.headers).length ? { headers: security.headers } : {}),
        ...(body !== undefined ? { body: redactBody(body, envVars) } : {}),
      });
    }
  }
  if (endpoints.length === 0) return { problems: [{ path: 'paths', message: `no operations found: expected methods (${METHODS.join(', ')}) under the paths` }] };
  const target = opts.target ?? origin ?? FALLBACK_TARGET;
  if (!opts.target && !origin) notes.push(`the document has no absolute servers URL: target set to ${FALLBACK_TARGET} (pass --target URL)`);
  if (bodiesLeftOut) notes.push(`${bodiesLeftOut} example body(ies) holding {name} text left out: a profile would read it as a template`);
  const title = isObj(doc.info) && typeof doc.info.title === 'string' ? doc.info.title : undefined;
  return {
    draft: importedDraft({
      name: profileNameFor(title ?? (origin ? new URL(origin).hostname : 'my-service')),
      target,
      intro: `Drafted by capplan init from ${opts.source}${title ? ` (${title})` : ''}: ${endpoints.length} operation(s), equal weights; bodies from the examples and schemas.`,
      notes,
      extra: ['Set each weight to its share of your real traffic.'],
      endpoints,
      envVars,
    }),
    notes,
  };
}
