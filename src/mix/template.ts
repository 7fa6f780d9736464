/**
 * Request templates: `{name}` substitutes a parameter (or the built-ins `{random}`
 * and `{uuid}`), `${env:NAME}` an environment variable. Anything else, including
 * braces around non-identifiers (`{}`, `{"a":1}`), is literal text. Parsed once at
 * set-up; nothing here runs per request.
 */

/** One piece of a parsed template. */
export type TemplatePart =
  | { kind: 'literal'; text: string }
  | { kind: 'var'; name: string }
  | { kind: 'env'; name: string };

/** Built-in variables: a random integer in [0, 2³¹ − 1] and a random UUID v4. */
export const BUILTIN_VARS = ['random', 'uuid'] as const;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Split a template string into literal, `{var}` and `${env:NAME}` parts (adjacent literals merged). */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let lit = '';
  let i = 0;
  while (i < text.length) {
    const isEnv = text.startsWith('${env:', i);
    const open = isEnv ? i + 1 : text[i] === '{' ? i : -1;
    if (open >= 0) {
      const close = text.indexOf('}', open);
      const inner = close > open ? text.slice(open + 1, close) : '';
      const name = isEnv ? inner.slice(4) : inner;
      if (close > open && IDENT.test(name)) {
        if (lit) parts.push({ kind: 'literal', text: lit });
        lit = '';
        parts.push(isEnv ? { kind: 'env', name } : { kind: 'var', name });
        i = close + 1;
        continue;
      }
    }
    lit += text[i];
    i++;
  }
  if (lit) parts.push({ kind: 'literal', text: lit });
  return parts;
}

/** Names referenced by a template: `{var}` names and `${env:NAME}` names. */
export function templateRefs(text: string): { vars: string[]; env: string[] } {
  const parts = parseTemplate(text);
  return {
    vars: parts.flatMap((p) => (p.kind === 'var' ? [p.name] : [])),
    env: parts.flatMap((p) => (p.kind === 'env' ? [p.name] : [])),
  };
}

/** Every string inside a JSON-like value (object values and array items, not keys), with its path suffix. */
export function jsonStrings(value: unknown, path = ''): Array<{ path: string; text: string }> {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => jsonStrings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => jsonStrings(v, `${path}.${k}`));
  }
  return [];
}
