import type { CapplanCommand } from '../command.js';
import { ExitCode } from '../../errors.js';
import { compareCsvTable, compareDoc } from '../../gate/compare-doc.js';
import { runCompare } from '../../gate/compare.js';
import type { RegressionMetric } from '../../gate/metrics.js';
import { metricsFlag } from '../flags/metrics.js';
import { DOC_FORMATS, csvTable, renderDoc, type DocFormat } from '../../render/document.js';
import { emit } from '../../render/output.js';
import { readRunFiles } from '../../input/run-files.js';
import { addStatOptions, statFlags, type StatFlags } from './gate.js';

export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<a>', 'the A run(s), e.g. the baseline: a result file, a directory or a quoted glob (several runs are replicates)')
    .argument('<b>', 'the B run(s), e.g. the candidate: a result file, a directory or a quoted glob')
    .flag('--metrics <list>', 'comma-separated: p50,p90,p95,p99,p999,mean,rps,error_rate', metricsFlag, 'p50,p99,rps,error_rate')
    .formatOption(DOC_FORMATS, 'console')
    .outOption();
  addStatOptions(cmd);
  cmd.run(async (aSpec: string, bSpec: string, opts: { format: string; out?: string; metrics: RegressionMetric[] } & Partial<StatFlags>) => {
    const format = opts.format as DocFormat;
    const stats = statFlags(opts);
    const a = await readRunFiles([aSpec]);
    const b = await readRunFiles([bSpec]);
    const report = runCompare(a.runs, b.runs, { metrics: opts.metrics, ...stats });
    report.warnings.unshift(...a.warnings, ...b.warnings);
    // csv is for machines: raw numbers and snake_case headers, not the formatted table.
    await emit(format === 'csv' ? csvTable(compareCsvTable(report)) : renderDoc(compareDoc(report), format), opts.out);
    return ExitCode.Ok;
  });
}
