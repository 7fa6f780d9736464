import type { CapplanCommand } from '../command.js';
import { ExitCode } from '../../errors.js';
import { shippedProfiles } from '../../profile/shipped.js';
import { capplanCommand } from '../invocation.js';
import { terminalWidth, wrapText } from '../../render/width.js';

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
      // One line per profile, its description wrapped under itself to the terminal's width.
      const columns = terminalWidth();
      const width = list.reduce((w, p) => Math.max(w, p.name.length), 0);
      const indent = ' '.repeat(width + 2);
      for (const p of list) process.stdout.write(wrapText(`${p.name.padEnd(width)}  ${p.description}`, columns, indent).join('\n') + '\n');
      const example = capplanCommand('load', (list.find((p) => p.name === 'steady') ?? list[0])?.name ?? 'steady', '--duration', '10s');
      const footer = `Run one by name from any directory, e.g. ${example}\n(a local file of that name wins; shipped files: ${list[0] ? list[0].path.replace(/[^/\\]+$/, '') : 'none'})`;
      process.stdout.write(`\n${wrapText(footer, columns).join('\n')}\n`);
      return ExitCode.Ok;
    });
}
