/**
 * Issue 9 case 4, big inputs: `report` of a 36-hour soak (130 000 one-second intervals) in every
 * format stays within a stated number of rows and points and says how it downsampled; a profile
 * or result file with more than MAX_ENDPOINTS endpoints is refused (exit 2). No timing assertions:
 * time and memory are measured by hand (see the report of this change).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { assembleResult } from '../../src/results/assemble.js';
import { writeResultFile } from '../../src/results/write.js';
import { parseResult, readResultFile } from '../../src/results/read.js';
import { emptyCounters, type IntervalRecord, type ResultFile } from '../../src/results/types.js';
import { encodeHistogram, newLatencyHistogram, recordUs } from '../../src/results/histogram.js';
import { buildReportModel, type ReportModel } from '../../src/report/model.js';
import { renderSeriesCsv } from '../../src/report/csv.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderConsole } from '../../src/report/console.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { MAX_SERIES_POINTS } from '../../src/report/scan.js';
import { MAX_ENDPOINTS } from '../../src/results/limits.js';
import { parseProfile } from '../../src/profile/load.js';
import { ExitCode, ValidationError } from '../../src/errors.js';
import { formatCount } from '../../src/render/format.js';

const SECONDS = 130_000;

/**
 * A 36-hour open-model run of one endpoint at 20 req/s, as `load` assembles it. Latency histograms
 * (20 requests, 1–20 ms) in every 100th second only: decoding 260 000 histograms would make this a
 * benchmark, and the bucketing under test depends on the seconds, not on the histograms.
 */
function soakResult(): ResultFile {
  const h = newLatencyHistogram();
  for (let ms = 1; ms <= 20; ms++) recordUs(h, ms * 1000);
  const encoded = encodeHistogram(h);
  h.destroy();
  const start = Date.UTC(2026, 0, 1);
  const intervals: IntervalRecord[] = [];
  for (let t = 0; t < SECONDS; t++) {
    const c = emptyCounters();
    const withLatency = t % 100 === 0;
    c.scheduled = 20;
    c.sent = 20;
    c.completed = withLatency ? 20 : 0;
    c.ok = c.completed;
    c.dropped = 0;
    const hist = withLatency ? encoded : '';
    intervals.push({ epochSec: start / 1000 + t, t, targetLevel: 20, activeUsers: 0, endpoints: { read: { ...c, latency: hist, service: hist } } });
  }
  return assembleResult({
    profile: { name: 'soak', model: 'open', target: 'http://127.0.0.1:8080', spec: { name: 'soak' } },
    environment: { capplanVersion: '0.1.0', nodeVersion: 'v20.20.2', platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'synthetic', hostname: 'fixture', workers: 1, connections: 10 },
    run: {
      startedAt: new Date(start).toISOString(),
      startEpochMs: start,
      endedAt: new Date(start + SECONDS * 1000).toISOString(),
      durationMs: SECONDS * 1000,
      plannedDurationMs: SECONDS * 1000,
      interrupted: false,
      scale: 1,
      phases: [{ name: 'warm-up', startSec: 0, endSec: 600 }, { name: 'soak', startSec: 600, endSec: SECONDS }],
    },
    intervals,
    endpointOrder: ['read'],
  });
}

describe('issue 9 case 4: a 130 000-second result renders in every format within the stated bounds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'capplan-big-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let model: ReportModel;
  const bucketSec = Math.ceil(SECONDS / MAX_SERIES_POINTS); // 37
  const buckets = Math.ceil(SECONDS / bucketSec); // 3 514
  const method = `per-second series: ${formatCount(SECONDS)} s shown as ${formatCount(buckets)} buckets of ${bucketSec} s`;

  it('is written and read back by the result-file code', async () => {
    const path = join(dir, 'soak.json');
    await writeResultFile(path, soakResult());
    model = buildReportModel(await readResultFile(path));
    expect(model.series.downsampled).toEqual({ seconds: SECONDS, buckets, bucketSec });
    expect(model.series.t.length).toBe(buckets);
    expect(buckets).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    // Counts are the mean per second over each bucket: × width adds back to the exact totals.
    const widths = model.series.t.map((t) => Math.min(bucketSec, SECONDS - t));
    expect(Math.round(model.series.total.sent.reduce((a, v, i) => a + v * widths[i], 0))).toBe(20 * SECONDS);
    expect(Math.round(model.series.total.achieved.reduce((a, v, i) => a + v * widths[i], 0))).toBe(model.summary.total.count);
    // p99 of a bucket comes from its merged histograms: a bucket holding one latency second shows its p99.
    expect(model.series.total.p99.filter((v) => v !== null).every((v) => v! >= 19.9 && v! <= 20.1)).toBe(true);
    // Phases and whole-run numbers still use every second.
    expect(model.phases.map((p) => p.total.count)).toEqual([6 * 20, (SECONDS / 100 - 6) * 20]);
  });

  it.each<[string, (m: ReportModel) => string, (out: string) => number]>([
    ['csv: rows per endpoint and total', renderSeriesCsv, (out) => (parse(out, { columns: true }) as unknown[]).length / 2],
    ['json: points per series', renderJson, (out) => (JSON.parse(out) as ReportModel).series.total.achieved.length],
    ['html: points per chart line', renderHtml, (out) => (JSON.parse(/id="capplan-data">(.*?)<\/script>/s.exec(out)![1]) as ReportModel).series.t.length],
    ['md: sparkline bars', renderMarkdown, (out) => [.../`(.*?)`/.exec(out.split('\n').find((l) => l.startsWith('| achieved rate'))!)![1]].length],
    ['console: sparkline bars', (m) => renderConsole(m, 200), (out) => [...out.split('\n').find((l) => l.includes('achieved rate'))!.split('achieved rate')[1].replace(/[^▁▂▃▄▅▆▇█]/g, '')].length],
  ])('%s stay within the bound and the method is stated', (label, render, points) => {
    const out = render(model);
    const n = points(out);
    expect(n, label).toBeGreaterThan(0);
    expect(n, label).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    if (label.startsWith('csv')) {
      const rows = parse(out, { columns: true }) as Array<Record<string, string>>;
      expect(new Set(rows.map((r) => r.bucket_sec))).toEqual(new Set([String(bucketSec)]));
    } else if (label.startsWith('json')) {
      expect((JSON.parse(out) as ReportModel).series.downsampled).toEqual({ seconds: SECONDS, buckets, bucketSec });
    } else {
      expect(out).toContain(method);
      expect(out).toContain('p50–p99.9 of each bucket from its merged histogram');
      // A sparkline bar spans whole buckets: ⌈3 514 / 48⌉ = 74 buckets of 37 s.
      if (!label.startsWith('html')) expect(out).toContain(`one bar = ${formatCount(74 * bucketSec)} s`);
    }
  });
});

describe('issue 9 case 4: the number of endpoints is bounded (MAX_ENDPOINTS)', () => {
  const profileWith = (n: number) =>
    ['name: many', 'target: http://127.0.0.1:8080', 'shape: { type: steady, rate: 10, duration: 1s }', 'endpoints:', ...Array.from({ length: n }, (_, i) => `  - { name: e${i}, path: /e${i} }`)].join('\n');
  const resultWith = (n: number, where: 'intervals' | 'summary') => {
    const r = soakFree();
    const c = emptyCounters();
    const names = Array.from({ length: n }, (_, i) => `e${i}`);
    if (where === 'intervals') r.intervals[0].endpoints = Object.fromEntries(names.map((k) => [k, { ...c, latency: '', service: '' }]));
    else r.summary.endpoints = names.map((name) => ({ ...r.summary.total, name }));
    return JSON.stringify(r);
  };

  it.each<[string, () => unknown, string | null]>([
    ['a profile with MAX_ENDPOINTS endpoints is accepted', () => parseProfile(profileWith(MAX_ENDPOINTS), 'many.yaml'), null],
    ['a profile with one more is refused', () => parseProfile(profileWith(MAX_ENDPOINTS + 1), 'many.yaml'), `endpoints: ${MAX_ENDPOINTS + 1} endpoints: at most ${MAX_ENDPOINTS} are allowed`],
    ['a result file with MAX_ENDPOINTS endpoint keys is accepted', () => parseResult(resultWith(MAX_ENDPOINTS, 'intervals'), 'many.json'), null],
    ['a result file with one more endpoint key in its intervals is refused', () => parseResult(resultWith(MAX_ENDPOINTS + 1, 'intervals'), 'many.json'), `intervals[0].endpoints: more than ${MAX_ENDPOINTS} endpoints: at most ${MAX_ENDPOINTS} are allowed`],
    ['a result file with one more endpoint summary is refused', () => parseResult(resultWith(MAX_ENDPOINTS + 1, 'summary'), 'many.json'), `summary.endpoints: ${MAX_ENDPOINTS + 1} endpoints: at most ${MAX_ENDPOINTS} are allowed`],
  ])('%s', (_case, run, problem) => {
    if (problem === null) {
      expect(run).not.toThrow();
      return;
    }
    let err: unknown;
    try {
      run();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).exitCode).toBe(ExitCode.BadInput);
    expect((err as Error).message).toContain('many.');
    expect((err as Error).message).toContain(problem);
  });
});

/** A one-second result of one endpoint, for the endpoint-count cases. */
function soakFree(): ResultFile {
  const c = emptyCounters();
  return assembleResult({
    profile: { name: 'many', model: 'open', target: 'http://127.0.0.1:8080', spec: { name: 'many' } },
    environment: { capplanVersion: '0.1.0', nodeVersion: 'v20.20.2', platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'synthetic', hostname: 'fixture', workers: 1, connections: 10 },
    run: { startedAt: new Date(0).toISOString(), startEpochMs: 0, endedAt: new Date(1000).toISOString(), durationMs: 1000, plannedDurationMs: 1000, interrupted: false, scale: 1, phases: [] },
    intervals: [{ epochSec: 0, t: 0, targetLevel: 0, activeUsers: 0, endpoints: { e0: { ...c, latency: '', service: '' } } }],
  });
}
