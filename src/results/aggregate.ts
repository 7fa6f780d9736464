import { addCounters, emptyCounters, type EndpointData, type IntervalRecord } from './types.js';
import { addEncoded, encodeHistogram, newLatencyHistogram, type Histogram } from './histogram.js';

/** Counters plus live (decoded) histograms, for accumulating without re-encoding at each step. */
export interface EndpointAccumulator {
  counters: ReturnType<typeof emptyCounters>;
  latency: Histogram;
  service: Histogram;
}

/** A fresh accumulator with empty histograms. */
export function newAccumulator(): EndpointAccumulator {
  return { counters: emptyCounters(), latency: newLatencyHistogram(), service: newLatencyHistogram() };
}

/** An endpoint record's histograms, already decoded (absent when the record has none). */
export interface DecodedHistograms {
  latency?: Histogram;
  service?: Histogram;
}

/**
 * Add one endpoint record into an accumulator (exact: counters sum, histograms add). Its encoded
 * histograms are decoded here, unless the caller already holds them decoded (`decoded`).
 */
export function accumulate(acc: EndpointAccumulator, data: EndpointData, decoded?: DecodedHistograms): EndpointAccumulator {
  addCounters(acc.counters, data);
  if (decoded) {
    if (decoded.latency) acc.latency.add(decoded.latency);
    if (decoded.service) acc.service.add(decoded.service);
  } else {
    addEncoded(acc.latency, data.latency);
    addEncoded(acc.service, data.service);
  }
  return acc;
}

/** Add accumulator `b` into `a` (exact; mutates and returns `a`). */
export function addAccumulator(a: EndpointAccumulator, b: EndpointAccumulator): EndpointAccumulator {
  addCounters(a.counters, b.counters);
  a.latency.add(b.latency);
  a.service.add(b.service);
  return a;
}

/** Encode an accumulator back to the result-file form. */
export function toEndpointData(acc: EndpointAccumulator): EndpointData {
  return { ...acc.counters, latency: encodeHistogram(acc.latency), service: encodeHistogram(acc.service) };
}

/** Free the histograms held by accumulators (hdr-histogram-js may hold WebAssembly memory). */
export function destroyAccumulators(accs: Iterable<EndpointAccumulator>): void {
  for (const a of accs) {
    a.latency.destroy();
    a.service.destroy();
  }
}

/**
 * Whole-run accumulators per endpoint name, plus one for all endpoints (`total`),
 * merged exactly from the intervals. `filter` keeps only some intervals (e.g. one phase).
 */
export function aggregateIntervals(
  intervals: IntervalRecord[],
  filter: (iv: IntervalRecord) => boolean = () => true,
): { endpoints: Map<string, EndpointAccumulator>; total: EndpointAccumulator } {
  const endpoints = new Map<string, EndpointAccumulator>();
  const total = newAccumulator();
  for (const iv of intervals) {
    if (!filter(iv)) continue;
    for (const [name, data] of Object.entries(iv.endpoints)) {
      let acc = endpoints.get(name);
      if (!acc) endpoints.set(name, (acc = newAccumulator()));
      accumulate(acc, data);
      accumulate(total, data);
    }
  }
  return { endpoints, total };
}
