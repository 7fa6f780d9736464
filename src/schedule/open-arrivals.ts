import { Random } from '../mix/random.js';
import type { Shape } from '../shapes/types.js';
import { inverterFor, type CumulativeInverter } from './invert.js';

/** Intended send times of one worker, in ms since run start. */
export interface ArrivalIterator {
  /** The next intended send time in ms since run start (non-decreasing), or `Infinity` when the shape is over. */
  next(): number;
}

/** Options for {@link openArrivals}. */
export interface OpenArrivalOptions {
  /** This worker's index, 0 ≤ workerIndex < workerCount. */
  workerIndex: number;
  workerCount: number;
  /** `uniform`: evenly spaced in cumulative space; `poisson`: non-homogeneous Poisson process. */
  arrivals: 'uniform' | 'poisson';
  /** Seed for Poisson arrivals; every worker must get the same seed. */
  seed: number;
}

/**
 * The open-model schedule of one worker.
 *
 * Uniform: arrival k (k = 1, 2, …) is intended at the t where cumulative(t) = k, so
 * the whole run has exactly floor(cumulative(T)) arrivals.
 * Poisson (time-rescaling): cumulative-space points Eₖ = Eₖ₋₁ + Expo(1), each mapped
 * back through t = cumulative⁻¹(Eₖ); this is a non-homogeneous Poisson process with
 * intensity rate(t). Every worker draws the same seeded sequence.
 * Either way arrival k belongs to worker (k − 1) mod workerCount, so the union over
 * workers is exactly the single-worker schedule. O(1) amortised per call, no allocation.
 */
export function openArrivals(shape: Shape, opts: OpenArrivalOptions): ArrivalIterator {
  const { workerIndex, workerCount } = opts;
  if (!Number.isInteger(workerCount) || workerCount < 1) throw new RangeError(`workerCount must be an integer ≥ 1 (got ${workerCount})`);
  if (!Number.isInteger(workerIndex) || workerIndex < 0 || workerIndex >= workerCount) {
    throw new RangeError(`workerIndex must be an integer in [0, ${workerCount - 1}] (got ${workerIndex})`);
  }
  const inverter = inverterFor(shape);
  return opts.arrivals === 'poisson'
    ? new PoissonArrivals(inverter, workerIndex, workerCount, new Random(opts.seed))
    : new UniformArrivals(inverter, workerIndex, workerCount);
}

/**
 * Shared walk: subclasses give the next target in cumulative space (arrival k, or the
 * Poisson point Eₖ); the base inverts it and keeps times non-decreasing.
 */
abstract class ArrivalStream implements ArrivalIterator {
  private lastMs = 0;
  private done = false;

  constructor(private readonly inv: CumulativeInverter) {}

  /** The next point of this worker in cumulative space (arrivals). */
  protected abstract nextTarget(): number;

  next(): number {
    if (this.done) return Infinity;
    const tSec = this.inv.invert(this.nextTarget());
    if (tSec === Infinity) {
      this.done = true;
      return Infinity;
    }
    const ms = tSec * 1000;
    if (ms > this.lastMs) this.lastMs = ms;
    return this.lastMs;
  }
}

/** Arrival k = workerIndex + 1, then every workerCount-th: targets k in cumulative space. */
class UniformArrivals extends ArrivalStream {
  private k: number;

  constructor(inv: CumulativeInverter, workerIndex: number, private readonly step: number) {
    super(inv);
    this.k = workerIndex + 1 - step;
  }

  protected nextTarget(): number {
    this.k += this.step;
    return this.k;
  }
}

/** Eₖ = Eₖ₋₁ + Expo(1); this worker keeps every workerCount-th point, skipping the others' draws. */
class PoissonArrivals extends ArrivalStream {
  private e = 0;
  private first = true;

  constructor(inv: CumulativeInverter, private readonly workerIndex: number, private readonly step: number, private readonly rng: Random) {
    super(inv);
  }

  protected nextTarget(): number {
    // The first call advances workerIndex + 1 points, later ones workerCount.
    const n = this.first ? this.workerIndex + 1 : this.step;
    this.first = false;
    for (let i = 0; i < n; i++) this.e += this.rng.exponential();
    return this.e;
  }
}
