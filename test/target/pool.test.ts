import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/target/pool.js';
import { waitFor } from '../helpers/wait.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('WorkerPool', () => {
  it.each([
    // workers, queue, jobs → started, queued, refused
    [1, 1, 5, 1, 1, 3],
    [2, 0, 3, 2, 0, 1],
    [3, 5, 4, 3, 1, 0],
    [4, 2, 10, 4, 2, 4],
  ])('workers %i queue %i with %i jobs: %i start, %i wait, %i refused', (workers, queue, jobs, started, queued, refused) => {
    const pool = new WorkerPool(workers, queue);
    const tickets = Array.from({ length: jobs }, () => pool.submit({ serviceMs: 1000, done: () => {} }));
    expect(tickets.filter((t) => t?.started).length).toBe(started);
    expect(tickets.filter((t) => t && !t.started).length).toBe(queued);
    expect(tickets.filter((t) => t === null).length).toBe(refused);
    expect(pool.counters()).toMatchObject({ busy: started, queued, maxQueueSeen: queued });
    pool.close();
  });

  it('runs queued jobs in FIFO order and skips cancelled ones', async () => {
    const pool = new WorkerPool(1, 10);
    const order: number[] = [];
    const all = deferred();
    const tickets = [0, 1, 2, 3].map((i) => pool.submit({ serviceMs: 5, done: () => (order.push(i), i === 3 && all.resolve()) }));
    pool.cancel(tickets[2]!);
    expect(pool.counters()).toMatchObject({ queued: 2, abandoned: 1 });
    await all.promise;
    expect(order).toEqual([0, 1, 3]);
    await waitFor(() => pool.counters().busy === 0, 'the worker to go idle');
    expect(pool.counters()).toMatchObject({ busy: 0, queued: 0 });
  });

  /**
   * Run `jobs` jobs of `serviceMs` on one worker with a fake clock and a setTimeout spy
   * whose timers all fire `lateMs` late. Returns the setTimeout delays asked for and the completion order.
   */
  async function withLateTimers(lateMs: number, jobs: number, serviceMs: number): Promise<{ delays: number[]; order: number[] }> {
    let now = 0;
    const pool = new WorkerPool(1, 10, () => now);
    const delays: number[] = [];
    const order: number[] = [];
    const real = globalThis.setTimeout;
    const done = deferred();
    globalThis.setTimeout = ((fn: () => void, ms: number) => {
      delays.push(ms);
      return real(() => {
        now += ms + lateMs;
        fn();
      }, 0);
    }) as unknown as typeof setTimeout;
    try {
      for (let i = 0; i < jobs; i++) pool.submit({ serviceMs, done: () => (order.push(i), i === jobs - 1 && done.resolve()) });
      await done.promise;
    } finally {
      globalThis.setTimeout = real;
    }
    return { delays, order };
  }

  it('keeps service on a virtual clock: queued jobs start when the worker freed in simulated time', async () => {
    // Every timer fires 3 ms late: lateness must not accumulate.
    // First job: 10 ms. Each next job starts at the previous virtual end, 3 ms in the past → 7 ms timers.
    expect(await withLateTimers(3, 4, 10)).toEqual({ delays: [10, 7, 7, 7], order: [0, 1, 2, 3] });
  });

  it('completes a remainder under 1 ms on the next turn instead of a 1 ms timer (Node rounds those up)', async () => {
    // Job 0: timer 10, fires at 19.5. Job 1: virtual 10→20, 0.5 ms left → setImmediate.
    // Job 2: virtual 20→30 at now 19.5 → timer 10.5.
    expect(await withLateTimers(9.5, 3, 10)).toEqual({ delays: [10, 10.5], order: [0, 1, 2] });
  });
});
