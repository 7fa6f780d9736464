/**
 * Time series in bounded memory. Each series keeps at most `capacity` points; a point is a time
 * bucket of `stepSec` seconds holding the mean, min and max of the samples that fell in it. When a
 * series is full, adjacent buckets merge pairwise and the step doubles, so a series never holds
 * more than `capacity` points however long the run:
 *   points after T seconds at step s₀ = ⌈T / s⌉ with s = s₀ · 2^k, the smallest s with ⌈T / s⌉ ≤ capacity.
 * A 24 h run scraped every 1 s (86 400 samples) ends at a 64 s step with 1 350 points per series
 * (5 numbers × 2 048 × 8 B ≤ 80 KiB per series); series beyond `maxSeries` are counted, not kept.
 */

/** A stored series, as written into the result file. Times are seconds since the load started. */
export interface StoredSeries {
  /** Metric name, e.g. `nodejs_heap_size_used_bytes`. */
  name: string;
  /** Labels of the series (without the source). */
  labels: Record<string, string>;
  /** Where it came from: a scrape URL or `pid:N`. */
  source: string;
  /** Bucket width, seconds. */
  stepSec: number;
  /** Bucket start, seconds since the load started (multiples of stepSec). */
  t: number[];
  /** Mean of the samples in each bucket. */
  mean: number[];
  /** Smallest sample in each bucket. */
  min: number[];
  /** Largest sample in each bucket. */
  max: number[];
  /** Samples in each bucket. */
  n: number[];
}

/** Limits of a {@link SeriesStore}. */
export interface StoreLimits {
  /** Points per series before buckets merge (even, ≥ 4); default 2048. */
  capacity?: number;
  /** Series kept; later new series are counted in `droppedSeries`; default 500. */
  maxSeries?: number;
  /** Initial bucket width, seconds; default 1. */
  stepSec?: number;
}

/** One series being filled. */
class BoundedSeries {
  readonly data: StoredSeries;
  constructor(name: string, labels: Record<string, string>, source: string, stepSec: number) {
    this.data = { name, labels, source, stepSec, t: [], mean: [], min: [], max: [], n: [] };
  }

  add(tSec: number, v: number, capacity: number): void {
    const d = this.data;
    const bucket = Math.floor(tSec / d.stepSec) * d.stepSec;
    const last = d.t.length - 1;
    if (last >= 0 && d.t[last] === bucket) {
      // running mean: m' = m + (v − m) / (n + 1)
      d.n[last]++;
      d.mean[last] += (v - d.mean[last]) / d.n[last];
      if (v < d.min[last]) d.min[last] = v;
      if (v > d.max[last]) d.max[last] = v;
      return;
    }
    if (last >= 0 && bucket < d.t[last]) return; // a late sample for a closed bucket is dropped
    if (d.t.length >= capacity) {
      this.halve();
      return this.add(tSec, v, capacity);
    }
    d.t.push(bucket);
    d.mean.push(v);
    d.min.push(v);
    d.max.push(v);
    d.n.push(1);
  }

  /** Double the step: merge the buckets that share the wider bucket (mean weighted by n). */
  private halve(): void {
    const d = this.data;
    const step = d.stepSec * 2;
    let w = -1;
    for (let r = 0; r < d.t.length; r++) {
      const b = Math.floor(d.t[r] / step) * step;
      if (w >= 0 && d.t[w] === b) {
        const n = d.n[w] + d.n[r];
        d.mean[w] = (d.mean[w] * d.n[w] + d.mean[r] * d.n[r]) / n;
        d.n[w] = n;
        d.min[w] = Math.min(d.min[w], d.min[r]);
        d.max[w] = Math.max(d.max[w], d.max[r]);
      } else {
        w++;
        d.t[w] = b;
        d.mean[w] = d.mean[r];
        d.min[w] = d.min[r];
        d.max[w] = d.max[r];
        d.n[w] = d.n[r];
      }
    }
    for (const arr of [d.t, d.mean, d.min, d.max, d.n]) arr.length = w + 1;
    d.stepSec = step;
  }
}

/** Every series of a monitored run. */
export class SeriesStore {
  private readonly series = new Map<string, BoundedSeries>();
  private readonly capacity: number;
  private readonly maxSeries: number;
  private readonly stepSec: number;
  /** New series refused because `maxSeries` was reached. */
  droppedSeries = 0;

  constructor(limits: StoreLimits = {}) {
    this.capacity = Math.max(4, Math.floor((limits.capacity ?? 2048) / 2) * 2);
    this.maxSeries = limits.maxSeries ?? 500;
    this.stepSec = limits.stepSec ?? 1;
  }

  /** Add one sample at `tSec` seconds since the load started; NaN samples are skipped. */
  add(key: string, name: string, labels: Record<string, string>, source: string, tSec: number, value: number): void {
    if (!Number.isFinite(value)) return;
    let s = this.series.get(key);
    if (!s) {
      if (this.series.size >= this.maxSeries) {
        this.droppedSeries++;
        return;
      }
      s = new BoundedSeries(name, labels, source, this.stepSec);
      this.series.set(key, s);
    }
    s.add(tSec, value, this.capacity);
  }

  /** The series, sorted by source then key. */
  snapshot(): StoredSeries[] {
    return [...this.series.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, s]) => structuredClone(s.data));
  }
}
