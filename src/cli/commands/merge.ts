import type { CapplanCommand } from '../command.js';
import { ExitCode, UsageError } from '../../errors.js';
import { realpath } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { startSpreadWarnings, targetWarnings } from '../../results/merge.js';
import { renderDoc } from '../../render/document.js';
import { mergeShards } from '../../shard/merge-shards.js';
import { shardHealthDoc } from '../../shard/health-table.js';
import { readResultFile } from '../../results/read.js';
import { writeResultFile } from '../../results/write.js';
import { checkWritable, sameFile } from '../../util/atomic-write.js';

export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<shards...>', 'result files written by several load generators')
    .outOption('where to write the merged result file', { required: true, short: false })
    .option('--force', 'merge even when the shards ran different profiles, the same run is given twice, or a sharded run is incomplete')
    .run(async (paths: string[], opts: { out: string; force?: boolean }) => {
      if (paths.length < 2) throw new UsageError('merge needs at least two result files');
      for (const p of paths) {
        if (p !== '-' && (await sameFile(p, opts.out))) throw new UsageError(`--out: expected a file that is not one of the inputs (got "${opts.out}", which is ${p})`);
      }
      await checkWritable(opts.out);
      if (!opts.force) {
        const seen = new Map<string, string>();
        for (const p of paths) {
          if (p === '-') continue;
          const real = await realpath(p).catch(() => p);
          const first = seen.get(real);
          if (first !== undefined) throw new InputError(`is given twice (also as ${first}): merging a file with itself counts every request twice; use --force to merge anyway`, p);
          seen.set(real, p);
        }
      }
      const results = [];
      for (const p of paths) results.push(await readResultFile(p));
      const { merged, check } = mergeShards(results, paths, opts.force);
      await writeResultFile(opts.out, merged);
      for (const p of check.problems) process.stderr.write(`warning: ${p} (merged anyway: --force)\n`);
      if (merged.shardSet) process.stderr.write(renderDoc(shardHealthDoc(merged.shardSet), 'console'));
      const t = merged.summary.total;
      for (const w of [...startSpreadWarnings(results), ...targetWarnings(results)]) process.stderr.write(`warning: ${w}\n`);
      process.stderr.write(`merged ${paths.length} shards (${merged.shards ?? 1} generators): ${t.count} requests over ${Math.round(merged.summary.durationSec * 10) / 10} s → ${opts.out}\n`);
      return ExitCode.Ok;
    });
}
