import { describe, expect, it } from 'vitest';
import { buildReportModel, REPORT_SCHEMA } from '../../src/report/model.js';
import { renderJson } from '../../src/report/json.js';
import { goldenResult } from './fixture.js';

describe('renderJson', () => {
  const model = buildReportModel(goldenResult());
  const text = renderJson(model);

  it('is the report model, losslessly, with its schema tag', () => {
    const parsed = JSON.parse(text);
    expect(parsed.schema).toBe(REPORT_SCHEMA);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(model)));
  });

  it('keeps number arrays on one line', () => {
    expect(text).toMatch(/"t": \[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11\]/);
    expect(text).toMatch(/"p50": \[[\d.]+, /);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('does not collapse arrays that hold strings', () => {
    const m = buildReportModel(goldenResult(['[1,\n2]', 'b']));
    expect(JSON.parse(renderJson(m)).summary.endpoints[0].name).toBe('[1,\n2]');
  });
});
