/**
 * Result files named on the command line as a file, a directory (every `*.json` in it, not
 * recursive) or a glob (`history/*.json`, `nightly/**\/steady-*.json`), read and checked together:
 * every unreadable or foreign file is reported at once (exit 2).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { InputError } from '../errors.js';
import { parseResult } from '../results/read.js';
import { readInputText } from './read-text.js';
import type { ResultFile } from '../results/types.js';

/** A result file and the path it was read from. */
export interface RunFile {
  name: string;
  result: ResultFile;
}

/** Expand one spec into paths: `-` (stdin), a file, every `*.json` of a directory (sorted), or a glob's matches (sorted). */
export async function expandRunSpec(spec: string): Promise<{ paths: string[]; directory: boolean }> {
  if (spec === '-') return { paths: ['-'], directory: false };
  const info = await stat(spec).catch(() => undefined);
  if (info?.isDirectory()) {
    const names = (await readdir(spec)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
    if (names.length === 0) throw new InputError('no .json result files in this directory', spec);
    return { paths: names.map((n) => join(spec, n)), directory: true };
  }
  if (!info && isDynamicPattern(spec)) {
    const paths = (await glob(spec, { onlyFiles: true, expandDirectories: false })).sort();
    if (paths.length === 0) throw new InputError('no file matches this pattern', spec);
    return { paths, directory: false };
  }
  return { paths: [spec], directory: false };
}

/**
 * Read every result file the specs name, in order, each file once. Files from a directory that
 * are JSON but not capplan results (a report, a bench summary) are skipped with a warning; any
 * other problem — missing, unreadable, not a result — is collected, and all are thrown together.
 */
export async function readRunFiles(specs: readonly string[]): Promise<{ runs: RunFile[]; warnings: string[] }> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const runs: RunFile[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    let expanded: { paths: string[]; directory: boolean };
    try {
      expanded = await expandRunSpec(spec);
    } catch (err) {
      problems.push((err as Error).message);
      continue;
    }
    for (const path of expanded.paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      try {
        runs.push({ name: path, result: parseResult(await readInputText(path, 'a capplan result .json'), path) });
      } catch (err) {
        const message = (err as Error).message;
        if (expanded.directory && /not a capplan result file/.test(message)) warnings.push(`${path} is not a capplan result file; skipped`);
        else problems.push(message);
      }
    }
  }
  if (problems.length === 1) throw new InputError(problems[0]);
  if (problems.length > 1) throw new InputError(`${problems.length} problems:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return { runs, warnings };
}
