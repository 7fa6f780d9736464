import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erlangB, erlangC, MAX_OFFERED_LOAD_ERLANGS, minServersFor, mmc, serviceLevel, waitQuantileSec } from '../../src/analysis/erlang.js';

/** Independent textbook form for small c (sums of A^k/k!), to check the recursion. */
function erlangCBySum(c: number, a: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = (term * c) / (c - a); // A^c/c! · c/(c − A)
  return top / (sum + top);
}

describe('erlangB', () => {
  // ln B(c, A) computed with Mathematica, as quoted in the public capacity_planning
  // erlang_test.py ("values based on mma results"): servers, traffic, ln B.
  it.each([
    [100, 120, -1.62826407041],
    [10000, 12000, -1.78927734649],
    [100, 20, -84.1661482002],
    [100, 10000, -0.01004931575],
  ])('ln B(%i, %d) = %d (Mathematica reference)', (c, a, lnB) => {
    expect(Math.log(erlangB(c, a))).toBeCloseTo(lnB, 8);
  });

  it('15 lines at 1% blocking carry 8.108 Erlangs (erlang.com Erlang B calculator manual)', () => {
    expect(erlangB(15, 8.108)).toBeCloseTo(0.01, 4);
  });

  it('B(132, 123) = 0.0312 (to 4 decimals, public erlang.py test suite)', () => {
    expect(Number(erlangB(132, 123).toFixed(4))).toBe(0.0312);
  });

  it.each([
    [0, 5, 1],
    [1, 1, 0.5], // B(1, A) = A/(1 + A)
    [2, 1, 0.2], // B(2, 1) = (1/2)/(1 + 1 + 1/2)
  ])('B(%i, %d) = %d (closed form)', (c, a, b) => {
    expect(erlangB(c, a)).toBeCloseTo(b, 12);
  });
});

describe('erlangC', () => {
  // Public erlang.py test suite (traffic intensity, agents, P_W rounded to 4 decimals).
  it.each([
    [123, 132, 0.3211],
    [12345, 12421, 0.3812],
  ])('C(c, A = %d) with %i servers = %d — large c without factorials', (a, c, expected) => {
    expect(Number(erlangC(c, a).toFixed(4))).toBe(expected);
  });

  it.each([11, 12, 13, 14, 15])('A = 10 Erlangs, c = %i: recursion equals the textbook sum formula', (c) => {
    expect(erlangC(c, 10)).toBeCloseTo(erlangCBySum(c, 10), 12);
  });

  it.each([0.1, 0.5, 0.9])('M/M/1 (c = 1): C = ρ, W_q = ρS/(1 − ρ) at ρ = %d', (rho) => {
    expect(erlangC(1, rho)).toBeCloseTo(rho, 12);
    const r = mmc({ ratePerSec: rho / 0.01, serviceTimeSec: 0.01, servers: 1 });
    expect(r.meanWaitSec).toBeCloseTo((rho * 0.01) / (1 - rho), 12);
  });

  it.each([0.2, 0.5, 0.8])('M/M/2: C = 2ρ²/(1 + ρ) at ρ = %d', (rho) => {
    expect(erlangC(2, 2 * rho)).toBeCloseTo((2 * rho * rho) / (1 + rho), 12);
  });

  it('is 1 when the offered load reaches the servers (unstable)', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(10, 12)).toBe(1);
    const r = mmc({ ratePerSec: 1200, serviceTimeSec: 0.01, servers: 10 });
    expect(r.stable).toBe(false);
    expect(r.meanWaitSec).toBe(Infinity);
    expect(r.waitQuantiles.every((w) => w.waitSec === Infinity)).toBe(true);
  });

  it('properties: 0 ≤ B ≤ C ≤ 1 and C decreases as servers are added', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 200, noNaN: true }), fc.integer({ min: 1, max: 60 }), (a, extra) => {
        const c = Math.floor(a) + extra;
        const b = erlangB(c, a);
        const pw = erlangC(c, a);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(pw).toBeLessThanOrEqual(1);
        expect(pw).toBeGreaterThanOrEqual(b);
        expect(erlangC(c + 1, a)).toBeLessThanOrEqual(pw);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('waits, service level and sizing', () => {
  it('the q-quantile t_q satisfies P(W_q > t_q) = 1 − q', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 50, noNaN: true }), fc.integer({ min: 1, max: 10 }), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (a, extra, q) => {
        const c = Math.floor(a) + extra;
        const s = 0.02;
        const t = waitQuantileSec(c, a, s, q);
        if (t > 0) expect(1 - serviceLevel(c, a, s, t)).toBeCloseTo(1 - q, 9);
        else expect(erlangC(c, a)).toBeLessThanOrEqual(1 - q + 1e-12); // most arrivals never wait
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('mean wait, Little’s Law and the service level for λ = 1000/s, S = 10 ms, c = 12', () => {
    const r = mmc({ ratePerSec: 1000, serviceTimeSec: 0.01, servers: 12, targetWaitSec: 0.02, targetLevel: 0.8 });
    expect(r.offeredLoad).toBeCloseTo(10, 12);
    expect(r.utilisation).toBeCloseTo(10 / 12, 12);
    expect(r.pWait).toBeCloseTo(erlangCBySum(12, 10), 12);
    expect(r.meanWaitSec).toBeCloseTo((r.pWait * 0.01) / 2, 12);
    expect(r.meanQueueLength).toBeCloseTo(1000 * r.meanWaitSec, 9);
    expect(r.meanInSystem).toBeCloseTo(1000 * (r.meanWaitSec + 0.01), 9);
    expect(r.target!.achieved).toBeCloseTo(1 - r.pWait * Math.exp(-2 * 2), 12);
    expect(r.target!.met).toBe(true);
  });

  it('minServersFor returns the smallest c meeting the target', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 300, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true }), fc.double({ min: 0.5, max: 0.99, noNaN: true }), (a, t, level) => {
        const s = 0.05;
        const c = minServersFor(a, s, t, level);
        expect(c).toBeGreaterThan(a);
        expect(serviceLevel(c, a, s, t)).toBeGreaterThanOrEqual(level);
        if (c - 1 > a) expect(serviceLevel(c - 1, a, s, t)).toBeLessThan(level);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('minServersFor refuses a 100% service level', () => {
    expect(() => minServersFor(10, 0.01, 0.02, 1)).toThrow(/targetLevel must be < 1/);
  });
});

/** The plain recursion from B(0) = 1 (the definition), to check the O(√A) start against. */
function erlangBFull(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

describe('issue 9 case 4: huge offered loads are sized in O(√A) steps, or refused', () => {
  it.each([
    [1e4, 1e4 - 50],
    [1e4, 1e4 + 30],
    [2.5e5, 2.5e5 + 100],
    [2.5e5, 1000],
    [1e6, 1e6 - 3000],
    [1e6, 1e6 + 2000],
  ])('B(c, A) from 40·√A below A equals the full recursion: A = %d, c = %d', (a, c) => {
    const full = erlangBFull(c, a);
    expect(Math.abs(erlangB(c, a) - full)).toBeLessThanOrEqual(1e-12 * Math.max(full, 1e-300) + 1e-300);
  });

  it.each([
    [1e4, 0.01, 0.02, 0.8],
    [1e6, 0.01, 0.001, 0.95],
  ])('minServersFor(A = %d) matches a search with the full recursion', (a, s, t, level) => {
    const c = minServersFor(a, s, t, level);
    expect(serviceLevel(c, a, s, t)).toBeGreaterThanOrEqual(level);
    expect(serviceLevel(c - 1, a, s, t)).toBeLessThan(level);
    const pw = (k: number) => { const b = erlangBFull(k, a); return (k * b) / (k - a * (1 - b)); };
    expect(1 - pw(c) * Math.exp((-(c - a) * t) / s)).toBeGreaterThanOrEqual(level);
    expect(1 - pw(c - 1) * Math.exp((-(c - 1 - a) * t) / s)).toBeLessThan(level);
  });

  it('A = 10¹⁰ Erlangs (1e12 req/s × 10 ms) is sized: c − A is small and the level is met', () => {
    const a = 1e10;
    const c = minServersFor(a, 0.01, 0.02, 0.8);
    expect(c).toBeGreaterThan(a);
    expect(c - a).toBeLessThan(40 * Math.sqrt(a));
    expect(serviceLevel(c, a, 0.01, 0.02)).toBeGreaterThanOrEqual(0.8);
  });

  it('a huge server count with a small load stops as soon as B underflows', () => {
    expect(erlangB(1e15, 3)).toBe(0);
  });

  it.each([[Infinity], [NaN], [MAX_OFFERED_LOAD_ERLANGS * 10]])('refuses offered load %d (RangeError, never a hang)', (a) => {
    expect(() => erlangB(10, a)).toThrow(RangeError);
    expect(() => minServersFor(a, 0.01, 0.02, 0.8)).toThrow(RangeError);
  });
});
