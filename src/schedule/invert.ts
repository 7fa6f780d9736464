import type { LinearSegment, Shape } from '../shapes/types.js';

/**
 * Inverts a shape's cumulative count, C(t) = c, for non-decreasing targets c,
 * walking forward so a whole run costs O(segments + arrivals).
 */
export interface CumulativeInverter {
  /** The time in seconds where cumulative(t) = c, or `Infinity` when c > cumulative(duration). */
  invert(c: number): number;
}

/** Pick the analytic inverter for piecewise-linear shapes, otherwise the numeric one. */
export function inverterFor(shape: Shape): CumulativeInverter {
  return shape.segments ? new SegmentInverter(shape.segments) : new NumericInverter(shape);
}

/**
 * Analytic inversion of a piecewise-quadratic cumulative. In a segment with start
 * level a, slope m = (b − a)/d and r = c − Cᵢ arrivals still to go:
 *   a·x + m·x²/2 = r  ⇒  x = 2r / (a + √(a² + 2·m·r))
 * (the cancellation-free form of (−a + √(a² + 2mr))/m, valid for m = 0 and m < 0 too).
 */
export class SegmentInverter implements CumulativeInverter {
  private i = 0;

  constructor(private readonly segs: ReadonlyArray<LinearSegment>) {}

  invert(c: number): number {
    const segs = this.segs;
    while (this.i < segs.length && segs[this.i].cumEnd < c) this.i++;
    if (this.i === segs.length) return Infinity;
    const s = segs[this.i];
    const r = c - s.cumStart;
    if (r <= 0) return s.startSec;
    const m = (s.to - s.from) / s.durationSec;
    const disc = s.from * s.from + 2 * m * r;
    const x = (2 * r) / (s.from + Math.sqrt(disc > 0 ? disc : 0));
    return s.startSec + (x < s.durationSec ? x : s.durationSec);
  }
}

/**
 * Numeric inversion for smooth shapes (diurnal): safeguarded Newton on
 * f(t) = C(t) − c with f′ = rate(t), inside a bracket [lo, hi] that always holds
 * the root; a step that leaves the bracket (or a zero rate) bisects instead.
 */
export class NumericInverter implements CumulativeInverter {
  private lo = 0;
  private readonly total: number;

  constructor(private readonly shape: Shape) {
    this.total = shape.cumulative(shape.durationSec);
  }

  invert(c: number): number {
    if (c > this.total) return Infinity;
    const shape = this.shape;
    let a = this.lo;
    let b = shape.durationSec;
    let t = a;
    const tol = 1e-12 * Math.max(1, c);
    for (let iter = 0; iter < 200; iter++) {
      const f = shape.cumulative(t) - c;
      if (Math.abs(f) <= tol) break;
      if (f < 0) a = t;
      else b = t;
      const r = shape.rate(t);
      let next = r > 0 ? t - f / r : NaN;
      if (!(next > a && next < b)) next = (a + b) / 2;
      if (next === t || b - a <= 1e-15 * Math.max(1, b)) break;
      t = next;
    }
    this.lo = t;
    return t;
  }
}
