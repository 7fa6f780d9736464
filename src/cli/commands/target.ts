import type { CapplanCommand } from '../command.js';
import { ExitCode, UsageError } from '../../errors.js';
import { startTarget } from '../../target/index.js';
import { distributionFlag, serviceTimeFlag } from '../flags/service-time.js';
import { numberFlag } from '../flags/values.js';
import { describeTarget } from '../../target/describe.js';
import type { ServiceDistribution, ServiceTimeSpec } from '../../target/types.js';
import { chaosFromFlags, chaosOptions, type ChaosFlags } from '../chaos-flags.js';
import { bytesFlag } from '../flags/values.js';
import { parseAutoscaleSpec, type TargetAutoscaleConfig } from '../../target/autoscale-spec.js';
import { setHeapGrowingPercent } from '../../target/heap-growth.js';
import { parseFraction } from '../../util/quantity.js';

interface TargetFlags extends ChaosFlags {
  leak?: number;
  heapGrowth?: number;
  port: number;
  workers: number;
  serviceTime: ServiceTimeSpec;
  distribution: ServiceDistribution;
  queue: number;
  seed: number;
  autoscale?: TargetAutoscaleConfig;
}

/** `capplan target`: serve the built-in demo target in the foreground until SIGINT/SIGTERM (exit 0). */
export function define(cmd: CapplanCommand): void {
  chaosOptions(cmd)
    .flag('--leak <size>', 'retain this much heap per served request, never freed (e.g. 20KB): a deliberate leak for soak tests', (f, r) => bytesFlag(f, r, { max: 1 << 20 }))
    .flag('--heap-growth <pct>', "compressed soak: every garbage collection is a full one (V8's --gc-global) and the old generation's limit grows this much per collection (--heap-growing-percent with --optimize-for-size, 1%–1000%), e.g. 2%: a soak run of seconds then reads the retained heap many times a second (see docs/monitor.md)", heapGrowthFlag)
    .flag('--port <n>', 'TCP port on 127.0.0.1 (0 = any free port)', (f, r) => numberFlag(f, r, { integer: true, min: 0, max: 65535 }), '8080')
    .flag('--workers <n>', 'simulated servers: requests in service at once', (f, r) => numberFlag(f, r, { integer: true, min: 1 }), '64')
    .flag('--service-time <d>', 'mean service time, e.g. 5ms, or per endpoint "GET /item=5ms,POST /item=20ms"', serviceTimeFlag, '5ms')
    .flag('--distribution <name>', 'service-time distribution: constant, exponential or lognormal', distributionFlag, 'constant')
    .flag('--queue <n>', 'waiting requests beyond busy workers; when full, answer 429 + Retry-After', (f, r) => numberFlag(f, r, { integer: true, min: 0 }), '1000')
    .flag('--seed <n>', 'seed of the service-time sampler', (f, r) => numberFlag(f, r, { integer: true, min: 0 }), '1')
    .flag('--autoscale <spec>', 'resize the worker pool with the seed rule, e.g. min=2,max=64,target=70%,up-cooldown=5s,down-cooldown=30s (tick=1s)', autoscaleFlag)
    .run(async (flags: TargetFlags) => {
      if (flags.heapGrowth !== undefined) setHeapGrowingPercent(flags.heapGrowth);
      const opts = {
        port: flags.port,
        workers: flags.workers,
        serviceTimeMs: flags.serviceTime,
        serviceDistribution: flags.distribution,
        queue: flags.queue,
        seed: flags.seed,
        leakBytesPerRequest: flags.leak ?? 0,
        chaos: chaosFromFlags(flags),
        ...(flags.autoscale ? { autoscale: flags.autoscale } : {}),
      };
      const target = await startTarget(opts);
      process.stdout.write(`${describeTarget(target.url, opts)}\n${target.url}/metrics: Prometheus metrics; ${target.url}/__chaos: chaos switch\npress Ctrl+C to stop\n`);
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      const s = target.stats();
      await target.close();
      process.stdout.write(`\n${signal}: stopped. served ${s.served}, rejected (429) ${s.rejected}, max queue ${s.maxQueueSeen}\n`);
      return ExitCode.Ok;
    });
}

/** `--heap-growth 20%` → 20 (a whole percent, 1..1000: V8 takes an integer). */
export function heapGrowthFlag(flag: string, raw: string): number {
  const f = parseFraction(raw);
  const pct = f === undefined ? NaN : Math.round(f * 100);
  const whole = f !== undefined && Math.abs(f * 100 - pct) < 1e-9;
  if (!raw.trim().endsWith('%') || !whole || !(pct >= 1 && pct <= 1000)) throw new UsageError(`${flag}: expected a whole percentage from 1% to 1000%, such as 20% (got "${raw}")`);
  return pct;
}

/** `--autoscale min=2,max=64,…` → the config; every bad part in one UsageError. */
export function autoscaleFlag(flag: string, spec: string): TargetAutoscaleConfig {
  const { config, problems } = parseAutoscaleSpec(spec);
  if (problems.length) throw new UsageError(`${flag}: ${problems.join('; ')}`);
  return config;
}
