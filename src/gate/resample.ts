import { countAtPercentile, percentileOfDense, type ScopeSeries } from './series.js';

/** Window buckets are summed in groups of 2^GROUP_BITS before the exact bucket is resolved. */
const GROUP_BITS = 5;
const GROUP_MASK = (1 << GROUP_BITS) - 1;

/**
 * Fast whole-run statistics of a resample of seconds (bootstrap), without merging every
 * drawn second's full histogram.
 *
 * Percentile: the run-level pXX of the drawn seconds is the value where the cumulative count of
 * their merged buckets first reaches max(1, ⌈q·N⌉). Only buckets near the pooled pXX can hold it,
 * so each second is pre-split into a count below a window [lo, hi] (pooled p(q − d) … p(q + d),
 * d = clamp(2·(100 − q), 0.5, 3) percentile points) and its buckets inside the window.
 * Each second's window is also summarised per group of 32 buckets, so a resample first adds a
 * few group sums per second to find the group holding the rank, then adds only that group's
 * buckets: far less than merging Σ(all buckets) of the drawn seconds. When the answer falls
 * outside the window (rare: very uneven seconds), the full merge is done instead, so the result
 * is always exactly the percentile of the merged buckets.
 */
export function percentileResampler(s: ScopeSeries, percentile: number): (idx: Int32Array) => number {
  const B = s.binHighUs.length;
  const n = s.latency.length;
  const pooled = new Float64Array(B);
  let pooledTotal = 0;
  for (const b of s.latency) {
    for (let k = 0; k < b.ids.length; k++) pooled[b.ids[k]] += b.counts[k];
    pooledTotal += b.total;
  }
  const full = new Float64Array(B);
  const fullMerge = (idx: Int32Array): number => {
    full.fill(0);
    let total = 0;
    for (const t of idx) {
      const b = s.latency[t];
      for (let k = 0; k < b.ids.length; k++) full[b.ids[k]] += b.counts[k];
      total += b.total;
    }
    return percentileOfDense(full, total, s.binHighUs, percentile) / 1000;
  };
  if (pooledTotal === 0) return () => NaN;

  const d = Math.min(3, Math.max(0.5, 2 * (100 - percentile)));
  const binAt = (p: number): number => {
    const target = (Math.min(100, Math.max(0, p)) / 100) * pooledTotal;
    let acc = 0;
    for (let k = 0; k < B; k++) {
      acc += pooled[k];
      if (acc >= target && acc > 0) return k;
    }
    return B - 1;
  };
  const lo = percentile - d <= 0 ? 0 : binAt(percentile - d);
  const hi = percentile + d >= 100 ? B - 1 : binAt(percentile + d);
  const totals = new Float64Array(n);
  const below = new Float64Array(n);
  const windows = s.latency.map((b, t) => {
    totals[t] = b.total;
    const ids: number[] = [];
    const counts: number[] = [];
    for (let k = 0; k < b.ids.length; k++) {
      const id = b.ids[k];
      if (id < lo) below[t] += b.counts[k];
      else if (id <= hi) {
        ids.push(id - lo);
        counts.push(b.counts[k]);
      }
    }
    return secondWindow(ids, counts);
  });
  const groupSums = new Float64Array(((hi - lo) >> GROUP_BITS) + 1);
  const fine = new Float64Array(1 << GROUP_BITS);
  return (idx) => {
    let total = 0;
    let acc = 0;
    for (let i = 0; i < idx.length; i++) {
      total += totals[idx[i]];
      acc += below[idx[i]];
    }
    if (total === 0) return NaN;
    const target = countAtPercentile(percentile, total);
    if (acc >= target) return fullMerge(idx);
    // Pass 1: per-group sums (each second contributes its few non-empty groups).
    groupSums.fill(0);
    for (let i = 0; i < idx.length; i++) {
      const w = windows[idx[i]];
      for (let j = 0; j < w.groups.length; j++) groupSums[w.groups[j]] += w.groupSums[j];
    }
    let g = 0;
    while (g < groupSums.length && acc + groupSums[g] < target) acc += groupSums[g++];
    if (g === groupSums.length) return fullMerge(idx);
    // Pass 2: the buckets of group g only.
    fine.fill(0);
    for (let i = 0; i < idx.length; i++) {
      const w = windows[idx[i]];
      for (let j = 0; j < w.groups.length && w.groups[j] <= g; j++) {
        if (w.groups[j] !== g) continue;
        for (let k = w.groupStart[j]; k < w.groupStart[j + 1]; k++) fine[w.ids[k] & GROUP_MASK] += w.counts[k];
      }
    }
    for (let j = 0; j < fine.length; j++) {
      acc += fine[j];
      if (acc >= target) return s.binHighUs[lo + (g << GROUP_BITS) + j] / 1000;
    }
    return fullMerge(idx);
  };
}

/** One second's window buckets (ascending ids relative to the window) with its non-empty groups: id, sum, first entry (plus an end sentinel). */
interface SecondWindow {
  ids: Int32Array;
  counts: Float64Array;
  groups: Int32Array;
  groupSums: Float64Array;
  groupStart: Int32Array;
}

function secondWindow(ids: number[], counts: number[]): SecondWindow {
  const groups: number[] = [];
  const sums: number[] = [];
  const starts: number[] = [];
  ids.forEach((id, k) => {
    const g = id >> GROUP_BITS;
    if (groups.length === 0 || groups[groups.length - 1] !== g) {
      groups.push(g);
      sums.push(0);
      starts.push(k);
    }
    sums[sums.length - 1] += counts[k];
  });
  starts.push(ids.length);
  return { ids: Int32Array.from(ids), counts: Float64Array.from(counts), groups: Int32Array.from(groups), groupSums: Float64Array.from(sums), groupStart: Int32Array.from(starts) };
}

/** Mean latency (ms) of a resample of seconds: Σ(count × bucket middle) / Σ count, from per-second sums. */
export function meanResampler(s: ScopeSeries): (idx: Int32Array) => number {
  const sums = Float64Array.from(s.latency, (b) => {
    let sum = 0;
    for (let k = 0; k < b.ids.length; k++) sum += s.binMidUs[b.ids[k]] * b.counts[k];
    return sum;
  });
  return (idx) => {
    let sum = 0;
    let total = 0;
    for (const t of idx) {
      sum += sums[t];
      total += s.latency[t].total;
    }
    return total > 0 ? sum / total / 1000 : NaN;
  };
}
