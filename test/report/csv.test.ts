import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildReportModel } from '../../src/report/model.js';
import { renderSeriesCsv, renderSummaryCsv, SERIES_COLUMNS, SUMMARY_COLUMNS } from '../../src/report/csv.js';
import { demoLikeResult, goldenResult } from './fixture.js';
import { expectGolden } from '../helpers/golden.js';

describe('CSV report', () => {
  const model = buildReportModel(goldenResult());

  it('series matches the golden file', () => expectGolden('report/spike-series.csv', renderSeriesCsv(model)));
  it('summary matches the golden file', () => expectGolden('report/spike-summary.csv', renderSummaryCsv(model)));

  it('writes one row per second per endpoint plus a total row per second', () => {
    const rows = parse(renderSeriesCsv(model), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(SERIES_COLUMNS);
    expect(rows).toHaveLength(12 * 3);
    expect(rows.filter((r) => r.endpoint === 'total').map((r) => Number(r.t))).toEqual([...Array(12).keys()]);
    // The per-second achieved counts add up to the whole-run request count, per endpoint and in total.
    for (const s of [...model.summary.endpoints, model.summary.total]) {
      const sum = rows.filter((r) => r.endpoint === s.name).reduce((a, r) => a + Number(r.achieved_rate), 0);
      expect(sum, s.name).toBe(s.count);
    }
  });

  it('--summary writes one row per endpoint and the total', () => {
    const rows = parse(renderSummaryCsv(model), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(SUMMARY_COLUMNS);
    expect(rows.map((r) => r.endpoint)).toEqual(['GET /items', 'POST /orders', 'total']);
    expect(Number(rows[2].requests)).toBe(model.summary.total.count);
    expect(Number(rows[2].dropped)).toBe(model.summary.total.dropped);
  });

  it('--summary rounds ms, rates and seconds to 3 decimals and error_rate to 6, as the series does', () => {
    const m = buildReportModel(demoLikeResult());
    m.run.durationSec = 10.527858642578124;
    const t = m.summary.total;
    t.latencyMs.mean = 21.02450390625;
    t.targetRate = 1696 / 10.527858642578124;
    t.achievedRate = 1000 / 3;
    t.errorRate = 24 / 1696;
    const rows = parse(renderSummaryCsv(m), { columns: true }) as Array<Record<string, string>>;
    const total = rows.find((r) => r.endpoint === 'total')!;
    expect([total.duration_sec, total.mean_ms, total.target_rate, total.achieved_rate, total.error_rate]).toEqual(['10.528', '21.025', '161.096', '333.333', '0.014151']);
    for (const r of rows) {
      for (const [col, v] of Object.entries(r)) {
        if (col === 'endpoint') continue;
        const decimals = v.split('.')[1]?.length ?? 0;
        expect(decimals, `${r.endpoint} ${col}=${v}`).toBeLessThanOrEqual(col === 'error_rate' ? 6 : 3);
      }
    }
    // The series has the same precision: counts are whole, latencies whole µs.
    for (const r of parse(renderSeriesCsv(m), { columns: true }) as Array<Record<string, string>>) {
      for (const v of Object.values(r)) expect(v.split('.')[1]?.length ?? 0).toBeLessThanOrEqual(3);
    }
  });

  it.each(['=HYPERLINK("http://evil","x")', '+1', '-1', '@SUM(A1:A2)', '\t=1'])(
    'neutralises a formula-like endpoint name %j',
    (name) => {
      const m = buildReportModel(goldenResult([name, 'ok']));
      for (const text of [renderSeriesCsv(m), renderSummaryCsv(m)]) {
        const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
        const cellsOfName = rows.filter((r) => r.endpoint.includes(name.trim().slice(1)));
        expect(cellsOfName.length).toBeGreaterThan(0);
        for (const r of cellsOfName) {
          // A leading tab is a control character: written as \x09, so it cannot lead a formula either.
          expect(r.endpoint).toBe(name.startsWith('\t') ? `\\x09${name.slice(1)}` : `'${name}`);
          expect(/^[=+\-@\t\r]/.test(r.endpoint)).toBe(false);
        }
      }
    },
  );
});
