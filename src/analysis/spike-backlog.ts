/**
 * The backlog a traffic spike builds in front of a system of fixed capacity, and
 * the bounded queue that absorbs it (Little's Law in the steady state plus the
 * excess arrivals of the spike). Pure.
 *
 *   steady   L       = λ·W
 *   excess   E       = max(0, m·λ − R)             (arrivals beyond capacity, per second)
 *   backlog  B       = E·d
 *   peak     P       = L + B                       (items in the system at the end of the spike)
 *   queue    Q       = ⌈P·(1 + margin)⌉
 *   drain    T       = B / (R − λ)                 (∞ when R ≤ λ: the backlog never drains)
 *   wait     ΔW      = B / R                       (extra wait of the last item queued in the spike)
 */

/** Input of {@link spikeBacklog}. */
export interface SpikeBacklogInput {
  /** Base arrival rate λ, items per second (> 0). */
  baseRatePerSec: number;
  /** Mean service time W in seconds (≥ 0). */
  serviceTimeSec: number;
  /** Spike multiplier m (≥ 1): the spike rate is m·λ. */
  spikeMultiplier: number;
  /** Spike duration d in seconds (≥ 0). */
  spikeDurationSec: number;
  /** Capacity R, items per second; default λ (sized for the base rate). */
  capacityPerSec?: number;
  /** Safety margin on the queue size as a fraction (0.1 = 10 %); default 0. */
  margin?: number;
}

/** Result of {@link spikeBacklog}. */
export interface SpikeBacklogResult {
  baseRatePerSec: number;
  serviceTimeSec: number;
  spikeMultiplier: number;
  spikeRatePerSec: number;
  spikeDurationSec: number;
  capacityPerSec: number;
  /** True when the capacity was not given and defaults to the base rate. */
  capacityDefaulted: boolean;
  margin: number;
  /** L = λ·W. */
  steadyInSystem: number;
  /** max(0, m·λ − R), items per second. */
  excessRatePerSec: number;
  /** B = excess·d, items. */
  backlog: number;
  /** P = L + B, items. */
  peakInSystem: number;
  /** ⌈P·(1 + margin)⌉, items. */
  recommendedQueueSize: number;
  /**
   * The recommended size rounded UP to two significant digits, a round figure to configure that is never below the
   * recommendation: 10^k · ⌈Q / 10^k⌉ with k = max(0, digits(Q) − 2) (5511 → 5600, 2510 → 2600; the guide quotes ~5500).
   */
  roughQueueSize: number;
  /** R − λ, items per second (≤ 0: no headroom). */
  headroomPerSec: number;
  /** B / (R − λ) in seconds; 0 without backlog; Infinity when R ≤ λ. */
  drainTimeSec: number;
  /** B / R in seconds. */
  worstExtraWaitSec: number;
}

/** Size the backlog and queue for a spike (formulas in the module comment). */
export function spikeBacklog(input: SpikeBacklogInput): SpikeBacklogResult {
  const { baseRatePerSec: lambda, serviceTimeSec: w, spikeMultiplier: m, spikeDurationSec: d } = input;
  const capacity = input.capacityPerSec ?? lambda;
  const margin = input.margin ?? 0;
  const spikeRate = m * lambda;
  const steady = lambda * w;
  const excess = Math.max(0, spikeRate - capacity);
  const backlog = excess * d;
  const peak = steady + backlog;
  const recommended = ceilClean(peak * (1 + margin));
  const headroom = capacity - lambda;
  const drain = backlog === 0 ? 0 : headroom > 0 ? backlog / headroom : Infinity;
  return {
    baseRatePerSec: lambda,
    serviceTimeSec: w,
    spikeMultiplier: m,
    spikeRatePerSec: spikeRate,
    spikeDurationSec: d,
    capacityPerSec: capacity,
    capacityDefaulted: input.capacityPerSec === undefined,
    margin,
    steadyInSystem: steady,
    excessRatePerSec: excess,
    backlog,
    peakInSystem: peak,
    recommendedQueueSize: recommended,
    roughQueueSize: roundUpTwoDigits(recommended),
    headroomPerSec: headroom,
    drainTimeSec: drain,
    worstExtraWaitSec: capacity > 0 ? backlog / capacity : Infinity,
  };
}

/** ⌈x⌉ after dropping floating-point noise (5010 × 1.1 = 5511.000000000001 → 5511). */
export function ceilClean(x: number): number {
  return Math.ceil(Number(x.toPrecision(12)));
}

/** 10^k · ⌈x / 10^k⌉ with k = max(0, digits(x) − 2): x rounded up to two significant digits (0 stays 0). */
export function roundUpTwoDigits(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
  return Math.ceil(x / step) * step;
}
