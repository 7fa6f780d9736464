// Run wrk2 (benchmarks only: built by ../shared/peers/build-wrk2.sh into /tmp/wrk2/wrk, or the
// path in $WRK2) at a fixed rate with its corrected latency distribution (-L), and read req/s,
// p50/p99 latency (ms, from the intended send time, as capplan's open model) and its CPU time.
// Returns null when wrk2 is not there: the suite and the bench never need it.
import { existsSync } from 'node:fs';
import { runWithTimes } from './times.js';

export const WRK2 = process.env.WRK2 ?? '/tmp/wrk2/wrk';

export function hasWrk2() {
  return existsSync(WRK2);
}

/** `1.23ms`, `812.00us`, `2.01s`, `1.5m` → ms. */
function toMs(v, unit) {
  const x = Number(v);
  return unit === 'us' ? x / 1000 : unit === 'ms' ? x : unit === 's' ? x * 1000 : unit === 'm' ? x * 60_000 : NaN;
}

export async function runWrk2(url, { threads = 1, connections = 16, rate = 30_000, durationSec = 6 } = {}) {
  if (!hasWrk2()) return null;
  const cmd = `${WRK2} -t${threads} -c${connections} -d${durationSec}s -R${rate} -L ${JSON.stringify(url)}`;
  const { out, cpuUs } = await runWithTimes(cmd);
  const pct = (p) => {
    const m = new RegExp(`^\\s*${p.replace('.', '\\.')}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return m ? toMs(m[1], m[2]) : NaN;
  };
  const rps = /Requests\/sec:\s*([\d.]+)/.exec(out);
  const total = /(\d+) requests in ([\d.]+)(m?s)/.exec(out);
  if (!rps || !total) throw new Error(`could not read wrk2 output:\n${out}`);
  return { command: `wrk2 -t${threads} -c${connections} -d${durationSec}s -R${rate} -L`, rps: Number(rps[1]), requests: Number(total[1]), p50Ms: pct('50.000'), p99Ms: pct('99.000'), cpuUs };
}
