import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ValidationIssue } from '../errors.js';

/** A path into the document, as zod reports it: keys and array indexes. */
export type FieldPath = ReadonlyArray<string | number>;

/** A parsed YAML document with positions, and the plain JS value. */
export interface YamlSource {
  value: unknown;
  /** YAML syntax errors (with line:column); when non-empty, `value` must not be trusted. */
  syntaxIssues: ValidationIssue[];
  /** 1-based line/column of the node at `path` (the key itself when `atKey`), or of its deepest existing ancestor. */
  locate(path: FieldPath, atKey?: boolean): { line?: number; column?: number };
}

/** Parse YAML text keeping node ranges (LineCounter) so every issue can name line:column. */
export function parseYaml(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // Only the first syntax error: later ones are usually knock-on effects of it.
  const syntaxIssues: ValidationIssue[] = doc.errors.slice(0, 1).map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    const lineText = text.split(/\r?\n/)[pos.line - 1] ?? '';
    return { path: '', message: `YAML syntax error: ${firstLine(e.message)}${templateHint(lineText)}`, line: pos.line, column: pos.col };
  });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  let value: unknown;
  if (syntaxIssues.length === 0) {
    try {
      // toJS throws on unresolved aliases and on alias expansion bombs (maxAliasCount).
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      syntaxIssues.push({ path: '', message: `YAML error: ${firstLine((err as Error).message)}`, line: 1, column: 1 });
    }
  }
  return {
    value,
    syntaxIssues,
    locate(path: FieldPath, atKey = false) {
      return at(findOffset(doc, path, atKey));
    },
  };
}

/** Unquoted `{param}` inside a `{ … }` flow mapping is the classic mistake: suggest quoting. */
function templateHint(lineText: string): string {
  const m = /:\s*([^\s"'{[][^,}]*\{[A-Za-z_][A-Za-z0-9_]*\}[^,}]*)/.exec(lineText);
  return m ? ` (a value containing {…} must be quoted, e.g. "${m[1].trim()}")` : '';
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** Offset of the node at `path` (or the key of its pair when `atKey`), else of the deepest ancestor found. */
function findOffset(doc: Document, path: FieldPath, atKey: boolean): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return offset;
      const keyOffset = (pair.key as Node).range?.[0];
      if (last && atKey) return keyOffset ?? offset;
      node = pair.value;
      offset = (node as Node | null)?.range?.[0] ?? keyOffset ?? offset;
    } else if (node && typeof node === 'object' && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      const item = (node as { items: unknown[] }).items[Number(seg)];
      if (item === undefined) return offset;
      node = item;
      offset = (node as Node | null)?.range?.[0] ?? offset;
    } else return offset;
  }
  return offset;
}

/** Format a field path the way users read it: `stages[2].duration`, `endpoints[1].headers.X-Run`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}
