/**
 * profiles/metrics-daily.csv is generated deterministically here (seeded PRNG), in the
 * shape of the guide's §17.5.1 example: 90 daily rows from 2024-01-01 with requests per
 * day, CPU %, memory GB and p99 latency. Regenerate with UPDATE_GOLDEN=1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seeded } from '../helpers/synthetic-result.js';

const FILE = new URL('../../profiles/metrics-daily.csv', import.meta.url);

/** Standard normal draws by Box–Muller from a seeded uniform source. */
function normal(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/**
 * 90 days: requests grow 25 % with a weekend dip; CPU 40 % rising 0.25 points/day with a
 * weekday bump (weekly cycle) and noise σ = 2; memory flat around 8 GB (σ = 1, as in the
 * guide); p99 latency 50 ms ± 10 ms, no trend.
 */
export function metricsDailyCsv(): string {
  const z = normal(seeded(20240101));
  const rows = ['timestamp,requests_per_day,cpu_avg,memory_gb,latency_p99_ms'];
  for (let i = 0; i < 90; i++) {
    const date = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    const dow = new Date(Date.UTC(2024, 0, 1 + i)).getUTCDay(); // 0 = Sunday
    const weekend = dow === 0 || dow === 6;
    const requests = Math.round(100_000 * (1 + (0.25 * i) / 90) * (weekend ? 0.85 : 1.04) + 1500 * z());
    const cpu = 40 + 0.25 * i + (weekend ? -5 : 2) + 2 * z();
    const memory = 8 + z();
    const p99 = 50 + 10 * z();
    rows.push([date, requests, cpu.toFixed(2), memory.toFixed(2), p99.toFixed(1)].join(','));
  }
  return rows.join('\n') + '\n';
}

describe('profiles/metrics-daily.csv', () => {
  it('is exactly what the seeded generator produces', () => {
    const text = metricsDailyCsv();
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(FILE, text);
    expect(readFileSync(FILE, 'utf8')).toBe(text);
  });
});
