/**
 * Capacity of one replica from a file capplan wrote: a `sweep` JSON (the throughput at the last
 * step meeting its SLO, else the highest measured; see fleet-capacity.ts) or a `saturation` JSON
 * (the USL fit's peak X(N*) when the fit is trusted and has a finite peak, else the highest
 * measured throughput: the USL asymptote alone is an extrapolation, never a capacity). Pure.
 */
import { capacityFromSweep, isSweepJson, type MeasuredCapacity } from '../fleet-capacity.js';

/** The parts of `capplan saturation --format json` this reads. */
interface SaturationJson {
  fit: { peak: { concurrency: number; throughput: number } | null; fitted: Array<{ n: number; x: number }> };
  trust?: { trusted: boolean };
}

function isSaturationJson(data: unknown): data is SaturationJson {
  const fit = (data as { fit?: { fitted?: unknown } } | null)?.fit;
  return Array.isArray(fit?.fitted);
}

/** The per-replica capacity in a sweep or saturation JSON, or undefined when the data is neither. */
export function replicaCapacityFrom(data: unknown, file: string): MeasuredCapacity | undefined {
  if (isSweepJson(data)) return capacityFromSweep(data, file);
  if (!isSaturationJson(data)) return undefined;
  const { peak, fitted } = data.fit;
  if (peak && data.trust?.trusted !== false) {
    return { capacityRps: peak.throughput, source: `USL peak X(N*) at ${Number(peak.concurrency.toPrecision(4))} concurrency in ${file}` };
  }
  const best = fitted.reduce((a, b) => (b.x > a.x ? b : a), fitted[0] ?? { n: 0, x: 0 });
  return { capacityRps: best.x, source: `highest measured throughput (concurrency ${best.n}) in ${file}; the USL fit has no trusted peak` };
}

/** One size's measured maximum in a payload sweep JSON (`capplan sweep --payload-sizes`). */
export interface PayloadCapacity {
  /** Response size, bytes. */
  bytes: number;
  /** Highest measured throughput at that size, req/s. */
  maxThroughput: number;
}

/**
 * The per-size maxima of a payload sweep JSON (`{ payloads: [{ bytes, analysis: { max } }] }`), or
 * undefined when the data is not one. Such a file holds one capacity per response size, so it
 * cannot give one replica capacity by itself.
 */
export function payloadCapacities(data: unknown): PayloadCapacity[] | undefined {
  const payloads = (data as { payloads?: unknown } | null)?.payloads;
  if (!Array.isArray(payloads)) return undefined;
  const out: PayloadCapacity[] = [];
  for (const p of payloads as Array<{ bytes?: unknown; analysis?: { max?: { throughput?: unknown } } }>) {
    if (typeof p?.bytes !== 'number' || typeof p.analysis?.max?.throughput !== 'number') return undefined;
    out.push({ bytes: p.bytes, maxThroughput: p.analysis.max.throughput });
  }
  return out;
}
