/**
 * `capplan target --heap-growth P`: a whole percentage from 1% to 1000% (V8's --heap-growing-percent is an integer);
 * anything else is bad usage (exit 2) before the target starts.
 */
import { describe, expect, it } from 'vitest';
import { heapGrowthFlag } from '../../src/cli/commands/target.js';
import { UsageError } from '../../src/errors.js';
import { runCapplan } from '../helpers/cli.js';

describe('--heap-growth', () => {
  it.each([
    { raw: '2%', pct: 2 },
    { raw: ' 20% ', pct: 20 },
    { raw: '7%', pct: 7 },
    { raw: '1000%', pct: 1000 },
  ])('$raw → $pct', ({ raw, pct }) => {
    expect(heapGrowthFlag('--heap-growth', raw)).toBe(pct);
  });

  it.each(['0%', '1001%', '2.5%', '0.02', '2', 'x%', '', '-5%'])('"%s" is refused naming the flag and the range', (raw) => {
    expect(() => heapGrowthFlag('--heap-growth', raw)).toThrow(UsageError);
    expect(() => heapGrowthFlag('--heap-growth', raw)).toThrow(/--heap-growth: expected a whole percentage from 1% to 1000%/);
  });

  it('the CLI exits 2 on a bad value, with no stack trace', async () => {
    const r = await runCapplan(['target', '--port', '0', '--heap-growth', '2.5%']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--heap-growth: expected a whole percentage/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
