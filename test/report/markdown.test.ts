import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/model.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { goldenResult } from './fixture.js';
import { expectGolden } from '../cli/analysis-cli.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

/** Cells of a GFM table row, splitting on unescaped pipes only. */
function cells(line: string): string[] {
  return line.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);
}

describe('renderMarkdown', () => {
  it('matches the golden file', () => {
    expectGolden('report', 'spike.md', renderMarkdown(buildReportModel(goldenResult())));
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
