/**
 * Secrets in recorded traffic: which headers, query keys and JSON body fields hold credentials, and the
 * `${env:NAME}` reference written in their place. A recorded secret value is never copied into a profile.
 */
import { BUILTIN_VARS, templateRefs } from '../mix/template.js';

/** Header names that always carry credentials. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);
/** Names that look like credentials, in headers, query keys and JSON fields. */
const SECRET_NAME = /pass(word|wd)?$|secret|token|api[-_]?key|session|csrf|xsrf|credential|signature|^sig$|^auth($|[-_])/i;

/** Whether a header, query key or JSON field of this name holds a credential. */
export function isSecretName(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase()) || SECRET_NAME.test(name);
}

/** The environment variable for a secret: `CAPPLAN_` + the name in upper case, e.g. `x-api-key` → `CAPPLAN_X_API_KEY`. */
export function secretEnvName(name: string, prefix = ''): string {
  const word = `${prefix}${name}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `CAPPLAN_${word || 'SECRET'}`;
}

/** `${env:NAME}` */
export const envRef = (name: string): string => `\${env:${name}}`;

/**
 * Whether a text would be read as a template a profile cannot resolve (`{name}` other than the built-ins
 * `{random}`/`{uuid}`, or `${env:NAME}`); a profile has no escape for them.
 */
export function looksLikeTemplate(text: string): boolean {
  const refs = templateRefs(text);
  return refs.vars.some((v) => !(BUILTIN_VARS as readonly string[]).includes(v)) || refs.env.length > 0;
}

/** A JSON body with credential fields replaced by `${env:…}` references (names added to `envVars`). */
export function redactBody(value: unknown, envVars: Set<string>, key?: string): unknown {
  if (key !== undefined && isSecretName(key) && (typeof value === 'string' || typeof value === 'number')) {
    const name = secretEnvName(key, 'body_');
    envVars.add(name);
    return envRef(name);
  }
  if (Array.isArray(value)) return value.map((v) => redactBody(v, envVars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactBody(v, envVars, k)]));
  }
  return value;
}

/** Whether any string inside a JSON value would be read as a template. */
export function bodyHasTemplateText(value: unknown): boolean {
  if (typeof value === 'string') return looksLikeTemplate(value);
  if (Array.isArray(value)) return value.some(bodyHasTemplateText);
  if (value !== null && typeof value === 'object') return Object.values(value).some(bodyHasTemplateText);
  return false;
}
