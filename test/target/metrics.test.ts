/**
 * The built-in target's `nodejs_gc_duration_seconds` counts every collection: prom-client's own histogram observes
 * only the first entry of each batch its PerformanceObserver receives, so full collections that end an incremental
 * marking were lost and the soak verdict saw too few of them. Checked against a second observer of the same entries.
 */
import { describe, expect, it } from 'vitest';
import { PerformanceObserver } from 'node:perf_hooks';
import type { Registry } from 'prom-client';
import { targetRegistry } from '../../src/target/metrics.js';

const sources = { stats: () => ({ served: 0, rejected: 0, abandoned: 0, queueLength: 0, busyWorkers: 0, workers: 1 }) as never, chaos: () => ({ injected: {} }) as never, leakedBytes: () => 0 };

/** Total `nodejs_gc_duration_seconds_count` over every kind, from the registry's text exposition. */
function gcCount(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/^nodejs_gc_duration_seconds_count\{kind="[a-z]+"\} (\d+)$/gm)) n += Number(m[1]);
  return n;
}

describe('target metrics: nodejs_gc_duration_seconds', () => {
  it('counts every garbage collection the process runs, as an independent observer of the same entries does', async () => {
    const register: Registry = targetRegistry(sources);
    let seen = 0;
    const obs = new PerformanceObserver((list) => (seen += list.getEntries().length));
    obs.observe({ entryTypes: ['gc'] });
    /** The registry's count and the observer's, read while no entry arrived (a scrape allocates, so it may collect). */
    const both = async (): Promise<{ counted: number; seen: number }> => {
      for (;;) {
        const s = seen;
        const counted = gcCount(await register.metrics());
        if (seen === s) return { counted, seen: s };
      }
    };
    const start = await both();
    // allocate garbage until the young generation has been collected many times
    let keep: unknown[] = [];
    for (let i = 0; i < 3_000_000; i++) {
      keep.push({ i, s: `x${i}` });
      if (keep.length > 10_000) keep = [];
    }
    // entries are delivered asynchronously: poll (bounded) until both have them
    const until = Date.now() + 5000;
    let end = await both();
    while ((end.seen - start.seen < 5 || end.counted - start.counted !== end.seen - start.seen) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
      end = await both();
    }
    obs.disconnect();
    expect(end.seen - start.seen).toBeGreaterThanOrEqual(5);
    expect(end.counted - start.counted).toBe(end.seen - start.seen);
  });
});
