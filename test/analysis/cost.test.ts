import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { candidateLabel, costModel, evaluateFleet, sizeType, usd, type CostInput, type InstanceType } from '../../src/analysis/cost.js';

const XL: InstanceType = { name: 'c5.xlarge', vcpu: 4, memoryGiB: 8, hourlyUsd: 0.17, capacityRps: 1000 };
const X2: InstanceType = { name: 'c5.2xlarge', vcpu: 8, memoryGiB: 16, hourlyUsd: 0.34, capacityRps: 2000 };
const X4: InstanceType = { name: 'c5.4xlarge', vcpu: 16, memoryGiB: 32, hourlyUsd: 0.68, capacityRps: 4000 };

/** The guide's §17.5.5 example: A = 4 × c5.2xlarge, B = 8 × c5.xlarge, C = 2 × c5.4xlarge at 720 h. */
const GUIDE: CostInput = {
  hoursPerMonth: 720,
  peakRps: 5000,
  targetUtilization: 0.75,
  zones: 2,
  instanceTypes: [XL, X2, X4],
  candidates: [
    { type: 'c5.2xlarge', count: 4 },
    { type: 'c5.xlarge', count: 8 },
    { type: 'c5.4xlarge', count: 2 },
  ],
};

describe("the guide's §17.5.5 fleets", () => {
  const report = costModel(GUIDE);
  const [a, b, c] = report.fleets;

  it('each costs exactly $979.20/month with 32 vCPU and 8000 rps', () => {
    for (const f of [a, b, c]) {
      expect(f.monthlyUsd).toBeCloseTo(979.2, 9);
      expect(usd(f.monthlyUsd)).toBe('$979.20');
      expect(f.vcpuTotal).toBe(32);
      expect(f.memoryGiBTotal).toBe(64);
      expect(f.capacityRps).toBe(8000);
      expect(f.utilization).toBeCloseTo(0.625, 12);
      expect(f.headroom).toBeCloseTo(0.375, 12);
      expect(f.meetsTarget).toBe(true);
      // $/M = 979.20 / (5000 × 3600 × 720 / 1e6) = 979.20 / 12960
      expect(f.costPerMillionAtPeak).toBeCloseTo(979.2 / 12960, 12);
    }
  });

  it.each([
    ['A', 0, true, 5000 / 6000, 2, 5000 / 4000],
    ['B', 1, true, 5000 / 7000, 4, 5000 / 4000],
    ['C', 2, false, 5000 / 4000, 1, 5000 / 4000],
  ])('%s: survives one instance loss = %s', (label, i, survives, util, zoneLost, zoneUtil) => {
    const f = report.fleets[i as number];
    expect(f.label).toBe(label);
    expect(f.nPlusOne.survives).toBe(survives);
    expect(f.nPlusOne.utilization).toBeCloseTo(util as number, 12);
    expect(f.zoneLoss).toMatchObject({ lost: zoneLost, survives: false });
    expect(f.zoneLoss!.utilization).toBeCloseTo(zoneUtil as number, 12);
  });

  it('recommends B: same cost as A, but 71.43% after losing one instance versus 83.33%', () => {
    expect(report.recommendation.fleet?.label).toBe('B');
    expect(report.recommendation.reason).toMatch(/A \(4 × c5\.2xlarge\) costs the same; B wins on resilience/);
    expect(report.recommendation.reason).toMatch(/71\.43% versus 83\.33%, still within the target/);
    expect(report.recommendation.reason).toMatch(/C \(2 × c5\.4xlarge\) does not survive losing one instance/);
    expect(report.recommendation.reason).toMatch(/7 × c5\.xlarge at \$856\.80\/month/);
    expect(report.recommendation.reason).toMatch(/None of these survives losing one of 2 zones; the cheapest that would is 10 × c5\.xlarge at \$1\u202f224\.00/);
  });
});

describe('sizing per type', () => {
  it.each([
    // peak, target, type, ⌈peak/(target·cap)⌉, max(that, ⌈peak/cap⌉ + 1), zone (2 zones)
    [5000, 0.75, XL, 7, 7, 10],
    [5000, 0.75, X2, 4, 4, 6],
    [5000, 0.75, X4, 2, 3, 4],
    [6000, 0.75, XL, 8, 8, 12], // 6000/750 = 8 exactly: no rounding up to 9
    [100, 0.5, X4, 1, 2, 2],
  ])('peak %d rps, target %d, %s', (peakRps, target, t, forTarget, withN1, withZone) => {
    const s = sizeType({ ...GUIDE, peakRps: peakRps as number, targetUtilization: target as number }, t as InstanceType);
    expect([s.minForTarget, s.minForTargetAndNPlusOne, s.minForTargetAndZoneLoss]).toEqual([forTarget, withN1, withZone]);
  });

  it('without candidates, evaluates the smallest N+1 fleet of each type and picks the cheapest', () => {
    const r = costModel({ ...GUIDE, candidates: undefined, zones: undefined });
    expect(r.fleetsFrom).toBe('sizing');
    expect(r.fleets.map((f) => [f.label, f.count, f.monthlyUsd])).toEqual([
      ['c5.xlarge', 7, expect.closeTo(856.8, 9)],
      ['c5.2xlarge', 4, expect.closeTo(979.2, 9)],
      ['c5.4xlarge', 3, expect.closeTo(1468.8, 9)],
    ]);
    expect(r.recommendation.fleet?.type).toBe('c5.xlarge');
    expect(r.fleets[0].zoneLoss).toBeUndefined();
  });

  it('says so when no candidate qualifies, and names the cheapest fleet that would', () => {
    const r = costModel({ ...GUIDE, candidates: [{ type: 'c5.4xlarge', count: 2 }] });
    expect(r.recommendation.fleet).toBeUndefined();
    expect(r.recommendation.reason).toMatch(/No fleet meets the 75% target and survives losing one instance\. The cheapest that would is 7 × c5\.xlarge at \$856\.80/);
  });
});

describe('margin, average load, labels', () => {
  it('applies a 20–30% margin and the average cost per million requests', () => {
    const f = evaluateFleet({ ...GUIDE, averageRps: 2000, margin: { low: 0.2, high: 0.3 } }, X2, 4, 'A');
    expect(f.monthlyWithMarginUsd!.low).toBeCloseTo(1175.04, 9);
    expect(f.monthlyWithMarginUsd!.high).toBeCloseTo(1272.96, 9);
    expect(f.costPerMillionAtAverage).toBeCloseTo(979.2 / (2000 * 3600 * 720 / 1e6), 12);
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
  ])('candidate %d is labelled %s', (i, label) => {
    expect(candidateLabel(i)).toBe(label);
  });

  it('a fleet of one instance cannot survive losing it', () => {
    const f = evaluateFleet(GUIDE, X4, 1, 'A');
    expect(f.nPlusOne).toEqual({ lost: 1, capacityRps: 0, utilization: Infinity, survives: false });
  });
});

describe('properties', () => {
  const type = fc.record({
    name: fc.constant('t'),
    hourlyUsd: fc.double({ min: 0.001, max: 50, noNaN: true }),
    capacityRps: fc.double({ min: 1, max: 1e5, noNaN: true }),
  });
  it('monthly cost is linear in count and in hours: cost(k·n, h) = k·cost(n, h), cost(n, k·h) = k·cost(n, h)', () => {
    fc.assert(
      fc.property(type, fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 20 }), fc.double({ min: 1, max: 744, noNaN: true }), (t, n, k, h) => {
        const input = { ...GUIDE, hoursPerMonth: h, candidates: undefined };
        const base = evaluateFleet(input, t, n, 'A').monthlyUsd;
        expect(evaluateFleet(input, t, k * n, 'A').monthlyUsd).toBeCloseTo(k * base, 6);
        const hk = Math.min(744, h * k);
        expect(evaluateFleet({ ...input, hoursPerMonth: hk }, t, n, 'A').monthlyUsd).toBeCloseTo((base * hk) / h, 6);
        expect(base).toBeCloseTo(n * t.hourlyUsd * h, 6);
      }),
    );
  });

  it('the sized counts are the smallest that pass their checks', () => {
    fc.assert(
      fc.property(type, fc.double({ min: 1, max: 1e5, noNaN: true }), fc.double({ min: 0.1, max: 1, noNaN: true }), fc.integer({ min: 2, max: 4 }), (t, peakRps, target, zones) => {
        const input: CostInput = { ...GUIDE, peakRps, targetUtilization: target, zones, instanceTypes: [t], candidates: undefined };
        const s = sizeType(input, t);
        const ok = (n: number) => evaluateFleet(input, t, n, 'x');
        expect(ok(s.minForTarget).meetsTarget).toBe(true);
        if (s.minForTarget > 1) expect(ok(s.minForTarget - 1).meetsTarget).toBe(false);
        const n1 = ok(s.minForTargetAndNPlusOne);
        expect(n1.meetsTarget && n1.nPlusOne.survives).toBe(true);
        const below = ok(s.minForTargetAndNPlusOne - 1);
        expect(below.meetsTarget && below.nPlusOne.survives).toBe(false);
        const z = ok(s.minForTargetAndZoneLoss!);
        expect(z.meetsTarget && z.nPlusOne.survives && z.zoneLoss!.survives).toBe(true);
        const zb = ok(s.minForTargetAndZoneLoss! - 1);
        expect(zb.meetsTarget && zb.nPlusOne.survives && zb.zoneLoss!.survives).toBe(false);
      }),
    );
  });
});
