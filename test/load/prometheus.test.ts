import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './helpers.js';
import { runCapplan } from '../helpers/cli.js';
import type { ResultFile } from '../../src/results/types.js';

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

describe.skipIf(!binary)('live metrics of `load --metrics-port` scraped by a real Prometheus', () => {
  it("Prometheus's query API returns the run's request count; every dashboard query is valid PromQL", async () => {
    const upstream = await startServer((_req, res) => res.end('ok'));
    dir = mkdtempSync(join(tmpdir(), 'capplan-prom-'));
    const [promPort, metricsPort] = [await freePort(), await freePort()];
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: capplan\n    static_configs:\n      - targets: ['127.0.0.1:${metricsPort}']\n`,
    );
    writeFileSync(
      join(dir, 'run.yaml'),
      `name: live\ntarget: ${upstream.url}\nmodel: open\nshape: { type: steady, rate: 50, duration: 4s }\nendpoints:\n  - { name: root, method: GET, path: / }\n`,
    );
    prom = spawn(binary!, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`], { stdio: 'ignore' });
    const api = `http://127.0.0.1:${promPort}`;
    await poll('prometheus ready', async () => ((await fetch(`${api}/-/ready`)).ok ? true : undefined));
    try {
      const out = join(dir, 'r.json');
      const run = await runCapplan(['load', join(dir, 'run.yaml'), '--workers', '1', '--quiet', '--out', out, '--metrics-port', String(metricsPort), '--metrics-linger', '4s'], { timeoutMs: 60_000 });
      expect(run.code, run.stderr).toBe(0);
      const total = (JSON.parse(readFileSync(out, 'utf8')) as ResultFile).summary.total.count;
      expect(total).toBeGreaterThan(150);
      const query = async (q: string) =>
        (await (await fetch(`${api}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as { status: string; data: { result: Array<{ value: [number, string] }> } };
      // the run is over (its /metrics is gone): the last value scraped, over the last minute
      const count = await poll('the final count in Prometheus', async () => {
        const r = await query('sum(max_over_time(capplan_requests_total{job="capplan"}[1m]))');
        const v = Number(r.data.result[0]?.value[1]);
        return v === total ? v : undefined;
      });
      expect(count).toBe(total);
      const p99 = await query('histogram_quantile(0.99, sum by (le) (max_over_time(capplan_request_duration_seconds_bucket{job="capplan"}[1m])))');
      expect(Number(p99.data.result[0].value[1])).toBeGreaterThan(0);
      // the shipped Grafana dashboard: every expression parses and runs
      const dash = JSON.parse(readFileSync(join(import.meta.dirname, '../../dashboards/capplan-load.json'), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
      for (const expr of dash.panels.flatMap((p) => p.targets.map((t) => t.expr))) {
        const r = await query(expr.replaceAll('$job', '.*').replaceAll('$__rate_interval', '5s'));
        expect(r.status, expr).toBe('success');
      }
    } finally {
      await upstream.close();
    }
  }, 90_000);
});
