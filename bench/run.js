#!/usr/bin/env node
// capplan benchmarks (`npm run bench`, after a build). Plain ESM over ../dist.
//
//   node bench/run.js [--quick] [--only throughput,lateness,memory] [--duration 10]
//                     [--rate 10000] [--memory-duration 120] [--memory-rate 3000] [--no-nginx]
//                     [--capplan-workers N] [--rounds 3]
//
// 1. Throughput: closed model, 50 connections/users, no think time, against a local
//    target (nginx if installed, else bench/fast-server.js in its own process):
//    capplan vs autocannon (-c 50) vs wrk (-t2 -c50, when installed), same target,
//    same duration, one after another. Each generator runs in its own process; its
//    CPU time is that process's user+system time (process.cpuUsage() for the node
//    ones, which includes worker threads; bash `times` for wrk).
// 2. Scheduling lateness: open model at --rate req/s, uniform arrivals.
// 3. Memory: open model at --memory-rate req/s; RSS and heapUsed sampled.
import { spawn } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { renderDoc } from '../dist/render/document.js';
import { startLocalTarget, which } from './targets.js';
import { runWrk } from './wrk-runner.js';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const value = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const quick = flag('quick');
const cfg = {
  durationSec: Number(value('duration', quick ? 5 : 10)),
  rounds: Number(value('rounds', quick ? 1 : 3)),
  users: Number(value('users', 50)),
  rate: Number(value('rate', 10_000)),
  latenessSec: Number(value('lateness-duration', quick ? 5 : 10)),
  memorySec: Number(value('memory-duration', quick ? 20 : 120)),
  memoryRate: Number(value('memory-rate', 3000)),
  memoryEverySec: Number(value('memory-every', quick ? 5 : 10)),
  only: new Set(value('only', 'throughput,lateness,memory').split(',')),
  /** capplan worker threads (default: runLoad's own choice). */
  capplanWorkers: value('capplan-workers') ? Number(value('capplan-workers')) : undefined,
};
const withWorkers = (spec) => JSON.stringify(cfg.capplanWorkers ? { ...spec, workers: cfg.capplanWorkers } : spec);

const here = new URL('.', import.meta.url).pathname;
const r1 = (x) => Math.round(x * 10) / 10;
const r2 = (x) => Math.round(x * 100) / 100;

/** Run a node script as a child and parse the last JSON line it prints. */
function runChild(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [here + script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop();
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`${script} exited ${code} without a JSON result:\n${out}`));
      }
    });
  });
}

function print(doc) {
  process.stdout.write(renderDoc(doc, 'console') + '\n');
}

/** The run with the median req/s of several rounds. */
function median(runs) {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

async function throughput(url, targetName) {
  // Rounds interleave the generators (capplan, autocannon, wrk, capplan, …) so a burst of
  // other work on the machine hits all of them; each row is the round with the median req/s.
  const runs = { capplan: [], autocannon: [], wrk: [] };
  const hasWrk = which('wrk') !== null;
  for (let round = 1; round <= cfg.rounds; round++) {
    const tag = cfg.rounds > 1 ? ` (round ${round}/${cfg.rounds})` : '';
    process.stderr.write(`bench: capplan closed model, ${cfg.users} users, ${cfg.durationSec}s${tag}…\n`);
    const cap = await runChild('capplan-runner.js', [withWorkers({ url, model: 'closed', level: cfg.users, durationSec: cfg.durationSec })]);
    runs.capplan.push({ rps: cap.summary.total.achievedRate, requests: cap.summary.total.count, cpuUs: cap.cpuUs, cap });
    process.stderr.write(`bench: autocannon -c ${cfg.users} -d ${cfg.durationSec}${tag}…\n`);
    runs.autocannon.push(await runChild('autocannon-runner.js', [url, String(cfg.users), String(cfg.durationSec)]));
    if (hasWrk) {
      process.stderr.write(`bench: wrk -t2 -c${cfg.users} -d${cfg.durationSec}s${tag}…\n`);
      runs.wrk.push(await runWrk(url, { threads: 2, connections: cfg.users, durationSec: cfg.durationSec }));
    }
  }
  const cap = median(runs.capplan);
  const ac = median(runs.autocannon);
  const wrk = hasWrk ? median(runs.wrk) : null;
  const all = (list) => list.map((r) => r1(r.rps)).join(' / ');
  const c = cap.cap;
  const rows = [
    ['capplan', `closed model, ${cfg.users} users, ${c.environment.workers} worker thread(s) × ${c.environment.connections} conns`, r1(cap.rps), all(runs.capplan), r2(cap.cpuUs / cap.requests), r1(c.summary.total.latencyMs.p50), r1(c.summary.total.latencyMs.p99)],
    ['autocannon', `-c ${cfg.users} -d ${cfg.durationSec}`, r1(ac.rps), all(runs.autocannon), r2(ac.cpuUs / ac.requests), null, null],
  ];
  if (wrk) rows.push(['wrk', `-t2 -c${cfg.users} -d${cfg.durationSec}s`, r1(wrk.rps), all(runs.wrk), r2(wrk.cpuUs / wrk.requests), null, null]);
  const ratioAc = cap.rps / ac.rps;
  const notes = [
    `target: ${targetName} at ${url}`,
    `capplan/autocannon = ${r2(ratioAc)}× (goal ≥ 1.2×)${wrk ? `; capplan/wrk = ${r2(cap.rps / wrk.rps)}×` : '; wrk not installed'} (medians of ${cfg.rounds} round(s))`,
    'CPU µs/response = generator process user+system CPU time ÷ responses (capplan: process.cpuUsage() of its child process incl. worker threads and their start-up; autocannon: the same; wrk: bash `times`)',
  ];
  print({
    title: `Throughput: closed model, ${cfg.users} users, no think time, ${cfg.durationSec}s each`,
    sections: [{ notes, table: { columns: ['generator', 'settings', 'req/s (median)', 'req/s per round', 'CPU µs/response', 'p50 ms', 'p99 ms'], rows } }],
    data: { rows },
  });
  return { capplanRps: cap.rps, autocannonRps: ac.rps, wrkRps: wrk?.rps ?? null, ratioAutocannon: ratioAc };
}

/** Lateness rows of one summary: the mean is exact, quantiles approximate (see lateness()). */
function latenessRow(label, t) {
  const lat = t.latencyMs;
  const svc = t.serviceMs;
  return [label, r1(t.achievedRate), t.dropped, `${t.late} (${r2((100 * t.late) / Math.max(1, t.sent))}%)`, r2(lat.mean - svc.mean), r2(lat.p50 - svc.p50), r2(lat.p99 - svc.p99), r2(lat.max), r2(lat.p99)];
}

async function lateness(url) {
  process.stderr.write(`bench: capplan open model, ${cfg.rate} req/s, ${cfg.latenessSec}s…\n`);
  const steadyFromSec = 2;
  const r = await runChild('capplan-runner.js', [withWorkers({ url, model: 'open', level: cfg.rate, durationSec: cfg.latenessSec, lateThresholdMs: 10, steadyFromSec })]);
  const t = r.summary.total;
  // lateness = latency (from intended send) − service (from actual send), per request.
  // Its mean is exact: E[L − S] = E[L] − E[S]. Quantiles from two marginal histograms
  // are an approximation: q(L) − q(S); the max is bounded by the largest latency.
  const rows = [latenessRow('whole run', t)];
  if (r.steady && r.steady.seconds > 0) rows.push(latenessRow(`steady (t ≥ ${steadyFromSec}s, ${r.steady.seconds}s)`, r.steady.total));
  print({
    title: `Scheduling lateness: open model, ${cfg.rate} req/s uniform arrivals, ${cfg.latenessSec}s`,
    sections: [
      {
        notes: [
          `scheduled ${t.scheduled}, sent ${t.sent}, completed ${t.count}; late = sent > 10 ms after the intended time`,
          'lateness = actual send − intended send, ms: mean exact (mean latency − mean service); p50/p99 ≈ latency quantile − service quantile; max ≤ max latency',
          `generator CPU ${r2(r.cpuUs / Math.max(1, t.count))} µs/response; ${r.environment.workers} worker thread(s) × ${r.environment.connections} conns`,
          'the first seconds include opening the connections and JIT warm-up; the steady row leaves them out',
        ],
        table: { columns: ['window', 'achieved req/s', 'dropped', 'late', 'lateness mean', 'lateness p50 ≈', 'lateness p99 ≈', 'lateness max ≤', 'latency p99 ms'], rows },
      },
    ],
    data: { rows },
  });
  return { achievedRps: t.achievedRate, dropped: t.dropped, late: t.late, meanLatenessMs: t.latencyMs.mean - t.serviceMs.mean };
}

async function memory(url) {
  process.stderr.write(`bench: memory, open model ${cfg.memoryRate} req/s for ${cfg.memorySec}s…\n`);
  const r = await runChild('capplan-runner.js', [withWorkers({ url, model: 'open', level: cfg.memoryRate, durationSec: cfg.memorySec, sampleEverySec: cfg.memoryEverySec })]);
  const rows = r.memory.map((m) => [m.tSec, m.when, r1(m.rssMB), r1(m.heapUsedMB)]);
  // Growth after warm-up: from the second in-run sample (the first still includes worker start-up) to the last.
  const during = r.memory.filter((m) => m.when === 'during').slice(1);
  const growth = during.length >= 2 ? during[during.length - 1].rssMB - during[0].rssMB : NaN;
  print({
    title: `Memory: open model, ${cfg.memoryRate} req/s, ${cfg.memorySec}s, sampled every ${cfg.memoryEverySec}s`,
    sections: [
      {
        notes: [
          `${r.summary.total.count} responses at ${r1(r.summary.total.achievedRate)} req/s; dropped ${r.summary.total.dropped}`,
          `RSS = whole generator process (main + worker threads); heapUsed = main thread's V8 heap only`,
          `RSS change over the run after warm-up (second to last in-run sample, ${during.length} samples): ${r1(growth)} MB`,
        ],
        table: { columns: ['t (s)', 'when', 'RSS MB', 'heapUsed MB'], rows },
      },
    ],
    data: { rows },
  });
  return { rssGrowthMB: growth, samples: r.memory };
}

const target = await startLocalTarget({ preferNginx: !flag('no-nginx') });
process.stdout.write(
  `capplan bench — ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map(r2).join(' ')} at start${quick ? ', --quick' : ''}\n` +
    `target: ${target.name}\n\n`,
);
const summary = {};
try {
  if (cfg.only.has('throughput')) summary.throughput = await throughput(target.url, target.name);
  if (cfg.only.has('lateness')) summary.lateness = await lateness(target.url);
  if (cfg.only.has('memory')) summary.memory = await memory(target.url);
} finally {
  await target.close();
}
process.stdout.write(`load average at the end: ${loadavg().map(r2).join(' ')} (other work on the machine distorts every figure)\n`);
if (flag('json')) process.stdout.write(JSON.stringify(summary) + '\n');
