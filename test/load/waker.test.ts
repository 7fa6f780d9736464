/**
 * Waker (issue 13, scheduling precision): a wake thread sleeping in Atomics.wait posts a message at the instant the
 * worker asked for, finer than Node's 1 ms timers. Logical checks (one wake per request, never early, a later
 * request replaces an earlier one, nothing after close) plus a generous physical bound; the precision itself is
 * measured by `npm run bench` (lateness at 10 000 req/s), never here.
 */
import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { Waker } from '../../src/load/waker.js';

/** Resolve when `cond` holds (polled every 5 ms), or after `ms`. */
async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!cond() && performance.now() < end) await new Promise((r) => setTimeout(r, 5));
}

describe('Waker', () => {
  it('wakes once per request, never before the instant asked for', async () => {
    const woke: number[] = [];
    const w = new Waker(() => woke.push(performance.now()));
    try {
      const at = performance.now() + 20.5;
      w.wakeAt(at);
      await until(() => woke.length > 0, 5000);
      await new Promise((r) => setTimeout(r, 50));
      expect(woke).toHaveLength(1);
      // the two threads read the same clock (timeOrigin + now): a wake never comes early (0.2 ms for clock rounding)
      expect(woke[0]).toBeGreaterThanOrEqual(at - 0.2);
      expect(woke[0] - at).toBeLessThan(1000);
    } finally {
      await w.close();
    }
  }, 10_000);

  it('a new request replaces the one pending: an earlier instant brings the wake forward, and it comes once', async () => {
    const woke: number[] = [];
    const w = new Waker(() => woke.push(performance.now()));
    try {
      const t0 = performance.now();
      w.wakeAt(t0 + 400);
      w.wakeAt(t0 + 10);
      await until(() => woke.length > 0, 5000);
      await new Promise((r) => setTimeout(r, 600));
      expect(woke).toHaveLength(1);
      expect(woke[0]).toBeGreaterThanOrEqual(t0 + 10 - 0.2);
      expect(woke[0]).toBeLessThan(t0 + 400);
    } finally {
      await w.close();
    }
  }, 10_000);

  it('after close, requests are ignored and nothing wakes', async () => {
    let n = 0;
    const w = new Waker(() => n++);
    await w.close();
    w.wakeAt(performance.now() + 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(n).toBe(0);
  });
});
