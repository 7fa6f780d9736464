import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReportModel } from '../../src/report/model.js';
import { jsonForScript, renderHtml } from '../../src/report/html.js';
import { demoLikeResult, goldenResult, watchedResult } from './fixture.js';
import { syntheticResult } from '../helpers/synthetic-result.js';
import type { ResultFile } from '../../src/results/types.js';

const CHROMIUM = '/usr/bin/chromium';
const HOSTILE = '</script><script>alert(1)</script>';
const HOSTILE2 = '<!--<img src=x onerror=alert(2)>';

describe('renderHtml (static checks)', () => {
  const html = renderHtml(buildReportModel(goldenResult([HOSTILE, HOSTILE2])));

  it('is one self-contained file: no external URLs in src/href, no link or external script', () => {
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]+(src|href)=/i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;/);
  });

  it('has exactly three script elements (data, uPlot, report) and no raw hostile markup', () => {
    expect(html.match(/<script/gi)).toHaveLength(3);
    expect(html).not.toContain('<img');
    expect(html.match(/<!--/g)).toBeNull();
  });

  it.each([
    ['</script>', '\\u003c/script\\u003e'],
    ['<!--', '\\u003c!--'],
    ['a&b', 'a\\u0026b'],
    ['\u2028', '\\u2028'],
  ])('jsonForScript escapes %j and stays the same JSON', (raw, escaped) => {
    const text = jsonForScript({ name: raw });
    expect(text).toContain(escaped);
    expect(JSON.parse(text)).toEqual({ name: raw });
  });
});

const noChromium = !existsSync(CHROMIUM);
if (noChromium) console.warn(`[report/html] ${CHROMIUM} not found: skipping the headless Chromium rendering test (apt-get install -y chromium)`);

describe.skipIf(noChromium)('renderHtml in headless Chromium', () => {
  let dir: string;
  let browser: import('playwright-core').Browser;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'capplan-html-'));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(names: [string, string] | ResultFile) {
    const path = join(dir, `r${Math.random().toString(36).slice(2)}.html`);
    writeFileSync(path, renderHtml(buildReportModel(Array.isArray(names) ? goldenResult(names) : names)));
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`); });
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.goto(`file://${path}`);
    await page.waitForFunction(() => document.documentElement.getAttribute('data-charts') !== null, undefined, { timeout: 10_000 });
    return { page, problems, dialogs };
  }

  it('renders four charts, the endpoint tables and the verdict without errors or requests', async () => {
    const { page, problems } = await open(['GET /items', 'POST /orders']);
    const sizes = await page.$$eval('canvas', (cs) => cs.map((c) => [c.getBoundingClientRect().width, c.getBoundingClientRect().height]));
    expect(sizes).toHaveLength(4);
    for (const [w, h] of sizes) {
      expect(w).toBeGreaterThan(200);
      expect(h).toBeGreaterThan(100);
    }
    const firstCells = await page.$$eval('.table-wrap tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(firstCells).toEqual(expect.arrayContaining(['GET /items', 'POST /orders', 'total', 'ramp-up', 'spike', 'recovery']));
    expect(await page.textContent('header .badge')).toBe('WARNING');
    // The endpoint selector lists every endpoint and switching it re-labels the time charts.
    await page.selectOption('#scope', { label: 'POST /orders' });
    expect(await page.$$eval('.scope-name', (els) => els.map((e) => e.textContent))).toEqual(['POST /orders', 'POST /orders', 'POST /orders']);
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a hostile endpoint name is shown as text and never executes', async () => {
    const { page, problems, dialogs } = await open([HOSTILE, HOSTILE2]);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    expect(await page.$$eval('script', (s) => s.length)).toBe(3);
    expect(await page.$$eval('img', (s) => s.length)).toBe(0);
    const cells = await page.$$eval('.table-wrap tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(cells).toContain(HOSTILE);
    expect(cells).toContain(HOSTILE2);
    const options = await page.$$eval('#scope option', (os) => os.map((o) => o.textContent));
    expect(options).toEqual(['All endpoints', HOSTILE, HOSTILE2]);
    expect(await page.$$eval('canvas', (cs) => cs.length)).toBe(4);
    await page.close();
  });

  it('names every phase above each time chart, a 0.3-second spike included, without overlapping names', async () => {
    const { page, problems } = await open(demoLikeResult());
    type Label = { name: string; x: number; w: number; x0: number; x1: number; lane: number; y: number };
    const charts = await page.$$eval('.plot', (els) => els.map((e) => ({ id: e.id, labels: e.querySelector('.uplot')?.getAttribute('data-phase-labels') ?? null })));
    const timeCharts = charts.filter((c) => c.id !== 'chart-distribution');
    expect(timeCharts.map((c) => c.id)).toEqual(['chart-rate', 'chart-latency', 'chart-errors']);
    for (const c of timeCharts) {
      const labels = JSON.parse(c.labels ?? '[]') as Label[];
      expect(labels.map((l) => l.name), c.id).toEqual(['ramp-up', 'spike', 'steady', 'ramp-down']);
      for (const l of labels) {
        expect(l.y, `${c.id} ${l.name} is inside the canvas`).toBeGreaterThanOrEqual(0);
        expect(l.x1, `${c.id} ${l.name}: its bracket spans its band`).toBeGreaterThan(l.x0);
      }
      for (const a of labels) {
        for (const b of labels) {
          if (a === b || a.lane !== b.lane) continue;
          const apart = a.x + a.w <= b.x || b.x + b.w <= a.x;
          expect(apart, `${c.id}: "${a.name}" and "${b.name}" overlap`).toBe(true);
        }
      }
    }
    // The legend names the phase under the cursor.
    const box = (await page.$('#chart-latency .u-over'))!;
    const bb = (await box.boundingBox())!;
    await page.mouse.move(bb.x + bb.width * 0.6, bb.y + bb.height / 2);
    expect(await page.textContent('#chart-latency .u-legend .u-series:first-child .u-value')).toMatch(/^0:0[5-7] · steady$/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each<[string, () => ResultFile]>([
    ['a run where nothing happened', () => syntheticResult({ seconds: 0, endpoints: [{ name: 'a', rps: 1, medianMs: 1 }] })],
    ['a closed-model run (users on a second axis)', () => {
      const r = goldenResult();
      r.profile.model = 'closed';
      r.intervals.forEach((iv, i) => (iv.activeUsers = 5 * i));
      return r;
    }],
  ])('renders %s without errors', async (_label, make) => {
    const { page, problems } = await open(make());
    expect(await page.$$eval('canvas', (cs) => cs.length)).toBe(4);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a monitored run with a chaos window: server charts per unit, and the window as a labelled band on every time chart', async () => {
    const { page, problems } = await open(watchedResult());
    const charts = await page.$$eval('.plot', (els) => els.map((e) => ({ id: e.id, bands: e.querySelector('.uplot')?.getAttribute('data-chaos-bands') ?? null })));
    expect(charts.map((c) => c.id)).toEqual(['chart-rate', 'chart-latency', 'chart-distribution', 'chart-errors', 'chart-monitor-bytes', 'chart-monitor-seconds', 'chart-monitor-count']);
    expect(await page.$$eval('canvas', (cs) => cs.length)).toBe(7);
    for (const c of charts.filter((x) => x.id !== 'chart-distribution')) {
      const bands = JSON.parse(c.bands ?? '[]') as Array<{ label: string; fromSec: number; toSec: number; x0: number; x1: number }>;
      expect(bands.map((b) => [b.label, b.fromSec, b.toSec]), c.id).toEqual([['chaos 1', 5, 8]]);
      expect(bands[0].x1, c.id).toBeGreaterThan(bands[0].x0 + 20);
    }
    // The memory chart's legend: heap and RSS, in MiB.
    const legend = await page.$$eval('#chart-monitor-bytes .u-legend .u-series th', (ths) => ths.map((t) => t.textContent?.trim()));
    expect(legend).toEqual(['time', 'nodejs_heap_size_used_bytes', 'process_resident_memory_bytes']);
    // Hovering inside the window names it in the legend's time value.
    const box = (await page.$('#chart-latency .u-over'))!;
    const bb = (await box.boundingBox())!;
    await page.mouse.move(bb.x + bb.width * (6.2 / 11), bb.y + bb.height / 2);
    expect(await page.textContent('#chart-latency .u-legend .u-series:first-child .u-value')).toMatch(/chaos 1$/);
    await page.screenshot({ path: join(dir, 'watched.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
