import type { CapplanCommand } from '../command.js';
import { ExitCode } from '../../errors.js';
import { shippedProfiles } from '../../profile/shipped.js';
import { capplanCommand } from '../invocation.js';

/** `capplan profiles [--json]`: the example profiles shipped with capplan, which `load` runs by name from any directory. */
export function define(cmd: CapplanCommand): void {
  cmd
    .option('--json', 'print the list as JSON: [{ name, path, description }]')
    .run((flags: { json?: boolean }) => {
      const list = shippedProfiles();
      if (flags.json) {
        process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        return ExitCode.Ok;
      }
      const width = Math.max(...list.map((p) => p.name.length));
      for (const p of list) process.stdout.write(`${p.name.padEnd(width)}  ${p.description}\n`);
      process.stdout.write(`\nRun one by name from any directory, e.g. ${capplanCommand('load', (list.find((p) => p.name === 'steady') ?? list[0])?.name ?? 'steady', '--duration', '10s')}\n(a local file of that name wins; shipped files: ${list[0] ? list[0].path.replace(/[^/\\]+$/, '') : 'none'})\n`);
      return ExitCode.Ok;
    });
}
