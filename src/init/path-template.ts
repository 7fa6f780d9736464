/**
 * Path templates from recorded URLs: identifier-like segments (all digits, or a UUID) become parameters, so
 * `/users/42/orders/7` and `/users/9/orders/3` are one endpoint `/users/{id}/orders/{id2}`.
 */

const NUMERIC = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A templated path and the decoded value each parameter had in this URL. */
export interface TemplatedPath {
  /** e.g. `/users/{id}/orders/{id2}` */
  template: string;
  /** Parameter name → the decoded segment it replaced, in path order. */
  values: Record<string, string>;
}

/** Whether a decoded path segment is an identifier: all digits, or a UUID. */
export function isIdSegment(segment: string): boolean {
  return NUMERIC.test(segment) || UUID.test(segment);
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Template a URL path (no query): identifier segments become `{id}`, `{id2}`, `{id3}`… in order. Other
 * segments stay as recorded; a literal brace (which a profile would read as a template) is percent-encoded.
 */
export function templatePath(pathname: string): TemplatedPath {
  const values: Record<string, string> = {};
  let n = 0;
  const template = pathname
    .split('/')
    .map((raw) => {
      const decoded = decodeSegment(raw);
      if (raw === '' || !isIdSegment(decoded)) return raw.replace(/\{/g, '%7B').replace(/\}/g, '%7D');
      n++;
      const name = n === 1 ? 'id' : `id${n}`;
      values[name] = decoded;
      return `{${name}}`;
    })
    .join('/');
  return { template: template || '/', values };
}

/**
 * A recorded value as a profile writes it: a number when it reads back as the same number
 * (`42`), else the text (`007`, a UUID), so substitution gives back exactly what was recorded.
 */
export function recordedValue(text: string): string | number {
  const n = Number(text);
  return NUMERIC.test(text) && Number.isSafeInteger(n) && String(n) === text ? n : text;
}
