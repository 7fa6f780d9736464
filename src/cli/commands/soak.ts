import type { CapplanCommand } from '../command.js';
import { UsageError } from '../../errors.js';
import { readResultFile } from '../../results/read.js';
import { analyseSoak } from '../../analysis/soak.js';
import { soakDoc, type SoakReport } from '../../analysis/soak-doc.js';
import { clientBuckets, memoryInput, soakBucketSec } from '../../analysis/soak-input.js';
import { parseSelector } from '../../monitor/select.js';
import { DOC_FORMATS, renderDoc, type DocFormat } from '../../render/document.js';
import { emit } from '../../render/output.js';
import { bytesFlag, durationFlagSec, fractionFlag } from '../flags/values.js';
import { ExitCode } from '../../errors.js';

interface SoakFlags {
  metric?: string;
  maxGrowth: string;
  maxErrorRise: string;
  warmup?: string;
  memoryLimit?: string;
  format: string;
  out?: string;
}

/** `capplan soak RESULT.json [--metric NAME] [--max-growth 10%] [--warmup D] [--memory-limit BYTES] [--format …]`. */
export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<result>', 'a result file of a monitored run (load with monitor: or --monitor)')
    .option('--metric <name>', 'the memory metric to judge, e.g. process_resident_memory_bytes or jvm_memory_used_bytes{area="heap"} (default: the heap metric the target exposes, plus RSS)')
    .option('--max-growth <percent>', 'allowed growth over the steady state (the guide: 10%)', '10%')
    .option('--max-error-rise <pp>', 'allowed rise of the error rate over the steady state, in percentage points', '1%')
    .option('--warmup <duration>', 'ignore this much at the start (default: 10% of the run, at least 5 s)')
    .option('--memory-limit <size>', 'project when memory reaches this size, e.g. 512MiB')
    .formatOption(DOC_FORMATS, 'console')
    .option('-o, --out <file>', 'write to this file (atomically) instead of stdout')
    .run(async (file: string, flags: SoakFlags) => {
      const format = flags.format as DocFormat;
      const metric = flags.metric === undefined ? undefined : parseSelector(flags.metric);
      if (flags.metric !== undefined && !metric) throw new UsageError(`--metric: expected a metric name such as process_resident_memory_bytes or jvm_memory_used_bytes{area="heap"} (got "${flags.metric}")`);
      const maxGrowth = fractionFlag('--max-growth', flags.maxGrowth, { min: 0 });
      const maxErrorRise = fractionFlag('--max-error-rise', flags.maxErrorRise, { min: 0, max: 1 });
      const memoryLimitBytes = flags.memoryLimit === undefined ? undefined : bytesFlag('--memory-limit', flags.memoryLimit, { above: 0 });
      const result = await readResultFile(file);
      const runSec = result.run.durationMs / 1000;
      const warmupSec = flags.warmup === undefined ? Math.max(5, Math.round(runSec * 0.1)) : durationFlagSec('--warmup', flags.warmup, { min: 0 });
      if (!result.monitor) throw new UsageError(`${file}: the run was not monitored; run load with monitor: in the profile or --monitor URL / --monitor-pid N`);
      const memory = memoryInput(result, metric);
      if (metric && memory.length === 0) {
        const names = [...new Set(result.monitor.series.map((s) => s.name))].filter((n) => /bytes/.test(n));
        throw new UsageError(`--metric: ${flags.metric} is not among the monitored series${names.length ? `; memory-like ones: ${names.slice(0, 10).join(', ')}` : ''}`);
      }
      const bucketSec = soakBucketSec(Math.max(0, runSec - warmupSec));
      const client = clientBuckets(result.intervals, bucketSec);
      const analysis = analyseSoak({ memory, ...client, bucketSec, warmupSec, maxGrowth, maxErrorRise, ...(memoryLimitBytes !== undefined ? { memoryLimitBytes } : {}) });
      const report: SoakReport = {
        ...analysis,
        file,
        warmupSec,
        maxGrowth,
        maxErrorRise,
        bucketSec,
        ...(memoryLimitBytes !== undefined ? { memoryLimitBytes } : {}),
        sources: result.monitor.sources,
      };
      await emit(renderDoc(soakDoc(report), format), flags.out);
      return analysis.pass ? ExitCode.Ok : ExitCode.ThresholdFailed;
    });
}
