import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { mergeResults, startSpreadWarnings } from '../../results/merge.js';
import { readResultFile } from '../../results/read.js';
import { writeResultFile } from '../../results/write.js';

export function define(cmd: Command): void {
  cmd
    .argument('<shards...>', 'result files written by several load generators')
    .requiredOption('--out <file>', 'where to write the merged result file')
    .option('--force', 'merge even when the shards ran different profiles')
    .action(async (paths: string[], opts: { out: string; force?: boolean }) => {
      if (paths.length < 2) throw new UsageError('merge needs at least two result files');
      const results = [];
      for (const p of paths) results.push(await readResultFile(p));
      const merged = mergeResults(results, { force: opts.force, names: paths });
      await writeResultFile(opts.out, merged);
      const t = merged.summary.total;
      for (const w of startSpreadWarnings(results)) process.stderr.write(`warning: ${w}\n`);
      process.stderr.write(`merged ${paths.length} shards (${merged.shards ?? 1} generators): ${t.count} requests over ${Math.round(merged.summary.durationSec * 10) / 10} s → ${opts.out}\n`);
    });
}
