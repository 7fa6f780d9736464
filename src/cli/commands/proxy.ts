import type { CapplanCommand } from '../command.js';
import { ExitCode, UsageError } from '../../errors.js';
import { startProxy } from '../../proxy/server.js';
import { describeChaos } from '../../chaos/config.js';
import { numberFlag } from '../flags/values.js';
import { chaosFromFlags, chaosOptions, type ChaosFlags } from '../chaos-flags.js';
import { BUILTIN_TARGET, parseTarget } from '../../util/target-url.js';

interface ProxyFlags extends ChaosFlags {
  upstream: string;
  port: number;
}

/** `--upstream`: an http(s) URL of a running service (a path prefix is kept). */
function upstreamFlag(flag: string, raw: string): string {
  const parsed = parseTarget(raw, { allowPath: true });
  if ('error' in parsed) throw new UsageError(`${flag}: ${parsed.error}`);
  if (parsed.target === BUILTIN_TARGET) throw new UsageError(`${flag}: expected the URL of a running service (start the built-in one with capplan target)`);
  return raw;
}

/** `capplan proxy`: a fault-injecting reverse proxy in the foreground until SIGINT/SIGTERM (exit 0). */
export function define(cmd: CapplanCommand): void {
  chaosOptions(cmd)
    .flag('--upstream <url>', 'the HTTP service to forward to, e.g. http://127.0.0.1:3000 (required)', upstreamFlag)
    .flag('--port <n>', 'TCP port on 127.0.0.1 (0 = any free port)', (f, r) => numberFlag(f, r, { integer: true, min: 0, max: 65535 }), '8081')
    .run(async (flags: ProxyFlags) => {
      if (flags.upstream === undefined) throw new UsageError('--upstream is required: the URL of the service to put chaos in front of, e.g. --upstream http://127.0.0.1:3000');
      const chaos = chaosFromFlags(flags);
      const proxy = await startProxy({ upstream: flags.upstream, port: flags.port, chaos });
      process.stdout.write(
        `capplan proxy on ${proxy.url} → ${flags.upstream}; ${describeChaos(chaos)}\n` +
          `switch at run time: curl -X POST ${proxy.url}/__chaos -d '{"errorRate":0.1}'\npress Ctrl+C to stop\n`,
      );
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      const s = proxy.stats();
      const st = proxy.chaos.state();
      await proxy.close();
      process.stdout.write(
        `\n${signal}: stopped. forwarded ${s.forwarded}, upstream errors ${s.upstreamErrors}; injected 500 ×${st.injected.error}, slow ×${st.injected.slow}, reset ×${st.injected.reset}\n`,
      );
      return ExitCode.Ok;
    });
}
