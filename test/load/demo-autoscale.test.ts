import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../cli/analysis-cli.js';
import { useTempDir } from '../cli/cli-helpers.js';

describe('capplan demo --autoscale, then autoscale --compare (built CLI, 127.0.0.1)', () => {
  const tmp = useTempDir('capplan-demo-autoscale-');

  it('the live target scales up on the spike; the replay of its ticks matches the measured workers', async () => {
    const out = tmp.path('demo.json');
    // spike.yaml × 0.01 (10.5 s), users × 0.1: 500 users at the spike offer ~460 req/s to 33 req/s workers.
    const r = await runCli(['demo', '--autoscale', '--scale', '0.01', '--users', '0.1', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Workers against load \(the live auto-scaler\)/);
    expect(r.stdout).toMatch(/spike starts at [\d.]+ s( \(\d+ scale-ups? before it, during the ramp\))?; first scale-up after it started at/);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    const samples: Array<{ tSec: number; workers: number; action: string }> = result.autoscale.samples;
    expect(result.autoscale.config).toMatchObject({ minWorkers: 2, maxWorkers: 64, upCooldownSec: 1, downCooldownSec: 5 });
    // Logical: sizes are min × 2^k within bounds. Physical: the spike needs well above 8 workers.
    expect(samples.every((s) => [2, 4, 8, 16, 32, 64].includes(s.workers))).toBe(true);
    expect(Math.max(...samples.map((s) => s.workers))).toBeGreaterThanOrEqual(16);
    // The load scraped the target's own series each second, for the report's charts: the same sizes.
    const series = new Map<string, { max: number[] }>(result.monitor.series.map((x: { name: string; max: number[] }) => [x.name, x]));
    expect([...series.keys()].sort()).toEqual(['capplan_target_busy_workers', 'capplan_target_queue_length', 'capplan_target_utilisation', 'capplan_target_workers']);
    expect(series.get('capplan_target_workers')!.max.every((w) => [2, 4, 8, 16, 32, 64].includes(w))).toBe(true);

    const c = await runCli(['autoscale', '--compare', out, '--format', 'json']);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    const cmp = JSON.parse(c.stdout);
    expect(cmp.rows.length).toBeGreaterThan(5);
    // The same rule on the same measured rates: only timer jitter at a cooldown boundary can differ.
    expect(cmp.agreement).toBeGreaterThan(0.8);
    expect(cmp.peakSimulated).toBe(cmp.peakMeasured);
  }, 90_000);

  it('--compare on a result without auto-scaler ticks says how to record one (exit 2)', async () => {
    const plain = tmp.write('plain.json', JSON.stringify({ kind: 'capplan-result' }));
    const r = await runCli(['autoscale', '--compare', plain]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/record a run with `capplan demo --autoscale`/);
  });
});
