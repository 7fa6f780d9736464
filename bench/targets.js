// Start the bench's local target: nginx when installed (temp config, free port,
// a small static response), otherwise bench/fast-server.js in its own process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Absolute path of a command on PATH, or null. */
export function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (Linux's USER_HZ, 100 on every mainstream build). */
const CLK_TCK = 100;

/**
 * CPU time (user + system, ms) of process `pid` and all its descendants so far, from /proc; null where /proc is
 * missing. For nginx that is the master and its worker process: how busy the target was during a run.
 */
export function processTreeCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command (which may hold spaces and parentheses): ") state ppid … utime(14) stime(15)"
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let ms = ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const c of children ? children.split(' ') : []) ms += processTreeCpuMs(Number(c)) ?? 0;
    return ms;
  } catch {
    return null;
  }
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`target ${url} did not come up`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Signal a child process and wait until it has exited (at once if it already has). */
async function stopChild(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

async function startNginx(bin) {
  const dir = mkdtempSync(join(tmpdir(), 'capplan-bench-nginx-'));
  const port = await freePort();
  const conf = `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
worker_rlimit_nofile 17000;
events { worker_connections 16000; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  server {
    listen 127.0.0.1:${port};
    location / { default_type text/plain; return 200 "hello, world\\n"; }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn(bin, ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitReady(url);
  } catch (e) {
    child.kill('SIGTERM');
    throw new Error(`${e.message}: ${err || (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '')}`);
  }
  return {
    name: 'nginx (1 worker process)',
    url,
    cpuMs: () => processTreeCpuMs(child.pid),
    close: async () => {
      await stopChild(child, 'SIGQUIT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startNodeServer() {
  const child = spawn(process.execPath, [new URL('./fast-server.js', import.meta.url).pathname, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`fast-server exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitReady(url);
  return {
    name: 'node:http (bench/fast-server.js, separate process)',
    url,
    cpuMs: () => processTreeCpuMs(child.pid),
    close: () => stopChild(child, 'SIGTERM'),
  };
}

/** Start nginx if installed (and not disabled), else the node:http fast server. */
export async function startLocalTarget({ preferNginx = true } = {}) {
  const nginx = preferNginx ? which('nginx') : null;
  if (nginx) {
    try {
      return await startNginx(nginx);
    } catch (e) {
      process.stderr.write(`bench: nginx failed to start (${e.message.split('\n')[0]}); using node:http instead\n`);
    }
  }
  return startNodeServer();
}
