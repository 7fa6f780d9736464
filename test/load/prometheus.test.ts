import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveRunMetrics, serveLiveMetrics } from '../../src/load/live-metrics.js';
import { runLoad } from '../../src/load/run.js';
import { startServer, testProfile } from './helpers.js';

/** Debian's prometheus binary, or undefined (the test is skipped with a message saying how to get it). */
function prometheusBinary(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
const binary = prometheusBinary();
if (!binary) console.warn('prometheus not installed: skipping the live-metrics test with a real Prometheus (apt-get install prometheus; .ci/run installs it)');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function poll<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`${what}: not in ${ms} ms (${String(last)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let prom: ChildProcess | undefined;
let dir: string | undefined;
afterAll(() => {
  prom?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!binary)('live metrics scraped by a real Prometheus', () => {
  it("Prometheus's query API returns the run's request count; every dashboard query is valid PromQL", async () => {
    const upstream = await startServer((_req, res) => res.end('ok'));
    const live = new LiveRunMetrics('open');
    const srv = await serveLiveMetrics(live, 0);
    dir = mkdtempSync(join(tmpdir(), 'capplan-prom-'));
    const promPort = await freePort();
    const scrapePort = new URL(srv.url).port;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: capplan\n    static_configs:\n      - targets: ['127.0.0.1:${scrapePort}']\n`,
    );
    prom = spawn(binary!, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`], { stdio: 'ignore' });
    const api = `http://127.0.0.1:${promPort}`;
    await poll('prometheus ready', async () => ((await fetch(`${api}/-/ready`)).ok ? true : undefined));
    try {
      let observed = -1;
      const { result } = await runLoad(testProfile(upstream.url, { level: 50, durationMs: 4000 }), {
        workers: 1,
        onProgress: (p) => {
          live.observe(p.interval);
          observed = p.interval.t;
        },
      });
      // seconds merged after the live progress (grace) come with the final result
      for (const iv of result.intervals) if (iv.t > observed) live.observe(iv);
      const total = result.summary.total.count;
      expect(total).toBeGreaterThan(150);
      const query = async (q: string) => {
        const r = (await (await fetch(`${api}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as { status: string; data: { result: Array<{ value: [number, string] }> } };
        return r;
      };
      const count = await poll('the final count in Prometheus', async () => {
        const r = await query('sum(capplan_requests_total{job="capplan"})');
        const v = Number(r.data.result[0]?.value[1]);
        return v === total ? v : undefined;
      });
      expect(count).toBe(total);
      const p99 = await query('histogram_quantile(0.99, sum by (le) (capplan_request_duration_seconds_bucket{job="capplan"}))');
      expect(Number(p99.data.result[0].value[1])).toBeGreaterThan(0);
      // the shipped Grafana dashboard: every expression parses and runs
      const dash = JSON.parse(readFileSync(join(import.meta.dirname, '../../dashboards/capplan-load.json'), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
      for (const expr of dash.panels.flatMap((p) => p.targets.map((t) => t.expr))) {
        const r = await query(expr.replaceAll('$job', '.*').replaceAll('$__rate_interval', '5s'));
        expect(r.status, expr).toBe('success');
      }
    } finally {
      await srv.close();
      await upstream.close();
    }
  }, 90_000);
});
