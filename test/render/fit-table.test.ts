import { describe, expect, it } from 'vitest';
import { fitTable, type PlainTable } from '../../src/render/fit-table.js';
import { displayWidth } from '../../src/render/width.js';

const style = { head: [], border: [] };
const widest = (lines: string[]) => Math.max(...lines.map(displayWidth));
const table = (over: Partial<PlainTable> = {}): PlainTable => ({
  head: ['name', 'value', 'detail', 'extra'],
  rows: [
    ['read', '12.5', 'a long explanation of what happened in this row of the table', 'x'.repeat(20)],
    ['write', '✅', 'short', 'y'],
  ],
  style,
  ...over,
});

describe('fitTable', () => {
  it('leaves a table that fits as it is', () => {
    const lines = fitTable(table(), 200);
    expect(lines[1]).toMatch(/│ name +│ value +│ detail +│ extra +│/);
    expect(lines.join('\n')).not.toContain('not shown');
  });

  it.each([100, 80, 60, 40])('fits %i columns', (width) => {
    expect(widest(fitTable(table({ priority: [0, 0, 0, 1] }), width))).toBeLessThanOrEqual(width);
  });

  it('wraps the wide cell before dropping anything', () => {
    const lines = fitTable(table({ priority: [0, 0, 0, 1] }), 80);
    expect(lines.join('\n')).not.toContain('not shown');
    expect(lines.join('\n')).toContain('explanation');
  });

  it('drops the lowest-priority column when wrapping is not enough, and names it', () => {
    const lines = fitTable(table({ priority: [0, 0, 1, 2] }), 40);
    const text = lines.join('\n');
    expect(text).toContain('(not shown at this width: extra)');
    expect(text).not.toContain('xxxxxxxx');
  });

  it('stacks rows as "column: value" lines when nothing can be dropped', () => {
    const lines = fitTable(table({ rows: [['read', '1'.repeat(30), 'z'.repeat(30), 'w'.repeat(30)]] }), 40);
    expect(lines[0]).toBe('name: read');
    expect(lines).toContain(`value: ${'1'.repeat(30)}`);
    expect(widest(lines)).toBeLessThanOrEqual(40);
  });

  it('never wraps a noWrap (sparkline) column', () => {
    const spark = '▁▂▃▄▅▆▇█'.repeat(5);
    const lines = fitTable({ head: ['over time (one bar = 1 s)', '', 'peak'], rows: [['achieved rate', spark, '100/s']], noWrap: [1], style }, 80);
    expect(lines.some((l) => l.includes(spark))).toBe(true);
    expect(widest(lines)).toBeLessThanOrEqual(80);
  });
});
