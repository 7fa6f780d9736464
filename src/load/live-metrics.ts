/**
 * Live Prometheus metrics of a running load test (`capplan load --metrics-port P`): the
 * coordinator feeds every merged second to {@link LiveRunMetrics.observe}, and `/metrics` renders
 * the running totals in the text exposition format (version 0.0.4).
 *
 * The text is written here rather than through prom-client because the latency histogram's classic
 * buckets are filled from the merged HDR histograms (exact counts per bucket edge), which
 * prom-client's observe-one-value API cannot take.
 */
import { createServer, type Server } from 'node:http';
import { encodedBuckets, type Bucket } from '../results/histogram.js';
import type { IntervalRecord } from '../results/types.js';
import { listenLocal } from '../util/listen.js';

/** Classic bucket upper bounds of capplan_request_duration_seconds, seconds (Prometheus client defaults + 30 s, 60 s). */
export const LATENCY_BUCKETS_SEC = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

interface EndpointTotals {
  outcomes: Map<string, number>;
  /** Cumulative count ≤ each bucket bound, then +Inf. */
  buckets: number[];
  sumSec: number;
  count: number;
}

/**
 * Add histogram buckets (µs) to classic buckets: each HDR bucket's count goes to the first classic
 * bound ≥ its median equivalent value (the value recorded, within half an HDR bucket: ≤ 0.05% at 3
 * significant digits, so a latency of exactly 100 ms counts in le="0.1"); the sum uses the same value.
 */
export function addToBuckets(hdrBuckets: readonly Bucket[], buckets: number[], boundsSec: readonly number[]): { sumSec: number; count: number } {
  let sumSec = 0;
  let count = 0;
  for (const [, midUs, c] of hdrBuckets) {
    const sec = midUs / 1e6;
    sumSec += c * sec;
    count += c;
    let k = boundsSec.findIndex((le) => sec <= le);
    if (k < 0) k = boundsSec.length;
    buckets[k] += c;
  }
  return { sumSec, count };
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const num = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN');

/** Running totals of one load test, rendered as Prometheus metrics. */
export class LiveRunMetrics {
  private readonly endpoints = new Map<string, EndpointTotals>();
  private sent = 0;
  private completed = 0;
  private dropped = 0;
  private late = 0;
  private targetLevel = 0;
  private achieved = 0;
  private activeUsers = 0;
  private seconds = 0;

  constructor(
    /** `open` (target level = req/s) or `closed` (target level = users). */
    private readonly model: 'open' | 'closed',
    private readonly boundsSec: readonly number[] = LATENCY_BUCKETS_SEC,
    /** Labels on every series, e.g. `{ shard: "2" }` in a sharded run, so one Prometheus can watch every shard. */
    private readonly constLabels: Record<string, string> = {},
  ) {}

  /** `{a="x",…}` with the constant labels first; '' when there are none. */
  private sel(...pairs: string[]): string {
    const all = [...Object.entries(this.constLabels).map(([k, v]) => `${k}="${esc(v)}"`), ...pairs];
    return all.length ? `{${all.join(',')}}` : '';
  }

  /** Add one merged second. */
  observe(iv: IntervalRecord): void {
    this.seconds++;
    this.targetLevel = iv.targetLevel;
    this.activeUsers = iv.activeUsers;
    let completed = 0;
    for (const [name, d] of Object.entries(iv.endpoints)) {
      let e = this.endpoints.get(name);
      if (!e) {
        e = { outcomes: new Map(), buckets: new Array<number>(this.boundsSec.length + 1).fill(0), sumSec: 0, count: 0 };
        this.endpoints.set(name, e);
      }
      const add = (outcome: string, n: number) => n > 0 && e.outcomes.set(outcome, (e.outcomes.get(outcome) ?? 0) + n);
      add('ok', d.ok);
      add('backpressure', d.backpressure);
      for (const [kind, n] of Object.entries(d.errors)) add(kind, n ?? 0);
      this.sent += d.sent;
      this.completed += d.completed;
      this.dropped += d.dropped;
      this.late += d.late;
      completed += d.completed;
      const s = addToBuckets(encodedBuckets(d.latency), e.buckets, this.boundsSec);
      e.sumSec += s.sumSec;
      e.count += s.count;
    }
    this.achieved = completed;
  }

  /** The exposition text. */
  render(): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family('capplan_requests_total', 'counter', 'Completed requests by endpoint and outcome (ok, backpressure = 429/503, or the error kind).');
    for (const [ep, e] of this.endpoints) for (const [o, n] of e.outcomes) out.push(`capplan_requests_total${this.sel(`endpoint="${esc(ep)}"`, `outcome="${esc(o)}"`)} ${n}`);
    family('capplan_in_flight_requests', 'gauge', 'Requests sent and not yet completed, as of the last merged second.');
    out.push(`capplan_in_flight_requests${this.sel()} ${Math.max(0, this.sent - this.completed)}`);
    if (this.model === 'open') {
      family('capplan_target_rate_per_second', 'gauge', 'Arrival rate the shape asks for in the last merged second, req/s.');
      out.push(`capplan_target_rate_per_second${this.sel()} ${num(this.targetLevel)}`);
    } else {
      family('capplan_target_users', 'gauge', 'Users the shape asks for in the last merged second.');
      out.push(`capplan_target_users${this.sel()} ${num(this.targetLevel)}`);
      family('capplan_active_users', 'gauge', 'Users active at the end of the last merged second.');
      out.push(`capplan_active_users${this.sel()} ${this.activeUsers}`);
    }
    family('capplan_achieved_rate_per_second', 'gauge', 'Requests completed in the last merged second, req/s.');
    out.push(`capplan_achieved_rate_per_second${this.sel()} ${this.achieved}`);
    family('capplan_dropped_total', 'counter', 'Arrivals never sent because the generator could not keep up.');
    out.push(`capplan_dropped_total${this.sel()} ${this.dropped}`);
    family('capplan_late_total', 'counter', 'Arrivals sent later than the lateness threshold after their intended time.');
    out.push(`capplan_late_total${this.sel()} ${this.late}`);
    family('capplan_seconds_merged_total', 'counter', 'Seconds of the run merged so far.');
    out.push(`capplan_seconds_merged_total${this.sel()} ${this.seconds}`);
    family('capplan_request_duration_seconds', 'histogram', 'Latency from the intended send time (coordinated-omission corrected), from the merged HDR histograms.');
    for (const [ep, e] of this.endpoints) {
      const l = `endpoint="${esc(ep)}"`;
      const sel = (...more: string[]) => this.sel(l, ...more);
      let cum = 0;
      this.boundsSec.forEach((le, k) => {
        cum += e.buckets[k];
        out.push(`capplan_request_duration_seconds_bucket${sel(`le="${le}"`)} ${cum}`);
      });
      out.push(`capplan_request_duration_seconds_bucket${sel('le="+Inf"')} ${e.count}`);
      out.push(`capplan_request_duration_seconds_sum${sel()} ${e.sumSec}`);
      out.push(`capplan_request_duration_seconds_count${sel()} ${e.count}`);
    }
    return `${out.join('\n')}\n`;
  }
}

/** A `/metrics` server for a run, on 127.0.0.1:`port`. */
export async function serveLiveMetrics(metrics: LiveRunMetrics, port: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('capplan serves /metrics only\n');
      return;
    }
    const body = metrics.render();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  const bound = await listenLocal(server, port, undefined, '--metrics-port');
  return {
    url: `http://127.0.0.1:${bound}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Live metrics for one `load` run: feed seconds as they merge, then {@link LiveRun.finish}. */
export interface LiveRun {
  url: string;
  /** Add one merged second (each second once). */
  observe(iv: IntervalRecord): void;
  /** Add the seconds merged after the live progress (grace), keep serving `lingerMs`, then close. */
  finish(intervals: readonly IntervalRecord[], lingerMs: number, signal?: AbortSignal): Promise<void>;
}

/** Serve a run's live metrics on 127.0.0.1:`port` (0 = any free port). */
export async function startLiveRun(model: 'open' | 'closed', port: number, labels: Record<string, string> = {}): Promise<LiveRun> {
  const metrics = new LiveRunMetrics(model, LATENCY_BUCKETS_SEC, labels);
  const server = await serveLiveMetrics(metrics, port);
  let lastT = -Infinity;
  const observe = (iv: IntervalRecord) => {
    if (iv.t <= lastT) return;
    lastT = iv.t;
    metrics.observe(iv);
  };
  let closed = false;
  return {
    url: server.url,
    observe,
    async finish(intervals, lingerMs, signal) {
      if (closed) return;
      closed = true;
      for (const iv of intervals) observe(iv);
      if (lingerMs > 0 && !signal?.aborted) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, lingerMs);
          signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
      }
      await server.close();
    },
  };
}
