import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildReportModel } from '../../src/report/model.js';
import { renderSeriesCsv, renderSummaryCsv, SERIES_COLUMNS, SUMMARY_COLUMNS } from '../../src/report/csv.js';
import { goldenResult } from './fixture.js';
import { expectGolden } from '../cli/analysis-cli.js';

describe('CSV report', () => {
  const model = buildReportModel(goldenResult());

  it('series matches the golden file', () => expectGolden('report', 'spike-series.csv', renderSeriesCsv(model)));
  it('summary matches the golden file', () => expectGolden('report', 'spike-summary.csv', renderSummaryCsv(model)));

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

  it.each(['=HYPERLINK("http://evil","x")', '+1', '-1', '@SUM(A1:A2)', '\t=1'])(
    'neutralises a formula-like endpoint name %j',
    (name) => {
      const m = buildReportModel(goldenResult([name, 'ok']));
      for (const text of [renderSeriesCsv(m), renderSummaryCsv(m)]) {
        const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
        const cellsOfName = rows.filter((r) => r.endpoint.includes(name.trim().slice(1)));
        expect(cellsOfName.length).toBeGreaterThan(0);
        for (const r of cellsOfName) {
          expect(r.endpoint).toBe(`'${name}`);
          expect(/^[=+\-@\t\r]/.test(r.endpoint)).toBe(false);
        }
      }
    },
  );
});
