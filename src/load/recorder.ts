/**
 * Per-worker recording: one bucket per wall-clock second, one record per endpoint,
 * with HDR histograms (µs) for latency (from the intended send time) and service time
 * (from the actual send). Histograms are pooled and reset after shipping, so memory is
 * bounded by (seconds in flight × endpoints), never by the request count.
 */
import { encodeHistogram, newLatencyHistogram, recordUs, type Histogram } from '../results/histogram.js';
import type { EndpointData, ErrorKind } from '../results/types.js';
import type { SecondSnapshot } from './protocol.js';

/** Mutable counters of one endpoint in one second (the hot path writes plain number fields). */
class EndpointRecord {
  scheduled = 0;
  sent = 0;
  completed = 0;
  ok = 0;
  backpressure = 0;
  retryAfter = 0;
  dropped = 0;
  late = 0;
  bytesIn = 0;
  bytesOut = 0;
  readonly status = new Map<number, number>();
  readonly errors = new Map<ErrorKind, number>();
  latency: Histogram | null = null;
  service: Histogram | null = null;
}

/** One wall-clock second: a record per endpoint, plus the generator's own measurements. */
class SecondBucket {
  readonly eps: EndpointRecord[];
  /** Lateness (actual − intended send, µs) of the requests sent in this second. */
  lateness: Histogram | null = null;
  /** Requests that found every allowed connection busy. */
  queued = 0;
  /** Most requests in flight at once. */
  inflightMax = 0;

  constructor(endpoints: number) {
    this.eps = Array.from({ length: endpoints }, () => new EndpointRecord());
  }
}

/** What a {@link Recorder} needs. */
export interface RecorderOptions {
  /** Endpoint names, by endpoint index. */
  endpointNames: readonly string[];
  /** Unix epoch ms of `performance.now() === 0` in this thread (`performance.timeOrigin`). */
  timeOriginMs: number;
  /** A request sent more than this many ms after its intended time counts as `late`. */
  lateThresholdMs: number;
}

/** A request as it leaves: endpoint index, intended and actual send times (performance.now() ms), request body bytes. */
export interface Dispatched {
  ep: number;
  intended: number;
  sentAt: number;
  bytesOut: number;
}

/** A finished request: a {@link Dispatched} plus its outcome (status 0 when a transport error `errorKind` ended it). */
export interface Completion extends Dispatched {
  status: number;
  errorKind: ErrorKind | null;
  /** Response body bytes. */
  bytesIn: number;
  /** A 429/503 response carried Retry-After. */
  retryAfter: boolean;
}

/** Records events into per-second buckets and ships closed seconds as snapshots. */
export class Recorder {
  private readonly buckets = new Map<number, SecondBucket>();
  private readonly pool: Histogram[] = [];
  /** Closed model: users active, last seen in each second. */
  private readonly users = new Map<number, number>();
  private curSec = -1;
  private cur: SecondBucket | null = null;
  /** Unix epoch ms of `performance.now() === 0` in this thread. */
  private readonly origin: number;
  private readonly endpointNames: readonly string[];
  private readonly lateThresholdMs: number;

  constructor(opts: RecorderOptions) {
    this.endpointNames = opts.endpointNames;
    this.origin = opts.timeOriginMs;
    this.lateThresholdMs = opts.lateThresholdMs;
  }

  /** Epoch second of a `performance.now()` timestamp: floor((timeOrigin + tMs) / 1000). */
  epochSec(perfMs: number): number {
    return Math.floor((this.origin + perfMs) / 1000);
  }

  /** The record of endpoint `ep` in the second containing `perfMs`. */
  at(perfMs: number, ep: number): EndpointRecord {
    return this.second(perfMs).eps[ep];
  }

  /** The bucket of the second containing `perfMs`. */
  private second(perfMs: number): SecondBucket {
    const sec = Math.floor((this.origin + perfMs) / 1000);
    if (sec === this.curSec) return this.cur!;
    let b = this.buckets.get(sec);
    if (!b) {
      b = new SecondBucket(this.endpointNames.length);
      this.buckets.set(sec, b);
    }
    // Keep the newest second cached: most events land in "now".
    if (sec > this.curSec) {
      this.curSec = sec;
      this.cur = b;
    }
    return b;
  }

  /** A request at `perfMs` found every allowed connection busy and waits for one. */
  queued(perfMs: number): void {
    this.second(perfMs).queued++;
  }

  /** Closed model: `n` users are active at `perfMs` (the last value seen in a second is shipped). */
  activeUsers(perfMs: number, n: number): void {
    this.users.set(this.epochSec(perfMs), n);
  }

  /** An arrival (open) or iteration start (closed) intended at `intendedMs`. */
  scheduled(intendedMs: number, ep: number): void {
    this.at(intendedMs, ep).scheduled++;
  }

  /** An arrival intended at `intendedMs` that was never sent (generator behind). */
  dropped(intendedMs: number, ep: number): void {
    this.at(intendedMs, ep).dropped++;
  }

  /**
   * A request put on the wire at `s.sentAt` with `inflight` requests now in flight (this one
   * included); late when lateness = sentAt − intended > lateThresholdMs. Lateness goes into the
   * second's histogram (µs), so its percentiles are measured, not derived.
   */
  sent(s: Dispatched, inflight: number): void {
    const b = this.second(s.sentAt);
    const r = b.eps[s.ep];
    r.sent++;
    const latenessMs = s.sentAt - s.intended;
    if (latenessMs > this.lateThresholdMs) r.late++;
    r.bytesOut += s.bytesOut;
    if (inflight > b.inflightMax) b.inflightMax = inflight;
    if (b.lateness === null) b.lateness = this.pool.pop() ?? newLatencyHistogram();
    recordUs(b.lateness, latenessMs * 1000);
  }

  /**
   * A request finished at `endMs` with an HTTP status (`c.status` > 0) or a transport error (`c.errorKind`).
   * latency = end − intended, service = end − sentAt (both recorded in µs). The sender passes its
   * reusable Exchange as `c`, so nothing is allocated per request.
   */
  completed(endMs: number, c: Completion): void {
    const { ep, status, errorKind, bytesIn, retryAfter } = c;
    const latencyMs = endMs - c.intended;
    const serviceMs = endMs - c.sentAt;
    const r = this.at(endMs, ep);
    r.completed++;
    r.bytesIn += bytesIn;
    if (r.latency === null) {
      r.latency = this.pool.pop() ?? newLatencyHistogram();
      r.service = this.pool.pop() ?? newLatencyHistogram();
    }
    recordUs(r.latency, latencyMs * 1000);
    recordUs(r.service!, serviceMs * 1000);
    if (errorKind !== null) {
      r.errors.set(errorKind, (r.errors.get(errorKind) ?? 0) + 1);
      return;
    }
    r.status.set(status, (r.status.get(status) ?? 0) + 1);
    if (status < 400) r.ok++;
    else if (status === 429 || status === 503) {
      r.backpressure++;
      if (retryAfter) r.retryAfter++;
    } else {
      const kind: ErrorKind = status < 500 ? 'http4xx' : 'http5xx';
      r.errors.set(kind, (r.errors.get(kind) ?? 0) + 1);
    }
  }

  /** Take every second before `beforeSec` (all seconds when Infinity) as snapshots, and forget them. */
  take(beforeSec: number): SecondSnapshot[] {
    const out: SecondSnapshot[] = [];
    const secs = new Set([...this.buckets.keys(), ...this.users.keys()]);
    for (const sec of secs) {
      if (sec >= beforeSec) continue;
      const endpoints: Record<string, EndpointData> = {};
      const b = this.buckets.get(sec);
      b?.eps.forEach((r, i) => {
        if (isEmpty(r)) return;
        endpoints[this.endpointNames[i]] = this.encode(r);
      });
      const snap: SecondSnapshot = { epochSec: sec, endpoints };
      const users = this.users.get(sec);
      if (users !== undefined) snap.activeUsers = users;
      if (b) snap.sender = { queued: b.queued, inflightMax: b.inflightMax, lateness: this.encodeLateness(b) };
      out.push(snap);
      this.buckets.delete(sec);
      this.users.delete(sec);
      if (sec === this.curSec) {
        this.curSec = -1;
        this.cur = null;
      }
    }
    return out.sort((a, b) => a.epochSec - b.epochSec);
  }

  /** Seconds currently held (for tests: memory stays bounded). */
  get heldSeconds(): number {
    return this.buckets.size;
  }

  private encodeLateness(b: SecondBucket): string {
    if (b.lateness === null) return '';
    const enc = encodeHistogram(b.lateness);
    b.lateness.reset();
    this.pool.push(b.lateness);
    b.lateness = null;
    return enc;
  }

  private encode(r: EndpointRecord): EndpointData {
    const statusCodes: Record<string, number> = {};
    for (const [k, v] of r.status) statusCodes[String(k)] = v;
    const errors: EndpointData['errors'] = {};
    for (const [k, v] of r.errors) errors[k] = v;
    let latency = '';
    let service = '';
    if (r.latency && r.service) {
      latency = encodeHistogram(r.latency);
      service = encodeHistogram(r.service);
      r.latency.reset();
      r.service.reset();
      this.pool.push(r.latency, r.service);
      r.latency = r.service = null;
    }
    return {
      scheduled: r.scheduled, sent: r.sent, completed: r.completed, ok: r.ok, statusCodes, errors,
      backpressure: r.backpressure, retryAfter: r.retryAfter, dropped: r.dropped, late: r.late,
      bytesIn: r.bytesIn, bytesOut: r.bytesOut, latency, service,
    };
  }
}

function isEmpty(r: EndpointRecord): boolean {
  return r.scheduled === 0 && r.sent === 0 && r.completed === 0 && r.dropped === 0;
}
