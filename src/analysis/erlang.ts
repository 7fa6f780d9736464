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

/**
 * Largest offered load A (Erlangs) the recursions accept. They start 40·√A below A and run to
 * about A + 40·√A, so their cost is O(√A): ~10⁷ steps at this limit (under a second).
 */
export const MAX_OFFERED_LOAD_ERLANGS = 1e11;

/**
 * Where the Erlang B recursion may start, and B there, for offered load `a`.
 * For k < A the map B ↦ A·B/(k + A·B) contracts errors by f'(B) = A·k/(k + A·B)² ≈ k/A, and
 * B(k, A) ≈ 1 − k/A. Starting at k₀ = A − 40·√A from that value, the error shrinks by
 * Π k/A ≈ e^(−Σ j/A) = e^(−40²/2) ≈ e^(−800) by the time k reaches A: the exact value to double precision.
 */
function recursionStart(a: number): { k0: number; b0: number } {
  const k0 = Math.floor(a - 40 * Math.sqrt(a));
  return k0 > 0 ? { k0, b0: 1 - k0 / a } : { k0: 0, b0: 1 };
}

function checkOfferedLoad(a: number): void {
  if (!(Number.isFinite(a) && a >= 0 && a <= MAX_OFFERED_LOAD_ERLANGS)) {
    throw new RangeError(`offered load must be a finite number of Erlangs in [0, ${MAX_OFFERED_LOAD_ERLANGS}], got ${a}`);
  }
}

/**
 * Erlang B: probability that an arrival finds all `servers` busy and is lost (no queue).
 * O(√A) steps (see {@link recursionStart}); stops early once B underflows to 0.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  checkOfferedLoad(offeredLoad);
  const { k0, b0 } = recursionStart(offeredLoad);
  if (servers <= k0) {
    // Far below A: B(c, A) = A·B(c−1)/(c + A·B(c−1)) from B(0) = 1, contracting by ≈ c/A per step.
    let b = 1;
    for (let k = Math.max(1, servers - Math.ceil(40 * Math.sqrt(offeredLoad))); k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
    return servers === 0 ? 1 : b;
  }
  let b = b0;
  for (let k = k0 + 1; k <= servers && b > 0; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
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
 * B is carried up the recursion from 40·√A below A, so the search costs O(√A) in total.
 * `targetLevel` must be < 1 (a service level of 100 % needs infinitely many servers).
 */
export function minServersFor(offeredLoad: number, serviceTimeSec: number, targetWaitSec: number, targetLevel: number): number {
  if (!(targetLevel < 1)) throw new RangeError(`targetLevel must be < 1, got ${targetLevel}`);
  checkOfferedLoad(offeredLoad);
  // Start the recursion 40·√A below A (recursionStart): O(√A) steps, not O(A). The answer is
  // c ≈ A + β·√A (square-root staffing), and B, hence C, fall to 0 within a few √A above A, so the loop ends.
  const start = recursionStart(offeredLoad);
  let b = start.b0;
  for (let k = start.k0 + 1; ; k++) {
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
