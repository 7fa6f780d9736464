import chalk from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderConsole, renderConsoleSummary } from '../../src/report/console.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildReportModel } from '../../src/report/model.js';
import { createProgress, progressBarLine, progressLine } from '../../src/report/progress.js';
import { checkThresholds } from '../../src/gate/thresholds.js';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { expectGolden } from '../helpers/golden.js';
import { displayWidth } from '../../src/render/width.js';

/** A terminal wide enough that no line wraps and no column is dropped. */
const WIDE = 300;

beforeAll(() => {
  chalk.level = 0;
});

const result = () =>
  syntheticResult({
    name: 'golden',
    seconds: 10,
    seed: 7,
    endpoints: [
      { name: 'read', rps: 90, medianMs: 8, errorRate: 0.01, timeoutRate: 0.005 },
      { name: 'write', rps: 10, medianMs: 25, backpressureRate: 0.05 },
    ],
    thresholds: { total: ['p99<100ms', 'error_rate<1%'], write: ['p95<10ms'], nosuch: ['p99<1s'] },
  });

describe('console summary', () => {
  it('matches the golden report (verdict, why, sparklines, thresholds, endpoints + total, latency, run details)', () => {
    expectGolden('load/summary.txt', renderConsoleSummary(result(), 100));
  });

  it('fits 100 and 80 columns: drops low-priority columns, names them, wraps long text (golden at 80)', () => {
    for (const width of [100, 80]) {
      const text = renderConsoleSummary(result(), width);
      expect(Math.max(...text.split('\n').map(displayWidth))).toBeLessThanOrEqual(width);
    }
    const narrow = renderConsoleSummary(result(), 80);
    expect(narrow).toContain('(not shown at this width: target rate (/s), errors by kind, late)');
    expect(narrow).toContain('200: 976 · 500: 15 · 429: 4');
    expectGolden('load/summary-80.txt', narrow);
  });

  it('threshold checks: pass, fail, unknown scope', () => {
    const checks = checkThresholds(result());
    expect(checks.map((c) => [c.scope, c.expr, c.pass])).toEqual([
      ['total', 'p99<100ms', true],
      ['total', 'error_rate<1%', false],
      ['write', 'p95<10ms', false],
      ['nosuch', 'p99<1s', false],
    ]);
    expect(checks[3].problem).toMatch(/no endpoint named "nosuch" completed any request/);
  });

  it('closed model: the run line shows the peak users instead of a target rate; the target rate column is "–"', () => {
    const r = result();
    r.profile.model = 'closed';
    r.intervals.forEach((iv, i) => (iv.activeUsers = [20, 33, 31][i % 3]));
    const text = renderConsoleSummary(r, WIDE);
    const line = text.split('\n').find((l) => l.includes('achieved'))!;
    expect(line).toContain('achieved 100/s with 33 users (peak)');
    expect(line).not.toMatch(/target/);
    const totalRow = text.split('\n').find((l) => /^│ total +│ 1\u202f000 /.test(l))!;
    expect(totalRow.split('│').map((c) => c.trim())[3]).toBe('–');
    // Without activeUsers (older results), the planned users (targetLevel) stand in.
    r.intervals.forEach((iv) => (iv.activeUsers = 0));
    expect(renderConsoleSummary(r, WIDE)).toContain(`with ${Math.max(...r.intervals.map((iv) => iv.targetLevel))} users (peak)`);
  });

  it('open model: the run line keeps the target rate, with units', () => {
    expect(renderConsoleSummary(result(), WIDE)).toContain('achieved 100/s (target 100/s)');
  });

  it('console and Markdown show the same numbers (one model, one layout)', () => {
    const m = buildReportModel(result());
    const con = renderConsole(m, WIDE);
    const md = renderMarkdown(m);
    for (const text of ['1\u202f000 requests, 2.4% errors, p99 37.09 ms', 'http5xx 15, timeout 5', '37.09', '2.222%']) {
      expect(con).toContain(text);
      expect(md).toContain(text);
    }
  });
});

describe('progress line', () => {
  it('shows elapsed/total, target vs achieved, interval p99, errors and dropped', () => {
    const r = result();
    const iv = r.intervals[3];
    const line = progressLine(4, 10, iv, 'open');
    expect(line).toMatch(/^\[ 4\/10 s · ETA 6 s\] target \d+\/s {2}achieved \d+\/s {2}p99 [\d.]+ ms {2}errors \d+\/s {2}dropped 0\/s$/);
    const achieved = Object.values(iv.endpoints).reduce((a, d) => a + d.completed, 0);
    expect(line).toContain(`achieved ${achieved}/s`);
  });

  it('closed model: labels active users and the planned users', () => {
    const iv = { ...result().intervals[3], activeUsers: 36, targetLevel: 33 };
    expect(progressLine(4, 10, iv, 'closed')).toMatch(/^\[ 4\/10 s · ETA 6 s\] users 36 \(target 33\) {2}achieved \d+\/s/);
  });

  it('on a terminal: a bar with the share done, elapsed/total and the ETA, cut to the terminal width', () => {
    const iv = result().intervals[3];
    const wide = progressBarLine(4, 10, iv, 'open', 200);
    expect(wide).toMatch(/^█{8}░{12} 40% {2}4\/10 s {2}ETA 6 s {2}target \d+\/s {2}achieved \d+\/s {2}p99 [\d.]+ ms {2}errors \d+\/s {2}dropped 0\/s$/);
    expect(progressBarLine(150, 120, iv, 'open', 200)).toMatch(/^█{20} 100% {2}120\/120 s {2}ETA 0 s/);
    const narrow = progressBarLine(4, 10, iv, 'open', 60);
    expect(displayWidth(narrow)).toBe(59);
    expect(narrow.endsWith('…')).toBe(true);
    expect(progressBarLine(1, 600, iv, 'open', 200)).toContain('ETA 9 m 59 s');
  });

  it('rewrites one line on a TTY and prints every N seconds otherwise', () => {
    const r = result();
    const tty: string[] = [];
    const p1 = createProgress({ write: (t) => tty.push(t), isTTY: true }, 'open', 5);
    const plain: string[] = [];
    const p2 = createProgress({ write: (t) => plain.push(t), isTTY: false }, 'open', 5);
    for (let s = 1; s <= 10; s++) {
      p1.update(s, 10, r.intervals[s - 1]);
      p2.update(s, 10, r.intervals[s - 1]);
    }
    p1.done();
    expect(tty).toHaveLength(11);
    expect(tty.slice(0, 10).every((t) => t.startsWith('\r\x1b[2K'))).toBe(true);
    expect(tty[10]).toBe('\n');
    expect(plain.map((l) => l.slice(0, 8))).toEqual(['[ 5/10 s', '[10/10 s']);
    expect(tty[3]).toMatch(/^\r\x1b\[2K█{8}░{12} 40%/);
  });
});

describe('progress ETA', () => {
  it('rounds away float noise in a scaled duration: 45.000000000000007 s is 45 s, ETA 0 s', async () => {
    const { etaText, wholeSeconds } = await import('../../src/render/progress-bar.js');
    expect(wholeSeconds(45.000000000000007)).toBe(45);
    expect(wholeSeconds(45.2)).toBe(46);
    expect(etaText(45, 45.000000000000007)).toBe('ETA 0 s');
    expect(etaText(12.4, 60)).toBe('ETA 48 s');
    const iv = result().intervals[3];
    expect(progressLine(45, 45.000000000000007, iv, 'closed')).toMatch(/^\[45\/45 s · ETA 0 s\]/);
  });
});
