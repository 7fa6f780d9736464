/**
 * An example value from an OpenAPI 3 / JSON Schema: the schema's own `example` or `default` first, then the
 * first `enum` value, then a value built from `type`, `format` and `properties`. Local `$ref`s
 * (`#/components/schemas/Pet`) are followed; recursion stops at {@link MAX_DEPTH}.
 */

const MAX_DEPTH = 6;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Follow a local JSON pointer (`#/components/schemas/Pet`) in `doc`; undefined when it does not resolve. */
export function resolveRef(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** A schema with its `$ref` followed (one level at a time, at most MAX_DEPTH). */
export function deref(doc: unknown, schema: unknown, depth = 0): unknown {
  let s = schema;
  for (let i = 0; isObj(s) && typeof s.$ref === 'string' && i <= MAX_DEPTH + depth; i++) s = resolveRef(doc, s.$ref);
  return s;
}

function stringExample(format: unknown): string {
  switch (format) {
    case 'date-time': return '2026-01-01T00:00:00Z';
    case 'date': return '2026-01-01';
    case 'email': return 'user@example.com';
    // The profile's built-in {uuid} draws a fresh UUID v4 per request.
    case 'uuid': return '{uuid}';
    case 'uri': case 'url': return 'https://example.com/';
    default: return 'string';
  }
}

/** An example value for `schema` in `doc` (see the module comment); undefined when the schema says nothing usable. */
export function exampleFor(doc: unknown, schema: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return undefined;
  const s = deref(doc, schema);
  if (!isObj(s)) return undefined;
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.map((p) => exampleFor(doc, p, depth + 1));
    return parts.every(isObj) ? Object.assign({}, ...parts) : parts.find((p) => p !== undefined);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = s[key];
    if (Array.isArray(options) && options.length > 0) return exampleFor(doc, options[0], depth + 1);
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' || (type === undefined && isObj(s.properties))) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(isObj(s.properties) ? s.properties : {})) {
      const value = exampleFor(doc, v, depth + 1);
      if (value !== undefined) out[k] = value;
    }
    return out;
  }
  if (type === 'array') {
    const item = exampleFor(doc, s.items, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (type === 'string') return stringExample(s.format);
  if (type === 'integer') return typeof s.minimum === 'number' ? Math.ceil(s.minimum) : 1;
  if (type === 'number') return typeof s.minimum === 'number' ? s.minimum : 1;
  if (type === 'boolean') return true;
  return undefined;
}
