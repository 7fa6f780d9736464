/**
 * Issue 14 §2: every analysis command's console output fits the terminal. Each command runs as a user runs it
 * (the built CLI, stdout not a terminal, COLUMNS set) at 100 and 80 columns; its widest line must fit.
 * (gate and compare: test/gate/fit.test.ts; the load summary and report: test/load/console-summary.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { runCapplan } from '../helpers/cli.js';
import { maxLineWidth } from '../../src/render/width.js';

const COMMANDS: ReadonlyArray<[string, string[]]> = [
  ["queue (Little's Law + Erlang C)", ['queue', '--rate', '1000', '--service-time', '10ms', '--servers', '12']],
  ['queue (target wait)', ['queue', '--rate', '1000', '--target-wait', '20ms', '--service-time', '10ms']],
  ['saturation', ['saturation', 'profiles/usl-raytracer.csv']],
  ['forecast', ['forecast', 'profiles/metrics-daily.csv']],
  ['cost', ['cost', 'profiles/fleet.yaml']],
  ['slo', ['slo', '--objective', '99.9%', '--error-rate', '0.2%']],
  ['profiles (the shipped profiles)', ['profiles']],
  ['autoscale (seed policy)', ['autoscale', '--demand', 'profiles/demand-spike.csv', '--capacity', '100']],
  ['autoscale (HPA behaviour)', ['autoscale', '--demand', 'profiles/demand-spike.csv', '--capacity', '100', '--policy', 'hpa', '--behavior', 'profiles/hpa-behavior.yaml']],
];

describe.each([100, 80])('analysis commands fit %i columns', (columns) => {
  it.each(COMMANDS)('%s', async (_name, args) => {
    const r = await runCapplan(args, { env: { COLUMNS: String(columns) } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').length).toBeGreaterThan(5);
    expect(maxLineWidth(r.stdout)).toBeLessThanOrEqual(columns);
  });
});
