import type { z } from 'zod';
import { readInputText } from '../input/read-text.js';
import { formatIssues, InputError, ValidationError, type ValidationIssue } from '../errors.js';
import { formatPath } from '../profile/yaml-source.js';
import { zodIssueMessage } from '../profile/zod-issues.js';
import { endpointCountProblem, intervalSchema, resultFileSchema, resultHeadSchema } from './schema.js';
import { RESULT_KIND, RESULT_VERSION, type ResultFile } from './types.js';
import { describeNonJson, describeOtherJson, RESULT_FILE } from './not-a-result.js';

/** At most this many problems are listed for one file; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20;

/**
 * Read and check a result file. Missing files, text that is not JSON (Markdown, YAML, a profile…),
 * other kinds of JSON and unknown (newer) versions are refused with an InputError naming the file,
 * what was expected and what was found (see not-a-result.ts); a file of a known version is checked
 * against the whole-file schema ({@link resultFileSchema}, down to each histogram's checksum) and
 * refused with a ValidationError listing every problem with its field path. Both exit 2.
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
    throw new InputError(`expected a capplan result file, ${RESULT_FILE}; found ${describeNonJson(text, path, err as Error)}`, path);
  }
  const obj = data as { kind?: unknown; version?: unknown } | null;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj) || obj.kind !== RESULT_KIND) {
    throw new InputError(`not a capplan result file: expected ${RESULT_FILE}; found ${describeOtherJson(data)}`, path);
  }
  // A version written as a number we do not read is refused as such; any other type is a schema problem below.
  if (typeof obj.version === 'number' && (obj.version > RESULT_VERSION || obj.version < 1)) {
    throw new InputError(`result file version ${obj.version} is not supported by this capplan (reads versions 1..${RESULT_VERSION}); upgrade capplan`, path);
  }
  const tooMany = endpointCountProblem(data);
  if (tooMany) throw new ValidationError(path, [tooMany]);
  const issues = schemaIssues(data);
  if (issues.length) throw resultProblems(path, issues);
  // The parsed copy drops unknown keys; the checked original is returned as is.
  return data as ResultFile;
}

/**
 * Every problem of `data` against the whole-file schema, in the schema's field order: the file
 * without its intervals, then each interval on its own (see resultHeadSchema), so memory does not
 * double on a long run. Same problems, paths and order as validating it whole.
 */
function schemaIssues(data: unknown): z.core.$ZodIssue[] {
  const opts = { error: (iss: z.core.$ZodRawIssue) => zodIssueMessage(iss as z.core.$ZodIssue, iss.input) };
  const head = resultHeadSchema.safeParse(data, opts);
  const issues: z.core.$ZodIssue[] = head.success ? [] : [...head.error.issues];
  const intervals = (data as { intervals?: unknown }).intervals;
  if (Array.isArray(intervals)) {
    intervals.forEach((iv, i) => {
      const r = intervalSchema.safeParse(iv, opts);
      if (!r.success) for (const iss of r.error.issues) issues.push({ ...iss, path: ['intervals', i, ...iss.path] });
    });
  }
  // Stable sort by the top-level field's place in the schema, as one whole-file parse orders them.
  const keys = Object.keys(resultFileSchema.shape);
  const rank = (iss: z.core.$ZodIssue) => (iss.path.length ? keys.indexOf(String(iss.path[0])) : -1);
  return issues.map((iss, k) => ({ iss, k })).sort((a, b) => rank(a.iss) - rank(b.iss) || a.k - b.k).map((x) => x.iss);
}

/** Every schema problem of one file as a ValidationError, listing at most {@link MAX_LISTED_PROBLEMS}. */
function resultProblems(path: string, zodIssues: readonly z.core.$ZodIssue[]): ValidationError {
  const issues: ValidationIssue[] = zodIssues.map((iss) => ({
    path: formatPath(iss.path.filter((p): p is string | number => typeof p !== 'symbol')),
    message: iss.message,
  }));
  const listed = issues.slice(0, MAX_LISTED_PROBLEMS);
  const err = new ValidationError(path, listed);
  if (issues.length > listed.length) {
    const [, ...lines] = formatIssues(path, listed).split('\n');
    err.message = [`${path}: ${issues.length} problems in the result file (the first ${listed.length} listed)`, ...lines].join('\n');
  }
  return err;
}
