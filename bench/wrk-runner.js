// Run wrk (when installed) and read its req/s and request count; CPU time from bash `times`
// (bench/times.js). Returns { rps, requests, durationSec, cpuUs }.
import { runWithTimes } from './times.js';

export async function runWrk(url, { threads = 2, connections = 50, durationSec = 10 } = {}) {
  const { out, cpuUs } = await runWithTimes(`wrk -t${threads} -c${connections} -d${durationSec}s ${JSON.stringify(url)}`);
  const rps = /Requests\/sec:\s*([\d.]+)/.exec(out);
  const total = /(\d+) requests in ([\d.]+)(m?s)/.exec(out);
  if (!rps || !total) throw new Error(`could not read wrk output:\n${out}`);
  return { rps: Number(rps[1]), requests: Number(total[1]), durationSec: Number(total[2]) / (total[3] === 'ms' ? 1000 : 1), cpuUs };
}
