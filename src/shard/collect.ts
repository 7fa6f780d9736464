/**
 * Gather the result files of a sharded run from where Kubernetes leaves them: `kubectl logs`
 * output (the tagged lines each pod prints last, src/shard/result-lines.ts), a folder copied
 * from a shared volume, or result files given one by one. I/O at the edge; parsing is shared
 * with every other reader of result files.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CapplanError } from '../errors.js';
import { readInputText } from '../input/read-text.js';
import { parseResult } from '../results/read.js';
import type { ResultFile } from '../results/types.js';
import { decodeResultLines, RESULT_LINE_TAG } from './result-lines.js';

/** One result found, and where: a file path, or `path#key` for a result carried in a log. */
export interface CollectedResult {
  source: string;
  result: ResultFile;
}

/** Everything found in the inputs, and every problem (one sentence each, naming the input). */
export interface Collected {
  results: CollectedResult[];
  problems: string[];
}

/**
 * Collect results from `paths`: each a log file (or `-` for stdin) with tagged result lines, a
 * result `.json`, or a folder holding either (not recursive; files in name order). A file that is
 * neither is a problem; so is a log result that cannot be rebuilt or parsed.
 */
export async function collectResults(paths: string[]): Promise<Collected> {
  const out: Collected = { results: [], problems: [] };
  for (const p of paths) {
    const isDir = p !== '-' && (await stat(p).then((s) => s.isDirectory(), () => false));
    if (!isDir) {
      await collectFile(p, out, true);
      continue;
    }
    const names = (await readdir(p)).sort();
    const before = out.results.length;
    for (const name of names) {
      const file = join(p, name);
      if (await stat(file).then((s) => s.isFile(), () => false)) await collectFile(file, out, false);
    }
    if (out.results.length === before) out.problems.push(`${p}: no result files (.json) and no logs with "${RESULT_LINE_TAG}" lines in this folder`);
  }
  return out;
}

/** One file: a result file when it starts with `{`, else a log. In a folder, files that are neither are skipped. */
async function collectFile(path: string, out: Collected, given: boolean): Promise<void> {
  let text: string;
  try {
    text = await readInputText(path, 'a capplan result .json or a log with result lines');
  } catch (err) {
    out.problems.push((err as Error).message);
    return;
  }
  if (text.trimStart().startsWith('{')) {
    try {
      out.results.push({ source: path, result: parseResult(text, path) });
    } catch (err) {
      if (!(err instanceof CapplanError)) throw err;
      out.problems.push(err.message);
    }
    return;
  }
  const decoded = decodeResultLines(text);
  for (const problem of decoded.problems) out.problems.push(`${path}: ${problem}`);
  for (const { key, json } of decoded.results) {
    const source = `${path}#${key}`;
    try {
      out.results.push({ source, result: parseResult(json, source) });
    } catch (err) {
      if (!(err instanceof CapplanError)) throw err;
      out.problems.push(err.message);
    }
  }
  if (given && decoded.results.length === 0 && decoded.problems.length === 0) {
    out.problems.push(`${path}: no "${RESULT_LINE_TAG}" lines (take the logs with kubectl logs --tail=-1, or give result .json files)`);
  }
}
