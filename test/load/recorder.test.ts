import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/load/recorder.js';
import { IntervalMerger, mergeEndpointData, targetLevelAt } from '../../src/load/merge.js';
import { transportErrorKind } from '../../src/load/error-kind.js';
import { decodeHistogram } from '../../src/results/histogram.js';
import { buildShape } from '../../src/shapes/registry.js';
import type { SecondSnapshot } from '../../src/load/protocol.js';
import type { ErrorKind } from '../../src/results/types.js';

/** A recorder whose performance clock starts at epoch 1_000_000 s exactly. */
const ORIGIN = 1_000_000_000;
const sec = (s: number) => (s - 1_000_000) * 1000; // perf ms of the start of epoch second s
const LATE_MS = 10;
const recorder = (endpointNames: string[]) => new Recorder({ endpointNames, timeOriginMs: ORIGIN, lateThresholdMs: LATE_MS });
/** A request sent at `sentMs`, intended LATE_MS + 1 ms earlier when `late`. */
const send = (r: Recorder, sentMs: number, ep: number, late: boolean, bytesOut: number) =>
  r.sent({ ep, sentAt: sentMs, intended: late ? sentMs - LATE_MS - 1 : sentMs, bytesOut }, 1);
/** A request finished at `endMs` after `latencyMs` from its intended time and `serviceMs` from its send. */
const complete = (r: Recorder, endMs: number, ep: number, latencyMs: number, serviceMs: number, status: number, errorKind: ErrorKind | null, bytesIn: number, retryAfter: boolean) =>
  r.completed(endMs, { ep, intended: endMs - latencyMs, sentAt: endMs - serviceMs, bytesOut: 0, status, errorKind, bytesIn, retryAfter });

describe('Recorder', () => {
  it('buckets events by wall-clock second and ships counters plus encoded histograms only', () => {
    const r = recorder(['a', 'b']);
    r.scheduled(sec(1_000_000) + 10, 0);
    send(r, sec(1_000_000) + 12, 0, false, 5);
    complete(r, sec(1_000_000) + 30, 0, 20, 18, 200, null, 7, false);
    r.scheduled(sec(1_000_001) + 1, 1);
    send(r, sec(1_000_001) + 80, 1, true, 0);
    complete(r, sec(1_000_001) + 90, 1, 89, 10, 429, null, 0, true);
    r.dropped(sec(1_000_001) + 5, 1);
    r.scheduled(sec(1_000_002), 0);
    const shipped = r.take(1_000_002);
    expect(shipped.map((s) => s.epochSec)).toEqual([1_000_000, 1_000_001]);
    expect(r.heldSeconds).toBe(1);
    const a = shipped[0].endpoints.a;
    expect(shipped[0].endpoints.b).toBeUndefined();
    expect(a).toMatchObject({ scheduled: 1, sent: 1, completed: 1, ok: 1, statusCodes: { '200': 1 }, bytesIn: 7, bytesOut: 5, late: 0 });
    const b = shipped[1].endpoints.b;
    expect(b).toMatchObject({ scheduled: 1, sent: 1, late: 1, completed: 1, ok: 0, backpressure: 1, retryAfter: 1, dropped: 1, statusCodes: { '429': 1 } });
    // The protocol message: plain numbers, string maps and base64 strings — no samples, no class instances.
    for (const v of Object.values(b)) expect(['number', 'string', 'object']).toContain(typeof v);
    expect(typeof b.latency).toBe('string');
    expect(JSON.parse(JSON.stringify(shipped))).toEqual(shipped);
    const lat = decodeHistogram(b.latency);
    expect(lat.totalCount).toBe(1);
    expect(lat.maxValue).toBeGreaterThanOrEqual(89_000 * 0.999);
    expect(decodeHistogram(b.service).maxValue).toBeLessThan(10_100);
  });

  it('keeps message size flat with the request count', () => {
    const r = recorder(['a']);
    const size = (n: number) => {
      for (let i = 0; i < n; i++) complete(r, sec(1_000_000) + (i % 1000) / 2, 0, 1 + (i % 50), 1 + (i % 40), 200, null, 10, false);
      return JSON.stringify(r.take(Infinity)).length;
    };
    const small = size(1000);
    const large = size(100_000);
    expect(large).toBeLessThan(small * 2);
  });

  it('ships the last active-user count seen in each second, also for seconds without requests', () => {
    const r = recorder(['a']);
    r.activeUsers(sec(1_000_000) + 100, 3);
    r.activeUsers(sec(1_000_000) + 900, 5);
    r.activeUsers(sec(1_000_001) + 100, 4);
    const shipped = r.take(Infinity);
    expect(shipped).toEqual([
      { epochSec: 1_000_000, endpoints: {}, activeUsers: 5 },
      { epochSec: 1_000_001, endpoints: {}, activeUsers: 4 },
    ]);
  });

  it.each([
    ['on time', 0, 0],
    ['exactly the late threshold behind', LATE_MS, 0],
    ['just past the late threshold', LATE_MS + 0.5, 1],
  ])('a request sent %s is late %i times', (_name, behindMs, late) => {
    const r = recorder(['a']);
    const t = sec(1_000_000) + 100;
    r.sent({ ep: 0, intended: t - behindMs, sentAt: t, bytesOut: 0 }, 1);
    expect(r.take(Infinity)[0].endpoints.a).toMatchObject({ sent: 1, late });
  });

  it('counts transport errors and HTTP error classes apart from backpressure', () => {
    const r = recorder(['a']);
    const t = sec(1_000_000);
    complete(r, t, 0, 1, 1, 0, 'refused', 0, false);
    complete(r, t, 0, 1, 1, 404, null, 0, false);
    complete(r, t, 0, 1, 1, 500, null, 0, false);
    complete(r, t, 0, 1, 1, 503, null, 0, false);
    const [s] = r.take(Infinity);
    expect(s.endpoints.a).toMatchObject({ completed: 4, ok: 0, backpressure: 1, retryAfter: 0, errors: { refused: 1, http4xx: 1, http5xx: 1 } });
    expect(s.endpoints.a.statusCodes).toEqual({ '404': 1, '500': 1, '503': 1 });
  });
});

describe('IntervalMerger', () => {
  const shape = buildShape({ kind: 'steady', level: 10, durationMs: 3000 });
  const snap = (epochSec: number, n: number, activeUsers?: number): SecondSnapshot => {
    const r = recorder(['a']);
    for (let i = 0; i < n; i++) complete(r, sec(epochSec) + i, 0, 5 + i, 4, 200, null, 1, false);
    const [s] = r.take(Infinity);
    return { ...s, ...(activeUsers !== undefined ? { activeUsers } : {}) };
  };

  it('adds snapshots of several workers exactly, in any order', () => {
    const m1 = new IntervalMerger({ shape, model: 'closed', startEpochMs: 1_000_000_000 });
    m1.add(0, snap(1_000_000, 3, 2));
    m1.add(1, snap(1_000_000, 5, 3));
    const m2 = new IntervalMerger({ shape, model: 'closed', startEpochMs: 1_000_000_000 });
    m2.add(1, snap(1_000_000, 5, 3));
    m2.add(0, snap(1_000_000, 3, 2));
    const [a] = m1.intervals(1_000_000);
    const [b] = m2.intervals(1_000_000);
    expect(a.endpoints.a.completed).toBe(8);
    expect(a.activeUsers).toBe(5);
    expect(decodeHistogram(a.endpoints.a.latency).totalCount).toBe(8);
    expect(decodeHistogram(a.endpoints.a.latency).maxValue).toBe(decodeHistogram(b.endpoints.a.latency).maxValue);
    expect(a.endpoints.a.bytesIn).toBe(b.endpoints.a.bytesIn);
  });

  it('fills silent seconds and sets target levels from the shape', () => {
    // Start half-way through a second: the first and last seconds are partial.
    const m = new IntervalMerger({ shape, model: 'open', startEpochMs: 1_000_000_500 });
    const ivs = m.intervals(1_000_003);
    expect(ivs.map((iv) => iv.t)).toEqual([0, 1, 2, 3]);
    expect(ivs.map((iv) => iv.targetLevel)).toEqual([5, 10, 10, 5]);
    expect(targetLevelAt({ shape, model: 'closed', startEpochMs: 1_000_000_500 }, 1_000_001)).toBe(10);
    expect(targetLevelAt({ shape, model: 'open', startEpochMs: 1_000_000_500 }, 1_000_010)).toBe(0);
  });

  it('mergeEndpointData keeps the other side when one histogram is empty', () => {
    const a = snap(1_000_000, 2).endpoints.a;
    const empty = { ...a, completed: 0, latency: '', service: '' };
    const merged = mergeEndpointData({ ...empty }, a);
    expect(merged.latency).toBe(a.latency);
    expect(merged.completed).toBe(2);
  });
});

describe('transportErrorKind', () => {
  const cases: Array<[string, unknown, string]> = [
    ['refused', { code: 'ECONNREFUSED' }, 'refused'],
    ['reset', { code: 'ECONNRESET' }, 'reset'],
    ['undici socket closed', { code: 'UND_ERR_SOCKET' }, 'reset'],
    ['headers timeout', { code: 'UND_ERR_HEADERS_TIMEOUT' }, 'timeout'],
    ['body timeout', { code: 'UND_ERR_BODY_TIMEOUT' }, 'timeout'],
    ['dns', { code: 'ENOTFOUND' }, 'dns'],
    ['dns again', { code: 'EAI_AGAIN' }, 'dns'],
    ['tls', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'tls'],
    ['cert', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'tls'],
    ['wrapped in cause', { code: 'UND_ERR_CONNECT', cause: { code: 'ECONNREFUSED' } }, 'refused'],
    ['unknown', new Error('boom'), 'other'],
  ];
  it.each(cases)('%s', (_name, err, kind) => expect(transportErrorKind(err)).toBe(kind));
});
