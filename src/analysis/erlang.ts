/**
 * Erlang B and C, and the M/M/c queue built on them. Pure; no factorials.
 *
 * Offered load A = λ·S (Erlangs), c servers, utilisation ρ = A/c.
 *   Erlang B (stable recursion):  B(0) = 1,  B(k) = A·B(k−1) / (k + A·B(k−1))
 *   Erlang C from B:              C(c, A) = c·B / (c − A·(1 − B))   (= 1 when A ≥ c)
 *   mean wait                     W_q = C·S / (c − A)
 *   wait tail                     P(W_q > t) = C·e^{−(c − A)·t/S}
 *   q-quantile of the wait        t_q = max(0, S/(c − A) · ln(C / (1 − q)))
 *   service level                 P(W_q ≤ t) = 1 − C·e^{−(c − A)·t/S}
 */

/** Erlang B: probability that an arrival finds all `servers` busy and is lost (no queue). */
export function erlangB(servers: number, offeredLoad: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/** Erlang C: probability that an arrival has to wait (M/M/c); 1 when A ≥ c (unstable). */
export function erlangC(servers: number, offeredLoad: number): number {
  if (offeredLoad >= servers) return 1;
  return erlangCFromB(servers, offeredLoad, erlangB(servers, offeredLoad));
}

function erlangCFromB(c: number, a: number, b: number): number {
  return a >= c ? 1 : (c * b) / (c - a * (1 - b));
}

/** P(W_q ≤ t): the fraction of arrivals that wait at most `waitSec` (0 when unstable). */
export function serviceLevel(servers: number, offeredLoad: number, serviceTimeSec: number, waitSec: number): number {
  if (offeredLoad >= servers) return 0;
  return serviceLevelFromC(servers, offeredLoad, serviceTimeSec, waitSec, erlangC(servers, offeredLoad));
}

function serviceLevelFromC(c: number, a: number, s: number, t: number, pw: number): number {
  if (a >= c) return 0;
  return 1 - pw * Math.exp((-(c - a) * t) / s);
}

/** q-quantile of the wait in seconds: max(0, S/(c−A)·ln(C/(1−q))); Infinity when unstable. */
export function waitQuantileSec(servers: number, offeredLoad: number, serviceTimeSec: number, q: number): number {
  if (offeredLoad >= servers) return Infinity;
  return quantileFromC(servers, offeredLoad, serviceTimeSec, q, erlangC(servers, offeredLoad));
}

function quantileFromC(c: number, a: number, s: number, q: number, pw: number): number {
  return a >= c ? Infinity : Math.max(0, (s / (c - a)) * Math.log(pw / (1 - q)));
}

/**
 * Smallest number of servers c > A with P(W_q ≤ targetWaitSec) ≥ targetLevel.
 * B is carried up the recursion, so the search costs O(c) in total.
 * `targetLevel` must be < 1 (a service level of 100 % needs infinitely many servers).
 */
export function minServersFor(offeredLoad: number, serviceTimeSec: number, targetWaitSec: number, targetLevel: number): number {
  if (!(targetLevel < 1)) throw new RangeError(`targetLevel must be < 1, got ${targetLevel}`);
  let b = 1;
  for (let k = 1; ; k++) {
    b = (offeredLoad * b) / (k + offeredLoad * b);
    if (k <= offeredLoad) continue;
    const pw = erlangCFromB(k, offeredLoad, b);
    if (serviceLevelFromC(k, offeredLoad, serviceTimeSec, targetWaitSec, pw) >= targetLevel) return k;
  }
}

/** Input of {@link mmc}. */
export interface MmcInput {
  /** Arrival rate λ, items per second (> 0). */
  ratePerSec: number;
  /** Mean service time S, seconds (> 0). */
  serviceTimeSec: number;
  /** Servers c (integer ≥ 1). */
  servers: number;
  /** Wait quantiles to report, in (0, 1); default p50, p90, p99. */
  quantiles?: number[];
  /** Target wait t in seconds for the service level P(W_q ≤ t). */
  targetWaitSec?: number;
  /** Target service level in (0, 1), e.g. 0.8 (80 % wait ≤ t); default 0.8 when targetWaitSec is given. */
  targetLevel?: number;
}

/** Result of {@link mmc}. Infinite quantities (unstable queue) are `Infinity` (JSON: null). */
export interface MmcResult {
  ratePerSec: number;
  serviceTimeSec: number;
  servers: number;
  /** A = λ·S, Erlangs. */
  offeredLoad: number;
  /** ρ = A/c. */
  utilisation: number;
  /** A < c. */
  stable: boolean;
  /** Erlang B(c, A): loss probability if there were no queue. */
  erlangB: number;
  /** P_W = C(c, A): probability of waiting. */
  pWait: number;
  /** W_q = P_W·S/(c − A), seconds. */
  meanWaitSec: number;
  /** W = W_q + S, seconds. */
  meanResponseSec: number;
  /** L_q = λ·W_q (Little's Law), items waiting. */
  meanQueueLength: number;
  /** L = λ·W, items in the system. */
  meanInSystem: number;
  /** Wait quantiles in seconds. */
  waitQuantiles: Array<{ q: number; waitSec: number }>;
  /** Service level against the target, and the smallest c meeting it. */
  target?: { waitSec: number; level: number; achieved: number; met: boolean; minServers: number };
}

/** The M/M/c queue by Erlang C (formulas in the module comment). */
export function mmc(input: MmcInput): MmcResult {
  const { ratePerSec: lambda, serviceTimeSec: s, servers: c } = input;
  const a = lambda * s;
  const stable = a < c;
  const b = erlangB(c, a);
  const pw = erlangCFromB(c, a, b);
  const wq = stable ? (pw * s) / (c - a) : Infinity;
  const quantiles = input.quantiles ?? [0.5, 0.9, 0.99];
  const out: MmcResult = {
    ratePerSec: lambda,
    serviceTimeSec: s,
    servers: c,
    offeredLoad: a,
    utilisation: a / c,
    stable,
    erlangB: b,
    pWait: pw,
    meanWaitSec: wq,
    meanResponseSec: wq + s,
    meanQueueLength: lambda * wq,
    meanInSystem: lambda * (wq + s),
    waitQuantiles: quantiles.map((q) => ({ q, waitSec: quantileFromC(c, a, s, q, pw) })),
  };
  if (input.targetWaitSec !== undefined) {
    const level = input.targetLevel ?? 0.8;
    const achieved = serviceLevelFromC(c, a, s, input.targetWaitSec, pw);
    out.target = {
      waitSec: input.targetWaitSec,
      level,
      achieved,
      met: achieved >= level,
      minServers: minServersFor(a, s, input.targetWaitSec, level),
    };
  }
  return out;
}
