/**
 * A monitor beside the load: every `everyMs` it scrapes each Prometheus endpoint and samples a
 * local process, storing the samples as time series aligned with the load's seconds. A failed
 * scrape is counted (with its last error) and never stops anything; a scrape still running when
 * the next is due is skipped and counted as failed ("still busy").
 */
import { request } from 'undici';
import { parsePrometheusText, seriesKey } from './parse.js';
import { readProc } from './proc.js';
import { SeriesStore, type StoreLimits, type StoredSeries } from './store.js';

/** What to watch. */
export interface MonitorOptions {
  /** Prometheus text-format endpoints, e.g. `http://127.0.0.1:8080/metrics`. */
  urls: string[];
  /** Scrape interval, ms (default 1000). */
  everyMs?: number;
  /** Scraped metric names to keep (`*` matches any run of characters); empty or absent = all. The pid's series are always kept. */
  allow?: string[];
  /** A local process to sample from /proc (RSS and CPU). */
  pid?: number;
  /** Memory bounds of the series. */
  limits?: StoreLimits;
}

/** Scrape counts of one source. */
export interface SourceStats {
  /** URL or `pid:N`. */
  source: string;
  /** Attempts. */
  scrapes: number;
  /** Attempts that failed (HTTP status ≠ 2xx, network error, timeout, unparsable, still busy, process gone). */
  failures: number;
  /** The last failure's message, if any. */
  lastError?: string;
}

/** Everything a monitor recorded: what goes into the result file. */
export interface MonitorRecord {
  everyMs: number;
  sources: SourceStats[];
  series: StoredSeries[];
  /** Series refused because the store was full. */
  droppedSeries: number;
}

/** Compile an allow-list into a predicate on metric names. */
export function allowPredicate(allow: readonly string[] | undefined): (name: string) => boolean {
  if (!allow || allow.length === 0) return () => true;
  const res = allow.map((p) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`));
  return (name) => res.some((r) => r.test(name));
}

/**
 * A running monitor. Samples are bucketed on wall-clock (epoch) seconds, as the load's intervals
 * are, so {@link Monitor.record} can shift them onto the load's seconds exactly:
 *   t = bucket epoch second − first epoch second of the load  (= ⌊startEpochMs / 1000⌋).
 */
export class Monitor {
  private readonly store: SeriesStore;
  private readonly everyMs: number;
  private readonly allowed: (name: string) => boolean;
  private readonly stats: SourceStats[];
  private readonly busy: boolean[];
  private timer: NodeJS.Timeout | undefined;
  private readonly pending = new Set<Promise<void>>();
  private lastCpu: { tSec: number; cpuSeconds: number } | undefined;

  constructor(private readonly opts: MonitorOptions) {
    this.everyMs = opts.everyMs ?? 1000;
    // one bucket per scrape interval (0.1 s scrapes keep 0.1 s buckets: a GC saw-tooth stays visible)
    this.store = new SeriesStore({ stepSec: this.everyMs / 1000, ...opts.limits });
    this.allowed = allowPredicate(opts.allow);
    const sources = [...opts.urls, ...(opts.pid !== undefined ? [`pid:${opts.pid}`] : [])];
    this.stats = sources.map((source) => ({ source, scrapes: 0, failures: 0 }));
    this.busy = sources.map(() => false);
  }

  /** Scrape now and then every `everyMs` until {@link stop}. */
  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref();
  }

  /** Stop scraping, wait for scrapes in flight, and return the record with times relative to `originEpochSec`. */
  async stop(originEpochSec = 0): Promise<MonitorRecord> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all(this.pending);
    return this.record(originEpochSec);
  }

  /** What was recorded so far; times in seconds since `originEpochSec` (0 = epoch seconds). */
  record(originEpochSec = 0): MonitorRecord {
    const series = this.store.snapshot().map((s) => ({ ...s, t: s.t.map((t) => Math.round((t - originEpochSec) * 1e6) / 1e6) }));
    return { everyMs: this.everyMs, sources: this.stats.map((s) => ({ ...s })), series, droppedSeries: this.store.droppedSeries };
  }

  private tick(): void {
    this.stats.forEach((_, i) => {
      const st = this.stats[i];
      st.scrapes++;
      if (this.busy[i]) return this.fail(i, 'still busy with the previous scrape');
      this.busy[i] = true;
      const p = (i < this.opts.urls.length ? this.scrape(i, this.opts.urls[i]) : this.sampleProc(i))
        .catch((err: Error & { code?: string }) => this.fail(i, err.code ? `${err.code}: ${err.message}` : err.message))
        .finally(() => {
          this.busy[i] = false;
          this.pending.delete(p);
        });
      this.pending.add(p);
    });
  }

  private fail(i: number, message: string): void {
    this.stats[i].failures++;
    this.stats[i].lastError = message.length > 200 ? `${message.slice(0, 197)}...` : message;
  }

  /** Now, in epoch seconds. */
  private tSec(): number {
    return Date.now() / 1000;
  }

  private async scrape(i: number, url: string): Promise<void> {
    const timeoutMs = Math.max(500, this.everyMs * 0.9);
    const res = await request(url, { headers: { accept: 'text/plain;version=0.0.4' }, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.body.text();
    if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`HTTP ${res.statusCode}`);
    const t = this.tSec();
    for (const s of parsePrometheusText(text).samples) {
      if (!this.allowed(s.name)) continue;
      this.store.add(`${url} ${seriesKey(s.name, s.labels)}`, s.name, s.labels, url, t, s.value);
    }
  }

  private async sampleProc(i: number): Promise<void> {
    const pid = this.opts.pid!;
    const r = await readProc(pid);
    const t = this.tSec();
    const source = this.stats[i].source;
    const labels = { pid: String(pid) };
    const put = (name: string, v: number) => this.store.add(`${source} ${name}`, name, labels, source, t, v);
    put('process_resident_memory_bytes', r.rssBytes);
    put('process_cpu_seconds_total', r.cpuSeconds);
    // CPU use over the last interval, in cores: ΔcpuSeconds / Δt
    if (this.lastCpu && t > this.lastCpu.tSec) put('process_cpu_usage_cores', (r.cpuSeconds - this.lastCpu.cpuSeconds) / (t - this.lastCpu.tSec));
    this.lastCpu = { tSec: t, cpuSeconds: r.cpuSeconds };
  }
}
