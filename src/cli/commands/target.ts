import type { CapplanCommand } from '../command.js';
import { ExitCode } from '../../errors.js';
import { startTarget } from '../../target/index.js';
import { distributionFlag, parseServiceTimeFlag } from '../../target/flags.js';
import { numberFlag } from '../flags/values.js';
import { describeTarget } from '../../target/describe.js';

interface TargetFlags {
  port: string;
  workers: string;
  serviceTime: string;
  distribution: string;
  queue: string;
  seed: string;
}

/** `capplan target`: serve the built-in demo target in the foreground until SIGINT/SIGTERM (exit 0). */
export function define(cmd: CapplanCommand): void {
  cmd
    .option('--port <n>', 'TCP port on 127.0.0.1 (0 = any free port)', '8080')
    .option('--workers <n>', 'simulated servers: requests in service at once', '64')
    .option('--service-time <d>', 'mean service time, e.g. 5ms, or per endpoint "GET /item=5ms,POST /item=20ms"', '5ms')
    .option('--distribution <name>', 'service-time distribution: constant, exponential or lognormal', 'constant')
    .option('--queue <n>', 'waiting requests beyond busy workers; when full, answer 429 + Retry-After', '1000')
    .option('--seed <n>', 'seed of the service-time sampler', '1')
    .run(async (flags: TargetFlags) => {
      const opts = {
        port: numberFlag('--port', flags.port, { integer: true, min: 0, max: 65535 }),
        workers: numberFlag('--workers', flags.workers, { integer: true, min: 1 }),
        serviceTimeMs: parseServiceTimeFlag(flags.serviceTime),
        serviceDistribution: distributionFlag(flags.distribution),
        queue: numberFlag('--queue', flags.queue, { integer: true, min: 0 }),
        seed: numberFlag('--seed', flags.seed, { integer: true, min: 0 }),
      };
      const target = await startTarget(opts);
      process.stdout.write(`${describeTarget(target.url, opts)}\npress Ctrl+C to stop\n`);
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
