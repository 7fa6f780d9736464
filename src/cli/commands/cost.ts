import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError, UsageError } from '../../errors.js';
import { parseDocFormat, renderDoc } from '../../render/document.js';
import { emit } from '../../render/output.js';
import { parseFraction } from '../../util/quantity.js';
import { costModel } from '../../analysis/cost.js';
import { costDoc } from '../../analysis/cost-doc.js';
import { fleetToCostInput, parseFleetFile } from '../../analysis/fleet-schema.js';

interface CostOptions {
  margin: string;
  format: string;
  out?: string;
}

/** `capplan cost FLEET.yaml [--margin 20%..30%]`. */
export function define(cmd: Command): void {
  cmd
    .argument('<fleet.yaml>', 'fleet file: peakRps, targetUtilization, zones, instanceTypes and optional candidates')
    .option('--margin <range>', 'margin for variable costs (network traffic…), a range LOW..HIGH or one value; 0 for none', '20%..30%')
    .option('--format <format>', 'console, md, csv or json', 'console')
    .option('--out <file>', 'write the output to a file (atomically) instead of stdout')
    .action(async (file: string, opts: CostOptions) => {
      const format = parseDocFormat(opts.format);
      const margin = parseMargin(opts.margin);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new InputError(code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(err)})`, file);
      }
      const fleet = parseFleetFile(text, file);
      const report = costModel(fleetToCostInput(fleet, margin));
      await emit(renderDoc(costDoc(file, report), format), opts.out);
    });
}

/** `20%..30%` → {0.2, 0.3}; `25%` → {0.25, 0.25}; `0` → no margin. */
export function parseMargin(text: string): { low: number; high: number } | undefined {
  const parts = text.split('..').map((p) => parseFraction(p));
  const [low, high = low] = parts;
  if (parts.length > 2 || low === undefined || high === undefined || low < 0 || high < low) {
    throw new UsageError(`--margin must be a fraction or a range LOW..HIGH with 0 ≤ LOW ≤ HIGH, e.g. 20%..30% (got "${text}")`);
  }
  return low === 0 && high === 0 ? undefined : { low, high };
}
