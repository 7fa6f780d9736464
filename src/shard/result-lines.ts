/**
 * A result file carried in a log: gzip-compressed, base64, cut into short tagged lines that a pod
 * prints last on stdout, and that `capplan collect` finds again in `kubectl logs` output.
 *
 *   capplan-result v1 <key> <part>/<parts> <base64 chunk>
 *
 * Short lines (≤ {@link RESULT_CHUNK_CHARS} characters of payload) survive log pipelines that
 * split long lines (container runtimes cut lines at 16 KiB). The tag may appear anywhere in a
 * line, so `kubectl logs --prefix` and timestamps are fine. Pure: no I/O.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ResultFile } from '../results/types.js';
import { shortPlanHash } from './plan-hash.js';

/** The tag that starts every result line. */
export const RESULT_LINE_TAG = 'capplan-result v1';

/** Payload characters per line. */
export const RESULT_CHUNK_CHARS = 4000;

const LINE = /capplan-result v1 ([A-Za-z0-9._-]+) (\d+)\/(\d+) ([A-Za-z0-9+/=]+)\s*$/;

/**
 * Encode `json` (a result file's text) as tagged lines, without newlines. `key` names the result
 * among others in the same log (e.g. `<plan>-<shard index>`; letters, digits, `.`, `_`, `-`).
 */
export function encodeResultLines(json: string, key: string, chunkChars = RESULT_CHUNK_CHARS): string[] {
  if (!/^[A-Za-z0-9._-]+$/.test(key)) throw new RangeError(`result line key must be letters, digits, '.', '_' or '-' (got "${key}")`);
  const payload = gzipSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64');
  const parts = Math.max(1, Math.ceil(payload.length / chunkChars));
  const lines: string[] = [];
  for (let p = 0; p < parts; p++) lines.push(`${RESULT_LINE_TAG} ${key} ${p + 1}/${parts} ${payload.slice(p * chunkChars, (p + 1) * chunkChars)}`);
  return lines;
}

/** One result found in a log. */
export interface DecodedResult {
  key: string;
  /** The result file's JSON text. */
  json: string;
}

/** What {@link decodeResultLines} found: the whole results, and one sentence per result it could not rebuild. */
export interface DecodedLog {
  results: DecodedResult[];
  problems: string[];
}

/**
 * Find every tagged result in a log's text and rebuild it. A result whose parts are not all there,
 * disagree, or do not decompress is a problem (named by key), never a partial result. The same
 * result twice (a log collected twice) counts once; two different results under one key are a problem.
 */
export function decodeResultLines(text: string): DecodedLog {
  const byKey = new Map<string, { parts: number; chunks: Map<number, string>; conflict: boolean }>();
  for (const line of text.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, key, partText, partsText, chunk] = m;
    const part = Number(partText);
    const parts = Number(partsText);
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { parts, chunks: new Map(), conflict: false }));
    if (entry.parts !== parts || part < 1 || part > parts) entry.conflict = true;
    const seen = entry.chunks.get(part);
    if (seen !== undefined && seen !== chunk) entry.conflict = true;
    entry.chunks.set(part, chunk);
  }
  const results: DecodedResult[] = [];
  const problems: string[] = [];
  for (const [key, e] of byKey) {
    if (e.conflict) {
      problems.push(`result ${key}: its lines come from two different results (the same shard ran twice?)`);
      continue;
    }
    const absent: number[] = [];
    for (let p = 1; p <= e.parts; p++) if (!e.chunks.has(p)) absent.push(p);
    if (absent.length > 0) {
      problems.push(`result ${key}: ${absent.length} of its ${e.parts} lines are missing (a log cut short? take whole logs: kubectl logs --tail=-1)`);
      continue;
    }
    let payload = '';
    for (let p = 1; p <= e.parts; p++) payload += e.chunks.get(p);
    try {
      results.push({ key, json: gunzipSync(Buffer.from(payload, 'base64')).toString('utf8') });
    } catch (err) {
      problems.push(`result ${key}: its lines do not decompress (${(err as Error).message})`);
    }
  }
  return { results, problems };
}

/**
 * A result's lines, keyed `<plan hash, 12 hex>-<shard index>` for a shard (unique in one run's logs),
 * else `run-<start epoch ms>`.
 */
export function resultLines(result: ResultFile): string[] {
  const key = result.shard ? `${shortPlanHash(result.shard.planHash)}-${result.shard.index}` : `run-${result.run.startEpochMs}`;
  return encodeResultLines(JSON.stringify(result), key);
}
