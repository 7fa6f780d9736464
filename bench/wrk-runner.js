// Run wrk (when installed) under `bash -c 'wrk …; times'`: bash's `times` builtin
// prints the CPU time of its finished children (user and system), which is wrk's
// own CPU time. Returns { rps, requests, durationSec, cpuUs } or null without wrk.
import { spawn } from 'node:child_process';

function seconds(s) {
  const m = /(\d+)m([\d.]+)s/.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

export async function runWrk(url, { threads = 2, connections = 50, durationSec = 10 } = {}) {
  const cmd = `wrk -t${threads} -c${connections} -d${durationSec}s ${JSON.stringify(url)}; times`;
  const out = await new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', cmd], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.once('error', reject);
    child.once('exit', () => resolve(text));
  });
  const rps = /Requests\/sec:\s*([\d.]+)/.exec(out);
  const total = /(\d+) requests in ([\d.]+)(m?s)/.exec(out);
  const timesLines = out.trim().split('\n').slice(-1)[0].trim().split(/\s+/);
  if (!rps || !total) throw new Error(`could not read wrk output:\n${out}`);
  const cpuSec = seconds(timesLines[0]) + seconds(timesLines[1]);
  return {
    rps: Number(rps[1]),
    requests: Number(total[1]),
    durationSec: Number(total[2]) / (total[3] === 'ms' ? 1000 : 1),
    cpuUs: cpuSec * 1e6,
  };
}
