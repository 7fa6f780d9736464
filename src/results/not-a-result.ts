import { escapeControl } from '../render/escape.js';
import { RESULT_KIND } from './types.js';

/** What every command that reads results expects, said the same way in every refusal. */
export const RESULT_FILE = 'the JSON that `capplan load` writes (by default under reports/)';

/** Top-level keys that make a YAML mapping a capplan profile. */
const PROFILE_KEYS = ['target', 'stages', 'shape', 'endpoints', 'thresholds'];

/**
 * What a text that is not JSON looks like, for "found …": an empty file, a capplan profile or other
 * YAML, Markdown (a rendered report?), CSV, HTML, or text that is not valid JSON with the line:column
 * where JSON.parse stopped (`parseError`). Never quotes the text: it may hold control characters or secrets.
 */
export function describeNonJson(text: string, path: string, parseError: Error): string {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return 'an empty file';
  const first = lines[0].trim();
  const yamlKeys = lines.map((l) => /^([A-Za-z_][\w-]*)\s*:(\s|$)/.exec(l)?.[1]).filter((k): k is string => k !== undefined);
  const markdown = 'Markdown text (a rendered report?)';
  if (ext === 'md' || ext === 'markdown') return markdown;
  if (ext === 'html' || ext === 'htm' || first.startsWith('<')) return 'HTML text (a rendered report?)';
  if (ext === 'csv') return 'CSV text';
  if (yamlKeys.some((k) => PROFILE_KEYS.includes(k))) return 'a capplan profile (YAML); run it with `capplan load` to get a result file';
  if (ext === 'yaml' || ext === 'yml') return 'YAML text';
  // `# x` is a Markdown heading or a YAML comment: YAML when some line is a `key:`.
  if ((/^#{1,6}\s/.test(first) && yamlKeys.length === 0) || /^\|.*\|$/.test(first)) return markdown;
  if (yamlKeys.length > 0 || first.startsWith('#') || first.startsWith('- ')) return 'YAML text';
  return `text that is not valid JSON${jsonErrorPlace(text, parseError)}`;
}

/**
 * What a JSON value that is not a result file is, for "found …": a capplan report (`schema:
 * capplan-report/…`), another `kind`, an object without `kind` (its first keys), an array or a scalar.
 */
export function describeOtherJson(data: unknown): string {
  if (Array.isArray(data)) return 'a JSON array';
  if (data === null || typeof data !== 'object') return `a JSON ${data === null ? 'null' : typeof data}`;
  const obj = data as Record<string, unknown>;
  if (typeof obj.schema === 'string' && obj.schema.startsWith('capplan-report/')) {
    return 'a capplan report (`capplan report --format json`); pass the result file it was made from';
  }
  if (obj.kind !== undefined) return `JSON with "kind": ${escapeControl(JSON.stringify(obj.kind)).slice(0, 60)} (a result has "kind": "${RESULT_KIND}")`;
  const keys = Object.keys(obj);
  const shown = keys.slice(0, 5).map((k) => escapeControl(JSON.stringify(k)).slice(0, 40));
  return keys.length === 0 ? 'an empty JSON object' : `a JSON object without "kind" (keys ${shown.join(', ')}${keys.length > 5 ? ', …' : ''})`;
}

/** ` (at line L, column C)` from JSON.parse's "position N", or '' when it gives none. */
function jsonErrorPlace(text: string, err: Error): string {
  if (/end of JSON input/.test(err.message)) return ' (it ends early: cut short?)';
  const m = /position (\d+)/.exec(err.message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` (at line ${line}, column ${column})`;
}
