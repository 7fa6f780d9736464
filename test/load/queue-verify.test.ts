import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/analysis-cli.js';

describe('capplan queue --verify (built CLI, built-in target on 127.0.0.1)', () => {
  it('50/s × 20 ms on 2 servers, 5× for 1 s: the recommended queue (167) rejects nothing, a 20% smaller one (133) rejects some', async () => {
    const r = await runCli(['queue', '--rate', '50', '--service-time', '20ms', '--servers', '2', '--spike', '5x', '--spike-duration', '1s', '--margin', '10%', '--verify', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout).verify;
    // Logical: the queues and the capacity both sides use.
    expect([v.recommended.queue, v.undersized.queue, v.capacity.perSec, v.capacity.servers]).toEqual([167, 133, 100, 2]);
    expect(v.capacity.definition).toMatch(/servers ÷ service time = 2 ÷ 20 ms = 100 req\/s/);
    // Physical: the fluid model expects 149 waiting at the peak, so 16 over the smaller queue; generous bounds.
    expect(v.recommended.rejected).toBe(0);
    expect(v.undersized.rejected).toBeGreaterThan(0);
    expect(v.undersized.rejected).toBeLessThan(60);
    expect(v.confirmed).toBe(true);
    // Every arrival of the drive was served or rejected: 2 s × 50 + 1 s × 250 + 4 s × 50 = 550 (+1 probe).
    expect(v.recommended.served + v.recommended.rejected).toBeGreaterThanOrEqual(550);
  }, 60_000);

  it.each([
    [['--rate', '50', '--service-time', '20ms', '--servers', '2', '--verify'], /--verify checks a spike/],
    [['--rate', '50', '--service-time', '20ms', '--servers', '10', '--spike', '2x', '--spike-duration', '1s', '--verify'], /fits the capacity/],
    [['--rate', '50', '--service-time', '20ms', '--capacity', '125', '--spike', '4x', '--spike-duration', '1s', '--verify'], /2\.5 is not a whole number of servers/],
  ])('refuses a check that cannot test the formula: %j', async (args, message) => {
    const r = await runCli(['queue', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
