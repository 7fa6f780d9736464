import { describe, expect, it } from 'vitest';
import { stepProgress } from '../../src/render/step-progress.js';

describe('stepProgress', () => {
  it('in logs: [k/n · ETA] before each step line, ETA = steps left × seconds per step', () => {
    const p = stepProgress(4, 2.5, false);
    // whole seconds: 7.5 s and 2.5 s left round to 8 s and 3 s
    expect(['a', 'b', 'c', 'd'].map((l) => p(`  ${l}`))).toEqual(['[1/4 · ETA 8 s]  a', '[2/4 · ETA 5 s]  b', '[3/4 · ETA 3 s]  c', '[4/4 · ETA 0 s]  d']);
  });

  it('on a terminal: a 12-cell bar', () => {
    const p = stepProgress(2, 1, true);
    expect(p('x')).toBe('██████░░░░░░ 1/2 · ETA 1 s  x');
    expect(p('y')).toBe('████████████ 2/2 · ETA 0 s  y');
  });

  it('an upper bound (a sweep that stops at the first degraded level) says so', () => {
    const p = stepProgress(6, 1, false, true);
    expect(p('x')).toBe('[1/≤6 · ETA ≤ 5 s]  x');
  });
});
