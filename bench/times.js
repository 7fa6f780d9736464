// Run a shell command under `bash -c '<cmd>; times'`: bash's `times` builtin prints the CPU time
// of its finished children (user and system), i.e. the command's own CPU time, whatever it is
// written in. Returns { out, cpuUs, wallMs } (out: stdout + stderr without the `times` lines).
import { spawn } from 'node:child_process';

function seconds(s) {
  const m = /(\d+)m([\d.]+)s/.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

export async function runWithTimes(cmd, { cwd } = {}) {
  const t0 = performance.now();
  const text = await new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `${cmd}; times`], { stdio: ['ignore', 'pipe', 'pipe'], cwd });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', () => resolve(out));
  });
  const wallMs = performance.now() - t0;
  const lines = text.trim().split('\n');
  // `times` prints two lines: the shell's own times, then its children's (user system).
  const children = lines[lines.length - 1].trim().split(/\s+/);
  return { out: lines.slice(0, -2).join('\n'), cpuUs: (seconds(children[0]) + seconds(children[1])) * 1e6, wallMs };
}
