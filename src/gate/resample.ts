import { countAtPercentile, percentileOfDense, type ScopeSeries } from './series.js';

/** Window buckets are summed in groups of 2^GROUP_BITS before the exact bucket is resolved. */
const GROUP_BITS = 6;
const GROUP_MASK = (1 << GROUP_BITS) - 1;

/**
 * Fast whole-run statistics of a resample of seconds (bootstrap), without merging every
 * drawn second's full histogram.
 *
 * Percentile: the run-level pXX of the drawn seconds is the value where the cumulative count of
 * their merged buckets first reaches max(1, ⌈q·N⌉). Only buckets near the pooled pXX can hold it,
 * so each second is pre-split into a count below a window [lo, hi] (pooled p(q − d) … p(q + d),
 * d = clamp(2·(100 − q), 0.5, 3) percentile points) and its buckets inside the window.
 * A resample then costs about 2·Σ(window buckets) instead of Σ(all buckets): a first pass sums
 * the window in groups of 64 buckets to find the group holding the rank, a second pass resolves
 * the bucket inside that group. When the answer falls
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
  const winIds: Int32Array[] = [];
  const winCounts: Float64Array[] = [];
  s.latency.forEach((b, t) => {
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
    winIds.push(Int32Array.from(ids));
    winCounts.push(Float64Array.from(counts));
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
    groupSums.fill(0);
    for (let i = 0; i < idx.length; i++) {
      const ids = winIds[idx[i]];
      const counts = winCounts[idx[i]];
      for (let k = 0; k < ids.length; k++) groupSums[ids[k] >> GROUP_BITS] += counts[k];
    }
    let g = 0;
    while (g < groupSums.length && acc + groupSums[g] < target) acc += groupSums[g++];
    if (g === groupSums.length) return fullMerge(idx);
    fine.fill(0);
    for (let i = 0; i < idx.length; i++) {
      const ids = winIds[idx[i]];
      const counts = winCounts[idx[i]];
      for (let k = 0; k < ids.length; k++) if (ids[k] >> GROUP_BITS === g) fine[ids[k] & GROUP_MASK] += counts[k];
    }
    for (let j = 0; j < fine.length; j++) {
      acc += fine[j];
      if (acc >= target) return s.binHighUs[lo + (g << GROUP_BITS) + j] / 1000;
    }
    return fullMerge(idx);
  };
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
