/**
 * The sample metrics under profiles/ are generated deterministically here (seeded PRNG).
 * metrics-daily.csv is shaped like the guide's §17.5.1 example: 90 daily rows from
 * 2024-01-01 with requests per day, CPU %, memory GB and p99 latency. metrics-rps.csv is
 * 4 weeks of hourly peak request rates with a daily cycle, for `peakFrom` in a fleet file.
 * Regenerate with UPDATE_GOLDEN=1.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seeded } from '../helpers/synthetic-result.js';
import { expectGoldenFile } from '../helpers/golden.js';


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

/**
 * 28 days × 24 hours from 2024-03-04 (a Monday): peak rps = 2500 + 15 per day, a daily cycle
 * of ±1200 peaking at 14:00 UTC, 10 % less at weekends, noise σ = 100.
 */
export function metricsRpsCsv(): string {
  const z = normal(seeded(20240304));
  const rows = ['timestamp,peak_rps'];
  const start = Date.UTC(2024, 2, 4);
  for (let h = 0; h < 28 * 24; h++) {
    const t = new Date(start + h * 3_600_000);
    const day = h / 24;
    const weekend = t.getUTCDay() === 0 || t.getUTCDay() === 6;
    const rps = (2500 + 15 * day + 1200 * Math.cos((2 * Math.PI * (t.getUTCHours() - 14)) / 24)) * (weekend ? 0.9 : 1) + 100 * z();
    rows.push(`${t.toISOString().slice(0, 16)}Z,${Math.round(rps)}`);
  }
  return rows.join('\n') + '\n';
}

describe.each([
  ['metrics-daily.csv', metricsDailyCsv],
  ['metrics-rps.csv', metricsRpsCsv],
])('profiles/%s', (name, generate) => {
  it('is exactly what the seeded generator produces', () => {
    expectGoldenFile(fileURLToPath(new URL(`../../profiles/${name}`, import.meta.url)), generate());
  });
});
