// Child process: one capplan run via runLoad (from ../dist), reporting its own
// process CPU time (process.cpuUsage() covers the main thread AND the worker
// threads: it is getrusage(RUSAGE_SELF) of the whole process) and, optionally,
// memory samples. Usage: node bench/capplan-runner.js '<json spec>'
// spec: { url, model: 'closed'|'open', level, durationSec, sampleEverySec?, workers?, connections?, warmupRequests?,
//         steadyFromSec?, thinkTime?: { minMs, maxMs } }
// Prints one JSON line: { summary, steady?, run, environment, cpuUs, memory: [...] }, where
// `steady` summarises only the whole seconds t ≥ steadyFromSec before the planned end, with the
// sender's measured lateness (actual − intended send) over those seconds.
import { runLoad } from '../dist/load/run.js';
import { aggregateIntervals, destroyAccumulators } from '../dist/results/aggregate.js';
import { summariseEndpoint } from '../dist/results/summary.js';
import { decodeHistogram, latencyStatsMs, mergeEncoded } from '../dist/results/histogram.js';

const spec = JSON.parse(process.argv[2]);
const url = new URL(spec.url);

/** A Profile built in code: one GET endpoint, steady level, no think time. */
const profile = {
  name: `bench-${spec.model}`,
  target: url.origin,
  model: spec.model,
  shape: { kind: 'steady', level: spec.level, durationMs: spec.durationSec * 1000 },
  endpoints: [{ name: 'get', method: 'GET', path: url.pathname, weight: 1, params: {}, headers: {}, timeoutMs: 10_000 }],
  thinkTime: spec.thinkTime ?? { minMs: 0, maxMs: 0 },
  headers: {},
  timeoutMs: 10_000,
  arrivals: 'uniform',
  lateThresholdMs: spec.lateThresholdMs ?? 10,
  seed: 1,
  thresholds: {},
  scale: 1,
};

const memory = [];
const t0 = performance.now();
const sample = (when = 'during') => {
  const m = process.memoryUsage();
  memory.push({ tSec: Math.round((performance.now() - t0) / 1000), when, rssMB: m.rss / 2 ** 20, heapUsedMB: m.heapUsed / 2 ** 20 });
};
let timer;
if (spec.sampleEverySec) {
  sample('before');
  timer = setInterval(sample, spec.sampleEverySec * 1000);
}
const cpu0 = process.cpuUsage();
const { result } = await runLoad(profile, {
  write: false,
  probe: true,
  ...(spec.workers ? { workers: spec.workers } : {}),
  ...(spec.connections ? { connections: spec.connections } : {}),
  ...(spec.warmupRequests !== undefined ? { warmupRequests: spec.warmupRequests } : {}),
});
const cpu = process.cpuUsage(cpu0);
if (timer) {
  clearInterval(timer);
  sample('after (workers stopped)');
}
let steady;
if (spec.steadyFromSec !== undefined) {
  const { total, endpoints } = aggregateIntervals(result.intervals, (iv) => iv.t >= spec.steadyFromSec && iv.t < spec.durationSec);
  const seconds = result.intervals.filter((iv) => iv.t >= spec.steadyFromSec && iv.t < spec.durationSec).length;
  const lateness = result.intervals
    .filter((iv) => iv.t >= spec.steadyFromSec && iv.t < spec.durationSec)
    .map((iv) => iv.generator?.lateness ?? '')
    .filter((l) => l !== '');
  let latenessMs = null;
  if (lateness.length > 0) {
    const h = decodeHistogram(mergeEncoded(lateness));
    const st = latencyStatsMs(h);
    latenessMs = { p50: st.p50Ms, p99: st.p99Ms, max: st.maxMs, mean: st.meanMs };
    h.destroy();
  }
  steady = { fromSec: spec.steadyFromSec, seconds, total: summariseEndpoint('total', total, seconds), latenessMs };
  destroyAccumulators([total, ...endpoints.values()]);
}
process.stdout.write(
  JSON.stringify({
    summary: result.summary,
    steady,
    run: result.run,
    environment: result.environment,
    cpuUs: cpu.user + cpu.system,
    memory,
  }) + '\n',
);
