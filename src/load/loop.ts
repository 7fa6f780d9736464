/** What the worker drives: the open-model pacer or the closed-model users. */
export abstract class LoadLoop {
  /** performance.now() of t = 0. */
  protected startPerf = 0;
  protected stopped = false;
  private resolveEnded: () => void = () => {};
  /** Resolves when the shape is over: nothing new starts (requests may still wait or be in flight). */
  readonly ended: Promise<void> = new Promise((r) => (this.resolveEnded = r));

  /** True when nothing waits and nothing is in flight. */
  abstract get idle(): boolean;
  /** Start at `startPerf` (performance.now() of t = 0). */
  abstract start(startPerf: number): void;
  /** Stop starting requests at once. */
  abstract stop(): void;

  protected markEnded(): void {
    this.resolveEnded();
  }
}
