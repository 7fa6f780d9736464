/**
 * A monitored run with a chaos window in every format: CSV columns per monitored series and the
 * active window, the phase table's chaos column (console/Markdown, one Doc path), and the HTML
 * page's server charts and chaos bands (the data they draw from; the rendering is checked in
 * html.test.ts under headless Chromium).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildReportModel } from '../../src/report/model.js';
import { renderSeriesCsv, SERIES_COLUMNS } from '../../src/report/csv.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderConsole } from '../../src/report/console.js';
import { pageData, renderHtml } from '../../src/report/html.js';
import { chartedSeries, MAX_CHART_SERIES, monitorUnit } from '../../src/report/monitor-columns.js';
import { parseResult } from '../../src/results/read.js';
import { expectGolden } from '../helpers/golden.js';
import { WATCHED_SOURCE, watchedResult } from './fixture.js';

const col = (series: string) => `monitor:${series}@${WATCHED_SOURCE}`;

describe('a monitored run with chaos windows', () => {
  const result = watchedResult();
  const model = buildReportModel(result);

  it('the fixture is a valid result file (the schema accepts its monitor and chaos fields)', () => {
    expect(() => parseResult(JSON.stringify(result), 'watched.json')).not.toThrow();
    expect(model.chaos?.windows.map((w) => [w.fromSec, w.toSec])).toEqual([[5, 8]]);
  });

  it('CSV matches the golden file', () => expectGolden('report/watched-series.csv', renderSeriesCsv(model)));

  it('CSV: one monitor column per series, aligned to the seconds, empty where no sample fell; a chaos column', () => {
    const rows = parse(renderSeriesCsv(model), { columns: true }) as Array<Record<string, string>>;
    const columns = Object.keys(rows[0]);
    expect(columns.slice(0, SERIES_COLUMNS.length)).toEqual(SERIES_COLUMNS);
    expect(columns.slice(SERIES_COLUMNS.length)).toEqual(result.monitor!.series.map((s) => col(s.name)));
    const total = rows.filter((r) => r.endpoint === 'total');
    expect(total).toHaveLength(12);
    // Two samples per second (every 0.5 s): the row holds their mean. heap = 20 MiB + t MiB → second s: 20 MiB + (s + 0.25) MiB.
    total.forEach((r, s) => expect(Number(r[col('nodejs_heap_size_used_bytes')])).toBe((20 + s + 0.25) * 2 ** 20));
    // Scraped every 2 s: a value in even seconds only, empty otherwise.
    expect(total.map((r) => r[col('capplan_target_queue_length')])).toEqual(['0', '', '2', '', '4', '', '6', '', '8', '', '10', '']);
    // Every row of a second carries the same values, endpoints included.
    for (const r of rows) expect(r[col('nodejs_heap_size_used_bytes')]).toBe(total[Number(r.t)][col('nodejs_heap_size_used_bytes')]);
    expect(total.map((r) => r.chaos)).toEqual(['', '', '', '', '', 'chaos 1', 'chaos 1', 'chaos 1', '', '', '', '']);
    expect(new Set(rows.map((r) => r.bucket_sec))).toEqual(new Set(['1']));
  });

  it('Markdown and console: the phase table names the chaos window covering each phase', () => {
    const md = renderMarkdown(model);
    expectGolden('report/watched.md', md);
    expect(md).toContain('| phase | time | requests | target rate (/s) | achieved rate (/s) | p50 (ms) | p99 (ms) | error rate | dropped | chaos |');
    expect(md).toMatch(/\| ramp-up \|[^\n]*\| – \|\n/);
    expect(md).toMatch(/\| spike \|[^\n]*\| chaos 1 \(5–8 s\) \|\n/);
    expect(md).toMatch(/\| recovery \|[^\n]*\| – \|\n/);
    const con = renderConsole(model, 200);
    expect(con).toContain('chaos 1 (5–8 s)');
    expect(con).toContain('Chaos windows');
  });

  it('HTML: the page carries the charted series on the load time axis and the chaos windows; one figure per unit', () => {
    const html = renderHtml(model);
    const data = JSON.parse(/<script type="application\/json" id="capplan-data">(.*?)<\/script>/s.exec(html)![1]) as ReturnType<typeof pageData>;
    const charted = data.monitorColumns!;
    // Every gauge (the file's order); the counter capplan_target_requests_served_total is not charted.
    expect(charted.map((c) => c.series)).toEqual(['capplan_target_busy_workers', 'capplan_target_queue_length', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'process_resident_memory_bytes']);
    for (const c of charted) expect(c.values).toHaveLength(data.series.t.length);
    expect(data.monitor!.series).toEqual([]); // the raw series stay out of the page
    expect(data.chaos!.windows).toEqual([{ fromSec: 5, toSec: 8, config: expect.objectContaining({ errorRate: 0.1 }) }]);
    expect(data.chaosEffects).toHaveLength(1);
    for (const unit of ['bytes', 'seconds', 'count']) expect(html).toContain(`id="chart-monitor-${unit}"`);
    expect(html).not.toContain('chart-monitor-ratio');
    expect(html).toContain('<th>chaos</th>');
    expect(html).toContain('chaos 1 (5–8 s)');
    expect(html).toContain('<h2>Chaos windows</h2>');
  });

  it.each<[string, string[], string[]]>([
    ['well-known series first, in their order', ['x_total', 'process_resident_memory_bytes', 'other_gauge', 'nodejs_heap_size_used_bytes'], ['nodejs_heap_size_used_bytes', 'process_resident_memory_bytes']],
    ['no well-known series: the first gauges, counters left out', ['a_total', 'b_bytes', 'c_count', 'd'], ['b_bytes', 'd']],
    ['at most MAX_CHART_SERIES', Array.from({ length: 20 }, (_, i) => `g${i}`), Array.from({ length: MAX_CHART_SERIES }, (_, i) => `g${i}`)],
  ])('charted series: %s', (_case, names, expected) => {
    const series = names.map((name) => ({ name }));
    expect([...chartedSeries(series)].sort((a, b) => a - b).map((i) => names[i]).sort()).toEqual([...expected].sort());
  });

  it.each([
    ['process_resident_memory_bytes', 'bytes'],
    ['nodejs_eventloop_lag_seconds', 'seconds'],
    ['capplan_target_utilisation', 'ratio'],
    ['capplan_target_busy_workers', 'count'],
  ])('unit of %s is %s', (name, unit) => expect(monitorUnit(name)).toBe(unit));
});
