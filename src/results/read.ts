import { readInputText } from '../input/read-text.js';
import { InputError } from '../errors.js';
import { RESULT_KIND, RESULT_VERSION, type ResultFile } from './types.js';

/**
 * Read and check a result file. Missing files, bad JSON, other kinds of JSON and
 * unknown (newer) versions are refused with an InputError naming the file (exit 2).
 * `-` reads from stdin.
 */
export async function readResultFile(path: string): Promise<ResultFile> {
  return parseResult(await readInputText(path, 'a capplan result .json'), path);
}

/** Parse result-file text (see {@link readResultFile}). */
export function parseResult(text: string, path: string): ResultFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    if (/\.ya?ml$/i.test(path) || /^\s*(#|[A-Za-z_][\w-]*\s*:)/.test(text)) {
      throw new InputError('this looks like a YAML file (a profile?), not a result file; pass the .json that `capplan load` wrote (see reports/)', path);
    }
    throw new InputError(`not valid JSON (${(err as Error).message}); expected a capplan result file`, path);
  }
  const obj = data as Partial<ResultFile> | null;
  if (!obj || typeof obj !== 'object' || obj.kind !== RESULT_KIND) {
    throw new InputError(`not a capplan result file (expected "kind": "${RESULT_KIND}")`, path);
  }
  if (typeof obj.version !== 'number' || obj.version > RESULT_VERSION || obj.version < 1) {
    throw new InputError(
      `result file version ${String(obj.version)} is not supported by this capplan (reads versions 1..${RESULT_VERSION}); upgrade capplan`,
      path,
    );
  }
  for (const field of ['profile', 'environment', 'run', 'intervals', 'summary'] as const) {
    if (obj[field] === undefined) throw new InputError(`result file is missing "${field}"`, path);
  }
  if (!Array.isArray(obj.intervals)) throw new InputError('"intervals" must be an array', path);
  return obj as ResultFile;
}
