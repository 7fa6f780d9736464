/**
 * A deliberate memory leak for proving the soak detector: every served request retains
 * `bytesPerRequest` bytes of V8 heap that are never released while the target runs.
 */

/** Retains heap on purpose. */
export class DeliberateLeak {
  private readonly kept: string[] = [];
  private n = 0;

  constructor(
    /** Bytes retained per call of {@link retain} (0 = off). */
    public readonly bytesPerRequest: number,
  ) {}

  /**
   * Retain one block: a distinct one-byte string of `bytesPerRequest` characters (a flat string in
   * the V8 heap, so it shows in nodejs_heap_size_used_bytes as well as RSS; a Buffer would be
   * off-heap). Strings under ~1 MB are never external in Node.
   */
  retain(): void {
    if (this.bytesPerRequest <= 0) return;
    this.n++;
    this.kept.push(Buffer.alloc(this.bytesPerRequest, 97 + (this.n % 26)).toString('latin1'));
  }

  /** Bytes retained so far. */
  get retainedBytes(): number {
    return this.kept.length * this.bytesPerRequest;
  }
}
