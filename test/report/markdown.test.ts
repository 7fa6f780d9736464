import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/model.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { demoLikeResult, goldenResult } from './fixture.js';
import { expectGolden } from '../helpers/golden.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

/** Cells of a GFM table row, splitting on unescaped pipes only. */
function cells(line: string): string[] {
  return line.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);
}

describe('renderMarkdown', () => {
  it('matches the golden file', () => {
    expectGolden('report/spike.md', renderMarkdown(buildReportModel(goldenResult())));
  });

  it('shows ✅ for a clean run and names requests, errors, p99 and dropped in the headline', () => {
    const md = renderMarkdown(buildReportModel(syntheticResult({ name: 'calm', seconds: 3, endpoints: [{ name: 'a', rps: 50, medianMs: 5 }] })));
    const first = md.split('\n')[0];
    expect(first).toMatch(/^### ✅ calm: 150 requests, 0% errors, p99 [\d.]+ ms, 0 dropped$/);
    expect(md).not.toContain('#### Phases'); // one phase covering the run adds nothing
  });

  it('shows ❌ with the reasons when a threshold fails', () => {
    const r = goldenResult();
    r.profile.thresholds = { total: ['p50<1ms'] };
    const md = renderMarkdown(buildReportModel(r));
    expect(md.split('\n')[0]).toMatch(/^### ❌ spike: .*; 0\/1 thresholds passed$/);
    expect(md).toContain('- threshold total: p50&lt;1ms failed');
  });

  const hostile = 'a|b`<img src=x onerror=alert(1)>';
  it.each([
    ['pipe, backtick and HTML', hostile],
    ['newline and heading', 'x\n# y\r\n| z |'],
    ['mention', '@org/security'],
  ])('escapes a hostile endpoint name (%s): no extra column, no raw HTML, no mention', (_label, name) => {
    const md = renderMarkdown(buildReportModel(goldenResult([name, 'POST /orders'])));
    expect(md).not.toMatch(/<img/i);
    expect(md).not.toMatch(/@org/);
    const lines = md.split('\n');
    // Every table row has exactly as many cells as its header.
    let width = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('|')) continue;
      if (lines[i + 1]?.startsWith('| --- ') || lines[i + 1]?.startsWith('| --- |') || /^\|( --- \|)+$/.test(lines[i + 1] ?? '')) width = cells(lines[i]).length;
      expect(cells(lines[i]).length, lines[i]).toBe(width);
    }
    // No line starts a heading or block except the ones we write.
    expect(lines.filter((l) => /^#{1,6} /.test(l)).every((l) => /^#{3,4} /.test(l))).toBe(true);
  });
});

describe('md and html of a demo-like run (fractional phase bounds, 1 711 late requests)', () => {
  const model = buildReportModel(demoLikeResult());
  const md = renderMarkdown(model);
  // What the page shows (the model travels raw as JSON in a script element after it).
  const html = renderHtml(model).split('<script')[0];

  it.each([
    ['md', md],
    ['html', html],
  ])('%s shows phase bounds rounded to 0.1 s', (_format, text) => {
    for (const span of ['0–3 s', '3–3.3 s', '3.3–9.3 s', '9.3–10.5 s']) expect(text).toContain(span);
    expect(text).not.toMatch(/\d\.\d{3,}[–\u2013 ]/);
  });

  it('json keeps the raw phase bounds', () => {
    const phases = (JSON.parse(renderJson(model)) as { phases: Array<{ startSec: number; endSec: number }> }).phases;
    expect(phases.map((p) => [p.startSec, p.endSec])).toEqual([[0, 3], [3, 3.2857142857142856], [3.2857142857142856, 9.285714285714286], [9.285714285714286, 10.5]]);
  });

  it.each([
    ['md', md],
    ['html', html],
  ])('%s groups the thousands of every count the same way, warnings included', (_format, text) => {
    expect(text).toContain('1\u202f711 requests left late');
    expect(text).toContain('1\u202f711 requests (');
    expect(text).not.toMatch(/\b1711\b/);
  });
});
