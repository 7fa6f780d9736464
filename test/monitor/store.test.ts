import { describe, expect, it } from 'vitest';
import { SeriesStore } from '../../src/monitor/store.js';

describe('SeriesStore', () => {
  it('keeps one point per second bucket with mean, min, max and count', () => {
    const s = new SeriesStore();
    for (const [t, v] of [[0.1, 10], [0.9, 20], [1.2, 5], [3.5, 7]]) s.add('k', 'm', {}, 'src', t, v);
    const [d] = s.snapshot();
    expect(d).toMatchObject({ name: 'm', stepSec: 1, t: [0, 1, 3], mean: [15, 5, 7], min: [10, 5, 7], max: [20, 5, 7], n: [2, 1, 1] });
  });

  it('a 24 h run at 1 s fits in 2 048 points per series: the step doubles to 64 s, mean/min/max stay exact', () => {
    const s = new SeriesStore({ capacity: 2048 });
    const seconds = 86_400;
    for (let t = 0; t < seconds; t++) s.add('k', 'm', {}, 'src', t + 0.5, t);
    const [d] = s.snapshot();
    expect(d.stepSec).toBe(64);
    expect(d.t.length).toBe(Math.ceil(seconds / 64)); // 1350
    expect(d.t.length).toBeLessThanOrEqual(2048);
    // bucket k holds t = 64k .. 64k+63: mean 64k + 31.5, min 64k, max 64k + 63
    for (const k of [0, 700, 1349]) {
      expect(d.t[k]).toBe(64 * k);
      expect(d.mean[k]).toBeCloseTo(64 * k + 31.5, 9);
      expect(d.min[k]).toBe(64 * k);
      expect(d.max[k]).toBe(64 * k + 63);
    }
    expect(d.n.reduce((a, b) => a + b, 0)).toBe(seconds);
  });

  it('counts series beyond maxSeries instead of keeping them; skips NaN and late samples', () => {
    const s = new SeriesStore({ maxSeries: 2 });
    for (const k of ['a', 'b', 'c', 'd']) s.add(k, k, {}, 'src', 0, 1);
    s.add('a', 'a', {}, 'src', 5, NaN);
    s.add('a', 'a', {}, 'src', 3, 2);
    s.add('a', 'a', {}, 'src', 1, 9);
    expect(s.droppedSeries).toBe(2);
    const snap = s.snapshot();
    expect(snap.map((x) => x.name)).toEqual(['a', 'b']);
    expect(snap[0].t).toEqual([0, 3]);
  });
});
