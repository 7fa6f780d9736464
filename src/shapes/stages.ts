import type { LinearSegment, Shape, Stage } from './types.js';


/**
 * The core piecewise-linear shape every stage-based shape expands to.
 *
 * Within segment i (start sᵢ, duration dᵢ, levels aᵢ → bᵢ), for x = t − sᵢ ∈ [0, dᵢ]:
 *   rate(t)       = aᵢ + (bᵢ − aᵢ)·x/dᵢ
 *   cumulative(t) = Cᵢ + aᵢ·x + (bᵢ − aᵢ)·x²/(2dᵢ)          (exact integral, quadratic in x)
 *   Cᵢ₊₁          = Cᵢ + (aᵢ + bᵢ)/2 · dᵢ
 * Stages of zero duration are dropped (they would be instantaneous jumps, which
 * the next stage's `from` already expresses). Level jumps between stages are allowed
 * (step shapes); at a boundary the later stage applies.
 */
export function stagesShape(stages: readonly Stage[]): Shape {
  const segments: LinearSegment[] = [];
  const phases: Array<{ name: string; startSec: number; endSec: number }> = [];
  let startSec = 0;
  let cum = 0;
  for (const st of stages) {
    const durationSec = st.durationMs / 1000;
    if (!(durationSec > 0)) continue;
    // Area of a trapezoid: (from + to)/2 · duration.
    const cumEnd = cum + ((st.from + st.to) / 2) * durationSec;
    segments.push({ startSec, durationSec, from: st.from, to: st.to, cumStart: cum, cumEnd });
    const endSec = startSec + durationSec;
    const last = phases[phases.length - 1];
    // Consecutive stages with the same name form one phase.
    if (last && last.name === st.name && last.endSec === startSec) last.endSec = endSec;
    else phases.push({ name: st.name, startSec, endSec });
    startSec = endSec;
    cum = cumEnd;
  }
  const durationSec = startSec;
  const total = cum;
  const lastSeg = segments[segments.length - 1];

  /** Index of the segment containing t (t in [start, end)), by binary search. */
  function find(t: number): number {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid].startSec <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  return {
    durationSec,
    phases,
    segments,
    rate(tSec: number): number {
      if (!lastSeg || tSec < 0 || tSec > durationSec) return 0;
      if (tSec === durationSec) return lastSeg.to;
      const s = segments[find(tSec)];
      const x = tSec - s.startSec;
      return s.from + ((s.to - s.from) * x) / s.durationSec;
    },
    cumulative(tSec: number): number {
      if (!lastSeg || tSec <= 0) return 0;
      if (tSec >= durationSec) return total;
      const s = segments[find(tSec)];
      const x = tSec - s.startSec;
      return s.cumStart + s.from * x + ((s.to - s.from) * x * x) / (2 * s.durationSec);
    },
  };
}
