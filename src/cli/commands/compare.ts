import type { CapplanCommand } from '../command.js';
import { ExitCode } from '../../errors.js';
import { compareCsvTable, compareDoc } from '../../gate/compare-doc.js';
import { runCompare } from '../../gate/compare.js';
import type { RegressionMetric } from '../../gate/metrics.js';
import { metricsFlag } from '../flags/metrics.js';
import { csvTable, parseDocFormat, renderDoc } from '../../render/document.js';
import { emit } from '../../render/output.js';
import { readResultFile } from '../../results/read.js';
import { addStatOptions, statFlags, type StatFlags } from './gate.js';

export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<a>', 'first result file (A, e.g. the baseline)')
    .argument('<b>', 'second result file (B, e.g. the candidate)')
    .flag('--metrics <list>', 'comma-separated: p50,p90,p95,p99,p999,mean,rps,error_rate', metricsFlag, 'p50,p99,rps,error_rate')
    .option('--format <fmt>', 'console, md, csv or json', 'console')
    .option('--out <file>', 'write the report to a file instead of stdout');
  addStatOptions(cmd);
  cmd.run(async (aPath: string, bPath: string, opts: { format: string; out?: string; metrics: RegressionMetric[] } & Partial<StatFlags>) => {
    const format = parseDocFormat(opts.format);
    const stats = statFlags(opts);
    const a = { result: await readResultFile(aPath), name: aPath };
    const b = { result: await readResultFile(bPath), name: bPath };
    const report = runCompare(a, b, { metrics: opts.metrics, ...stats });
    // csv is for machines: raw numbers and snake_case headers, not the formatted table.
    await emit(format === 'csv' ? csvTable(compareCsvTable(report)) : renderDoc(compareDoc(report), format), opts.out);
    return ExitCode.Ok;
  });
}

