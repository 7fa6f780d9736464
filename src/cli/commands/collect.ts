/**
 * `capplan collect LOG|DIR|FILE... --out-dir DIR [--out FILE] [--force]`: turn the pods' logs (the
 * capplan-result lines of `kubectl logs`) or a folder of result files into result files, then merge
 * them, checking that the sharded run is complete.
 */
import type { CapplanCommand } from '../command.js';
import { join } from 'node:path';
import { ExitCode, InputError, UsageError } from '../../errors.js';
import { renderDoc } from '../../render/document.js';
import { writeResultFile } from '../../results/write.js';
import { collectResults } from '../../shard/collect.js';
import { shardHealthDoc } from '../../shard/health-table.js';
import { mergeShards } from '../../shard/merge-shards.js';

export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<inputs...>', 'kubectl logs output (or - for stdin), result .json files, or folders holding either')
    .requiredOption('--out-dir <dir>', 'where to write each shard\'s result file and the merged result')
    .option('--out <file>', 'the merged result file (default: OUT-DIR/merged.json)')
    .option('--force', 'merge even when a shard is missing or given twice, or the plans differ')
    .run(async (inputs: string[], opts: { outDir: string; out?: string; force?: boolean }) => {
      if (inputs.length === 0) throw new UsageError('collect needs at least one log, result file or folder');
      const { results, problems } = await collectResults(inputs);
      if (problems.length > 0 && !opts.force) throw new InputError(`cannot collect every result:\n  ${problems.join('\n  ')}\nuse --force to merge what was found`);
      for (const p of problems) process.stderr.write(`warning: ${p}\n`);
      if (results.length === 0) throw new InputError(`no results found in ${inputs.join(', ')}`);
      const names: string[] = [];
      for (const { result } of results) {
        const name = result.shard ? `shard-${result.shard.index}-of-${result.shard.count}.json` : `result-${names.length}.json`;
        const path = join(opts.outDir, name);
        await writeResultFile(path, result);
        names.push(path);
      }
      const { merged, check } = mergeShards(results.map((r) => r.result), results.map((r) => r.source), opts.force);
      for (const p of check.problems) process.stderr.write(`warning: ${p} (merged anyway: --force)\n`);
      const out = opts.out ?? join(opts.outDir, 'merged.json');
      await writeResultFile(out, merged);
      if (merged.shardSet) process.stderr.write(renderDoc(shardHealthDoc(merged.shardSet), 'console'));
      const t = merged.summary.total;
      process.stderr.write(`collected ${results.length} results → ${opts.outDir}; merged: ${t.count} requests over ${Math.round(merged.summary.durationSec * 10) / 10} s → ${out}\n`);
      process.stdout.write(`${out}\n`);
      return ExitCode.Ok;
    });
}
