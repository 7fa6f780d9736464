#!/usr/bin/env node
// capplan benchmarks (`npm run bench`, after a build). Plain ESM over ../dist.
//
//   node bench/run.js [--quick] [--only throughput,whole,open,lateness,memory,users] [--duration 10]
//                     [--rate 10000] [--memory-duration 120] [--memory-rate 3000] [--no-nginx]
//                     [--capplan-workers N] [--rounds 5] [--open-rounds 3]
//
// 1. Throughput: closed model, 50 connections/users, no think time, against a local
//    target (nginx if installed, else bench/fast-server.js in its own process):
//    capplan vs autocannon (-c 50) vs wrk (-t2 -c50, when installed), same target,
//    same duration, one after another. Each generator runs in its own process; its
//    CPU time is that process's user+system time (process.cpuUsage() for the node
//    ones, which includes worker threads; bash `times` for wrk).
// 2. Whole process, as a user meets it: `capplan load` (one process, a closed profile of 50 users
//    for 8 s, start-up included) vs `autocannon -c 50 -d 8`, requests ÷ 8 s each.
// 3. Open model at 30 000 req/s for 6 s vs wrk2 -t1 -c16 -R30000 (when /tmp/wrk2/wrk exists).
// 4. Scheduling lateness: open model at --rate req/s, uniform arrivals, lateness measured by the sender.
// 5. Memory: open model at --memory-rate req/s; RSS and heapUsed sampled.
// 6. Memory per user: 10 000 closed-model users with think time.
import { spawn } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { renderDoc } from '../dist/render/document.js';
import { formatNumber } from '../dist/render/format.js';
import { startLocalTarget, which } from './targets.js';
import { runWrk } from './wrk-runner.js';
import { hasWrk2, runWrk2 } from './wrk2-runner.js';
import { runWithTimes } from './times.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const value = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const quick = flag('quick');
const cfg = {
  durationSec: Number(value('duration', quick ? 5 : 10)),
  rounds: Number(value('rounds', quick ? 1 : 5)),
  wholeSec: Number(value('whole-duration', quick ? 4 : 8)),
  openRate: Number(value('open-rate', 30_000)),
  openWarmup: Number(value('open-warmup', 10_000)),
  openRounds: Number(value('open-rounds', quick ? 1 : 3)),
  openSec: Number(value('open-duration', quick ? 3 : 6)),
  users10k: Number(value('many-users', quick ? 2000 : 10_000)),
  usersSec: Number(value('users-duration', quick ? 10 : 30)),
  users: Number(value('users', 50)),
  rate: Number(value('rate', 10_000)),
  latenessSec: Number(value('lateness-duration', quick ? 5 : 10)),
  memorySec: Number(value('memory-duration', quick ? 20 : 120)),
  memoryRate: Number(value('memory-rate', 3000)),
  memoryEverySec: Number(value('memory-every', quick ? 5 : 10)),
  only: new Set(value('only', 'throughput,whole,open,lateness,memory,users').split(',')),
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

/** Run `fn` and add to its result the target's CPU share over it: target CPU ms ÷ (durationSec × 1000), null when unknown. */
async function withTargetCpu(target, durationSec, fn) {
  const before = target.cpuMs?.() ?? null;
  const r = await fn();
  const after = target.cpuMs?.() ?? null;
  return { ...r, targetBusy: before === null || after === null ? null : (after - before) / (durationSec * 1000) };
}

async function throughput(target) {
  const { url, name: targetName } = target;
  // Rounds interleave the generators (capplan, autocannon, wrk, capplan, …) so a burst of
  // other work on the machine hits all of them; each row is the round with the median req/s.
  const runs = { capplan: [], capplanAll: [], autocannon: [], wrk: [] };
  const hasWrk = which('wrk') !== null;
  // A second capplan row with a worker thread per CPU (as wrk -t2 uses two threads), when that is more than the default.
  const allCores = availableParallelism();
  const extra = !cfg.capplanWorkers && allCores > 1 ? allCores : 0;
  const capplanRun = async (workers) => {
    const spec = { url, model: 'closed', level: cfg.users, durationSec: cfg.durationSec, ...(workers ? { workers } : {}) };
    const r = await withTargetCpu(target, cfg.durationSec, async () => ({ cap: await runChild('capplan-runner.js', [workers ? JSON.stringify(spec) : withWorkers(spec)]) }));
    return { rps: r.cap.summary.total.achievedRate, requests: r.cap.summary.total.count, cpuUs: r.cap.cpuUs, cap: r.cap, targetBusy: r.targetBusy };
  };
  for (let round = 1; round <= cfg.rounds; round++) {
    const tag = cfg.rounds > 1 ? ` (round ${round}/${cfg.rounds})` : '';
    process.stderr.write(`bench: capplan closed model, ${cfg.users} users, ${cfg.durationSec}s${tag}…\n`);
    runs.capplan.push(await capplanRun(0));
    if (extra) {
      process.stderr.write(`bench: capplan closed model, ${cfg.users} users, ${extra} worker threads${tag}…\n`);
      runs.capplanAll.push(await capplanRun(extra));
    }
    process.stderr.write(`bench: autocannon -c ${cfg.users} -d ${cfg.durationSec}${tag}…\n`);
    runs.autocannon.push(await withTargetCpu(target, cfg.durationSec, () => runChild('autocannon-runner.js', [url, String(cfg.users), String(cfg.durationSec)])));
    if (hasWrk) {
      process.stderr.write(`bench: wrk -t2 -c${cfg.users} -d${cfg.durationSec}s${tag}…\n`);
      runs.wrk.push(await withTargetCpu(target, cfg.durationSec, () => runWrk(url, { threads: 2, connections: cfg.users, durationSec: cfg.durationSec })));
    }
  }
  const cap = median(runs.capplan);
  const ac = median(runs.autocannon);
  const wrk = hasWrk ? median(runs.wrk) : null;
  const all = (list) => list.map((r) => formatNumber(Math.round(r.rps))).join(' / ');
  const busy = (r) => (r.targetBusy === null || r.targetBusy === undefined ? null : `${Math.round(100 * r.targetBusy)}%`);
  const c = cap.cap;
  const rows = [
    ['capplan', `closed model, ${cfg.users} users, ${c.environment.workers} worker thread(s) × ${c.environment.connections} conns`, r1(cap.rps), all(runs.capplan), r2(cap.cpuUs / cap.requests), busy(cap), r1(c.summary.total.latencyMs.p50), r1(c.summary.total.latencyMs.p99)],
    ...(extra ? [(() => {
      const all2 = median(runs.capplanAll);
      const c2 = all2.cap;
      return ['capplan', `closed model, ${cfg.users} users, --workers ${extra} (one per CPU) × ${c2.environment.connections} conns`, r1(all2.rps), all(runs.capplanAll), r2(all2.cpuUs / all2.requests), busy(all2), r1(c2.summary.total.latencyMs.p50), r1(c2.summary.total.latencyMs.p99)];
    })()] : []),
    ['autocannon', `-c ${cfg.users} -d ${cfg.durationSec}`, r1(ac.rps), all(runs.autocannon), r2(ac.cpuUs / ac.requests), busy(ac), null, null],
  ];
  if (wrk) rows.push(['wrk', `-t2 -c${cfg.users} -d${cfg.durationSec}s`, r1(wrk.rps), all(runs.wrk), r2(wrk.cpuUs / wrk.requests), busy(wrk), null, null]);
  const ratioAc = cap.rps / ac.rps;
  const capAll = extra ? median(runs.capplanAll) : null;
  const notes = [
    `target: ${targetName} at ${url}`,
    `capplan/autocannon = ${r2(ratioAc)}× (goal ≥ 1.3×, and ≤ 12 µs CPU/response)${wrk ? `; capplan/wrk = ${r2(cap.rps / wrk.rps)}×` : '; wrk not installed'} (medians of ${cfg.rounds} round(s))${capAll ? `; with --workers ${extra}: ${r2(capAll.rps / ac.rps)}× autocannon${wrk ? `, ${r2(capAll.rps / wrk.rps)}× wrk` : ''}` : ''}`,
    'CPU µs/response = generator process user+system CPU time ÷ responses (capplan: process.cpuUsage() of its child process incl. worker threads and their start-up; autocannon: the same; wrk: bash `times`)',
    "target CPU = the target's processes' user+system CPU (/proc, master and workers) during the run ÷ its duration: near 100% of its one worker process, the target is the ceiling and no generator can go faster on this machine",
  ];
  print({
    title: `Throughput: closed model, ${cfg.users} users, no think time, ${cfg.durationSec}s each`,
    sections: [{ notes, table: { columns: ['generator', 'settings', 'req/s (median)', 'req/s per round', 'CPU µs/response', 'target CPU', 'p50 ms', 'p99 ms'], rows } }],
    data: { rows },
  });
  return { capplanRps: cap.rps, capplanAllCoresRps: capAll?.rps ?? null, autocannonRps: ac.rps, wrkRps: wrk?.rps ?? null, ratioAutocannon: ratioAc, targetBusy: { capplan: cap.targetBusy, autocannon: ac.targetBusy, wrk: wrk?.targetBusy ?? null } };
}

/** Lateness row of one window: measured by the sender (histogram of actual − intended send time). */
function latenessRow(label, t, l) {
  return [label, r1(t.achievedRate), t.dropped, `${t.late} (${r2((100 * t.late) / Math.max(1, t.sent))}%)`, l ? r2(l.mean) : null, l ? r2(l.p50) : null, l ? r2(l.p99) : null, l ? r2(l.max) : null, r2(t.latencyMs.p99)];
}

async function lateness(url) {
  process.stderr.write(`bench: capplan open model, ${cfg.rate} req/s, ${cfg.latenessSec}s…\n`);
  const steadyFromSec = 2;
  const r = await runChild('capplan-runner.js', [withWorkers({ url, model: 'open', level: cfg.rate, durationSec: cfg.latenessSec, lateThresholdMs: 10, steadyFromSec })]);
  const t = r.summary.total;
  const rows = [latenessRow('whole run', t, r.summary.generator?.latenessMs)];
  if (r.steady && r.steady.seconds > 0) rows.push(latenessRow(`steady (t ≥ ${steadyFromSec}s, ${r.steady.seconds}s)`, r.steady.total, r.steady.latenessMs));
  print({
    title: `Scheduling lateness: open model, ${cfg.rate} req/s uniform arrivals, ${cfg.latenessSec}s`,
    sections: [
      {
        notes: [
          `scheduled ${t.scheduled}, sent ${t.sent}, completed ${t.count}; late = sent > 10 ms after the intended time`,
          'lateness = actual send − intended send, ms, recorded per request by the sender into an HDR histogram per second (goal: p99 < 1 ms after warm-up)',
          `generator CPU ${r2(r.cpuUs / Math.max(1, t.count))} µs/response; ${r.environment.workers} worker thread(s) × ${r.environment.connections} conns`,
          'the first seconds include opening the connections and JIT warm-up; the steady row leaves them out',
        ],
        table: { columns: ['window', 'achieved req/s', 'dropped', 'late', 'lateness mean ms', 'lateness p50 ms', 'lateness p99 ms', 'lateness max ms', 'latency p99 ms'], rows },
      },
    ],
    data: { rows },
  });
  return { achievedRps: t.achievedRate, dropped: t.dropped, late: t.late, latenessMs: r.summary.generator?.latenessMs, steadyLatenessMs: r.steady?.latenessMs };
}

/** The closed-model profile a user would write for the whole-process comparison. */
function closedProfileYaml(url, users, durationSec) {
  const u = new URL(url);
  return [
    'name: bench-whole-process',
    `target: ${u.origin}`,
    'model: closed',
    `shape: { type: steady, users: ${users}, duration: ${durationSec}s }`,
    `endpoints:\n  - { name: get, method: GET, path: "${u.pathname}" }`,
    'timeout: 10s',
    '',
  ].join('\n');
}

async function wholeProcess(url) {
  // One process per run, start-up included, requests counted over the profile's duration.
  const dir = mkdtempSync(join(tmpdir(), 'capplan-bench-'));
  const profilePath = join(dir, 'closed.yaml');
  writeFileSync(profilePath, closedProfileYaml(url, cfg.users, cfg.wholeSec));
  const runs = { capplan: [], autocannon: [] };
  try {
    for (let round = 1; round <= cfg.rounds; round++) {
      const tag = cfg.rounds > 1 ? ` (round ${round}/${cfg.rounds})` : '';
      process.stderr.write(`bench: whole process: capplan load (${cfg.users} users, ${cfg.wholeSec}s)${tag}…\n`);
      const out = join(dir, `r${round}.json`);
      const cap = await runWithTimes(`${JSON.stringify(process.execPath)} ${JSON.stringify(here + '../bin/capplan.js')} load --profile ${JSON.stringify(profilePath)} --out ${JSON.stringify(out)} --quiet`);
      const result = JSON.parse(readFileSync(out, 'utf8'));
      const n = result.summary.total.count;
      runs.capplan.push({ rps: n / cfg.wholeSec, requests: n, cpuUs: cap.cpuUs, wallMs: cap.wallMs });
      process.stderr.write(`bench: whole process: autocannon -c ${cfg.users} -d ${cfg.wholeSec}${tag}…\n`);
      const ac = await runWithTimes(`${JSON.stringify(process.execPath)} ${JSON.stringify(here + '../node_modules/autocannon/autocannon.js')} -c ${cfg.users} -d ${cfg.wholeSec} -j ${JSON.stringify(url)} 2>/dev/null`);
      const acJson = JSON.parse(ac.out.trim().split('\n').filter((l) => l.startsWith('{')).pop());
      runs.autocannon.push({ rps: acJson.requests.total / cfg.wholeSec, requests: acJson.requests.total, cpuUs: ac.cpuUs, wallMs: ac.wallMs });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const cap = median(runs.capplan);
  const ac = median(runs.autocannon);
  const all = (list) => list.map((r) => formatNumber(Math.round(r.rps))).join(' / ');
  const busy = (r) => (r.targetBusy === null || r.targetBusy === undefined ? null : `${Math.round(100 * r.targetBusy)}%`);
  const rows = [
    ['capplan', `capplan load (closed profile, ${cfg.users} users, ${cfg.wholeSec}s)`, r1(cap.rps), all(runs.capplan), r2(cap.cpuUs / cap.requests), r1(cap.wallMs / 1000)],
    ['autocannon', `autocannon -c ${cfg.users} -d ${cfg.wholeSec}`, r1(ac.rps), all(runs.autocannon), r2(ac.cpuUs / ac.requests), r1(ac.wallMs / 1000)],
  ];
  print({
    title: `Whole process, as a user meets it: closed model, ${cfg.users} users, ${cfg.wholeSec}s`,
    sections: [{
      notes: [
        `req/s = responses ÷ ${cfg.wholeSec} s (the profile's duration), so start-up counts; CPU = the whole process (bash \`times\`)`,
        `capplan/autocannon = ${r2(cap.rps / ac.rps)}× (goal ≥ 1.2×; medians of ${cfg.rounds} round(s))`,
      ],
      table: { columns: ['generator', 'command', 'req/s (median)', 'req/s per round', 'CPU µs/response', 'wall s'], rows },
    }],
    data: { rows },
  });
  return { ratioAutocannon: cap.rps / ac.rps };
}

async function openModel(url) {
  // Three capplan variants, cfg.openRounds rounds each, interleaved (so a burst of other work hits all of them):
  // cold (`warmupRequests: 0`, no warm-up at all), the default (a local warm-up the target never sees, at
  // ≥ 1 000 req/s per worker) and the opt-in warm-up on the target (cfg.openWarmup requests per worker before t = 0).
  // Each row is the round with the median late count; every round's late share is shown.
  const variants = [
    { label: 'cold (warmupRequests: 0)', warmupRequests: 0 },
    { label: 'default (local warm-up)', warmupRequests: undefined },
    { label: `warm-up on the target, ${cfg.openWarmup} req/worker`, warmupRequests: cfg.openWarmup },
  ];
  const runsOf = variants.map(() => []);
  for (let round = 1; round <= cfg.openRounds; round++) {
    for (const [i, v] of variants.entries()) {
      process.stderr.write(`bench: capplan open model, ${cfg.openRate} req/s, ${cfg.openSec}s, ${v.label} (round ${round}/${cfg.openRounds})…\n`);
      runsOf[i].push(await runChild('capplan-runner.js', [withWorkers({ url, model: 'open', level: cfg.openRate, durationSec: cfg.openSec, lateThresholdMs: 10, warmupRequests: v.warmupRequests })]));
    }
  }
  const latePct = (r) => (100 * r.summary.total.late) / Math.max(1, r.summary.total.sent);
  const medianRun = (rs) => [...rs].sort((a, b) => a.summary.total.late - b.summary.total.late)[Math.floor((rs.length - 1) / 2)];
  const runs = variants.map((v, i) => ({ ...v, r: medianRun(runsOf[i]), all: runsOf[i] }));
  const rows = runs.map(({ label, r, all }) => {
    const t = r.summary.total;
    const l = r.summary.generator?.latenessMs;
    return [
      'capplan', `${label}; ${r.environment.workers} worker(s) × ≤ ${r.environment.connections} conns`, r1(t.achievedRate),
      `${t.late} (${r2(latePct(r))}%)`, all.map((x) => `${r2(latePct(x))}%`).join(', '), t.dropped, r2(t.latencyMs.p50), r2(t.latencyMs.p99), l ? r2(l.p50) : null, l ? r2(l.p99) : null, r2(r.cpuUs / Math.max(1, t.count)),
    ];
  });
  const t = runs[1].r.summary.total;
  let wrk2 = null;
  if (hasWrk2()) {
    process.stderr.write(`bench: wrk2 -t1 -c16 -R${cfg.openRate} -d${cfg.openSec}s…\n`);
    wrk2 = await runWrk2(url, { threads: 1, connections: 16, rate: cfg.openRate, durationSec: cfg.openSec });
    rows.push(['wrk2', wrk2.command, r1(wrk2.rps), null, null, null, r2(wrk2.p50Ms), r2(wrk2.p99Ms), null, null, r2(wrk2.cpuUs / Math.max(1, wrk2.requests))]);
  }
  print({
    title: `Open model: ${cfg.openRate} req/s for ${cfg.openSec}s, exact from the first request`,
    sections: [{
      notes: [
        'latency from the intended send time in both (coordinated omission corrected); late = sent > 10 ms after the intended time',
        `goal: < 0.1% late and p99 within 2× wrk2's${wrk2 ? `: capplan p99 / wrk2 p99 = ${runs.map(({ label, r }) => `${r2(r.summary.total.latencyMs.p99 / wrk2.p99Ms)}× ${label.split(' (')[0].split(',')[0]}`).join(', ')}` : ' (wrk2 not found: build it with ../shared/peers/build-wrk2.sh)'}`,
        `each capplan row is the median of ${cfg.openRounds} interleaved round(s) by late count; capplan opens its connections before t = 0 and grows them on demand while its event loop has room`,
      ],
      table: { columns: ['generator', 'settings', 'achieved req/s', 'late', 'late per round', 'dropped', 'p50 ms', 'p99 ms', 'lateness p50 ms', 'lateness p99 ms', 'CPU µs/response'], rows },
    }],
    data: { rows },
  });
  return { latePct: (100 * t.late) / Math.max(1, t.sent), p99Ms: t.latencyMs.p99, wrk2P99Ms: wrk2?.p99Ms ?? null };
}

async function manyUsers(url) {
  const users = cfg.users10k;
  const think = { minMs: 2000, maxMs: 4000 };
  process.stderr.write(`bench: memory, ${users} closed-model users, think 2–4 s, ${cfg.usersSec}s…\n`);
  const r = await runChild('capplan-runner.js', [withWorkers({ url, model: 'closed', level: users, durationSec: cfg.usersSec, thinkTime: think, sampleEverySec: 2 })]);
  const before = r.memory.find((m) => m.when === 'before');
  const peak = r.memory.filter((m) => m.when === 'during').reduce((a, m) => Math.max(a, m.rssMB), 0);
  const t = r.summary.total;
  const expected = users / ((think.minMs + think.maxMs) / 2 / 1000);
  const rows = [[users, `${think.minMs / 1000}–${think.maxMs / 1000} s`, r1(t.achievedRate), r1(expected), r1(before.rssMB), r1(peak), r2(((peak - before.rssMB) * 1024) / users), r2(r.cpuUs / 1e6)]];
  print({
    title: `Memory per user: ${users} closed-model users with think time, ${cfg.usersSec}s`,
    sections: [{
      notes: [
        'RSS per user = (peak RSS during the run − RSS before it) ÷ users; the whole generator process (main + worker threads)',
        `expected ≈ users ÷ mean think time (responses are fast); ${r.environment.workers} worker(s) × ${r.environment.connections} conns; dropped ${t.dropped}`,
      ],
      table: { columns: ['users', 'think', 'achieved req/s', 'expected req/s', 'RSS before MB', 'RSS peak MB', 'KB per user', 'CPU s'], rows },
    }],
    data: { rows },
  });
  return { kbPerUser: ((peak - before.rssMB) * 1024) / users };
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
    `command: npm run bench --${argv.length ? ' ' + argv.join(' ') : ''}\n` +
    `target: ${target.name}\n\n`,
);
const summary = {};
try {
  if (cfg.only.has('throughput')) summary.throughput = await throughput(target);
  if (cfg.only.has('whole')) summary.whole = await wholeProcess(target.url);
  if (cfg.only.has('open')) summary.open = await openModel(target.url);
  if (cfg.only.has('lateness')) summary.lateness = await lateness(target.url);
  if (cfg.only.has('memory')) summary.memory = await memory(target.url);
  if (cfg.only.has('users')) summary.users = await manyUsers(target.url);
} finally {
  await target.close();
}
process.stdout.write(`load average at the end: ${loadavg().map(r2).join(' ')} (other work on the machine distorts every figure)\n`);
if (flag('json')) process.stdout.write(JSON.stringify(summary) + '\n');
