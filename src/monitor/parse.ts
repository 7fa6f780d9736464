/**
 * The Prometheus text exposition format (version 0.0.4) as flat samples: one per line
 * `name{label="value",...} value [timestamp]`, with `\\`, `\"` and `\n` escapes in label values
 * and `+Inf`, `-Inf`, `NaN` values. Histogram `_bucket` lines are skipped (the monitor keeps a
 * histogram's `_sum` and `_count`); summary quantiles are kept as labelled samples.
 *
 * Written here rather than taken from npm: parse-prometheus-text-format, the parser on npm, merges
 * every labelled histogram or summary of a family into one entry and drops its labels, `_sum` and
 * `_count` (y{endpoint="a"} and y{endpoint="b"} come back as a single bucket map), and a flat
 * line parser is all the monitor needs.
 */

/** One sample: metric name, labels and value (NaN and ±Inf allowed). */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** `"+Inf"` → Infinity, `"NaN"` → NaN, `"1e3"` → 1000 (Number() alone reads "+Inf" as NaN). */
export function promNumber(s: string): number {
  const t = s.trim();
  if (t === '+Inf' || t === 'Inf') return Infinity;
  if (t === '-Inf') return -Infinity;
  return t === '' ? NaN : Number(t);
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/**
 * Parse a scrape into samples. Lines that are not samples in the format (garbage, a truncated
 * line) are counted in `skipped` rather than failing the scrape.
 */
export function parsePrometheusText(text: string): { samples: PromSample[]; skipped: number } {
  const out: PromSample[] = [];
  const histograms = new Set<string>();
  let skipped = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^#\s*TYPE\s+(\S+)\s+histogram\s*$/.exec(line);
      if (m) histograms.add(m[1]);
      continue;
    }
    const s = parseLine(line);
    if (!s) {
      skipped++;
      continue;
    }
    if (s.name.endsWith('_bucket') && histograms.has(s.name.slice(0, -7))) continue;
    out.push(s);
  }
  return { samples: out, skipped };
}

/** One sample line, or `undefined` when malformed. */
function parseLine(line: string): PromSample | undefined {
  const nm = NAME.exec(line);
  if (!nm) return undefined;
  const name = nm[0];
  let i = name.length;
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i++;
    for (;;) {
      while (line[i] === ' ' || line[i] === ',') i++;
      if (line[i] === '}') {
        i++;
        break;
      }
      const ln = LABEL_NAME.exec(line.slice(i));
      if (!ln) return undefined;
      i += ln[0].length;
      while (line[i] === ' ') i++;
      if (line[i] !== '=') return undefined;
      i++;
      while (line[i] === ' ') i++;
      if (line[i] !== '"') return undefined;
      i++;
      let v = '';
      for (;;) {
        const c = line[i];
        if (c === undefined) return undefined;
        if (c === '"') break;
        if (c === '\\') {
          const n = line[i + 1];
          v += n === 'n' ? '\n' : n === '\\' ? '\\' : n === '"' ? '"' : `\\${n ?? ''}`;
          i += 2;
          continue;
        }
        v += c;
        i++;
      }
      i++;
      labels[ln[0]] = v;
    }
  }
  const rest = line.slice(i).trim().split(/\s+/);
  if (rest.length < 1 || rest.length > 2 || rest[0] === '') return undefined;
  const value = promNumber(rest[0]);
  if (Number.isNaN(value) && rest[0] !== 'NaN') return undefined;
  return { name, labels, value };
}

/**
 * Canonical series key: `name` or `name{a="x",b="y"}` with labels sorted by name and values
 * escaped as in the exposition format (so a key is also valid PromQL selector text).
 */
export function seriesKey(name: string, labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return name;
  const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
  return `${name}{${keys.map((k) => `${k}="${esc(labels[k])}"`).join(',')}}`;
}
