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
   * Run `jobs` jobs of `serviceMs` on one worker with a fake clock and a setTimeout spy whose
   * timers all fire `lateMs` late (early when negative); every setImmediate turn advances the
   * clock by 0.25 ms. Returns the setTimeout delays asked for, the completion order and the
   * clock at each completion.
   */
  async function withLateTimers(lateMs: number, jobs: number, serviceMs: number): Promise<{ delays: number[]; order: number[]; doneAt: number[] }> {
    let now = 0;
    const pool = new WorkerPool(1, 10, () => now);
    const delays: number[] = [];
    const order: number[] = [];
    const doneAt: number[] = [];
    const real = globalThis.setTimeout;
    const realImmediate = globalThis.setImmediate;
    const done = deferred();
    globalThis.setTimeout = ((fn: () => void, ms: number) => {
      delays.push(ms);
      return real(() => {
        now += ms + lateMs;
        fn();
      }, 0);
    }) as unknown as typeof setTimeout;
    globalThis.setImmediate = ((fn: () => void) =>
      realImmediate(() => {
        now += 0.25;
        fn();
      })) as unknown as typeof setImmediate;
    try {
      for (let i = 0; i < jobs; i++) pool.submit({ serviceMs, done: () => (order.push(i), doneAt.push(now), i === jobs - 1 && done.resolve()) });
      await done.promise;
    } finally {
      globalThis.setTimeout = real;
      globalThis.setImmediate = realImmediate;
    }
    return { delays, order, doneAt };
  }

  it('keeps service on a virtual clock: queued jobs start when the worker freed in simulated time', async () => {
    // Every timer fires 3 ms late: lateness must not accumulate.
    // First job: 10 ms. Each next job starts at the previous virtual end, 3 ms in the past → 7 ms timers.
    expect(await withLateTimers(3, 4, 10)).toMatchObject({ delays: [10, 7, 7, 7], order: [0, 1, 2, 3] });
  });

  it('waits out a remainder under 1 ms on event-loop turns, never completing before the virtual end', async () => {
    // Job 0: timer 10, fires at 19.5. Job 1: virtual 10→20, 0.5 ms left → turns until the clock reaches 20.
    // Job 2: virtual 20→30 at now 20 → timer 10.
    const r = await withLateTimers(9.5, 3, 10);
    expect(r).toMatchObject({ delays: [10, 10], order: [0, 1, 2] });
    expect(r.doneAt[1]).toBeGreaterThanOrEqual(20);
  });

  it.each([0.6, 0.9])('a timer firing %f ms early (the cached millisecond clock) is rechecked: no job completes before its service time', async (early) => {
    const r = await withLateTimers(-early, 4, 10);
    expect(r.order).toEqual([0, 1, 2, 3]);
    r.doneAt.forEach((t, i) => expect(t).toBeGreaterThanOrEqual(10 * (i + 1)));
  });
});
