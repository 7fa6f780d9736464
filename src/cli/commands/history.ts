import type { CapplanCommand } from '../command.js';
import { ExitCode, UsageError } from '../../errors.js';
import { metricsFlag } from '../flags/metrics.js';
import { buildTrend } from '../../history/trend.js';
import { historyCsvTable, historyDoc } from '../../history/history-doc.js';
import { renderHistoryHtml } from '../../history/history-html.js';
import { readRunFiles } from '../../input/run-files.js';
import { csvTable, renderDoc, type DocFormat } from '../../render/document.js';
import { emit } from '../../render/output.js';
import { fractionFlag, numberFlag } from '../flags/values.js';

export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<runs...>', 'result files: a directory (its *.json), a glob (quote it: "nightly/*.json") or files')
    .option('--by <label>', 'one point per value of this label (capplan load --label KEY=VALUE), e.g. commit; default: one point per run')
    .option('--metrics <list>', 'comma-separated: p50,p90,p95,p99,p999,mean,rps,error_rate', 'p50,p99,rps,error_rate')
    .option('--scope <name>', 'total or an endpoint name', 'total')
    .option('--min-points <n>', 'fewest points on each side of a change point', '3')
    .option('--alpha <p>', 'significance level of each change point (permutation test)', '0.05')
    .option('--permutations <n>', 'permutations per test', '199')
    .option('--seed <n>', 'seed of the permutations (the same inputs give the same answer)', '1')
    .formatOption(['console', 'md', 'csv', 'json', 'html'], 'console')
    .outOption();
  cmd.run(async (specs: string[], opts: Record<string, string | undefined>) => {
    const format = String(opts.format);
    const metrics = metricsFlag('--metrics', String(opts.metrics));
    const alpha = fractionFlag('--alpha', String(opts.alpha), { above: 0, below: 1 });
    const minSize = numberFlag('--min-points', String(opts.minPoints), { integer: true, min: 2, max: 1000 });
    const permutations = numberFlag('--permutations', String(opts.permutations), { integer: true, min: 19, max: 100_000 });
    const seed = numberFlag('--seed', String(opts.seed), { integer: true });
    const { runs, warnings } = await readRunFiles(specs);
    if (runs.length === 0) throw new UsageError('no result files to read');
    const trend = buildTrend(runs, { metrics, scope: String(opts.scope), ...(opts.by ? { by: opts.by } : {}), minSize, alpha, permutations, seed });
    trend.warnings.unshift(...warnings);
    const doc = historyDoc(trend);
    const text = format === 'html' ? renderHistoryHtml(trend, doc) : format === 'csv' ? csvTable(historyCsvTable(trend)) : renderDoc(doc, format as DocFormat);
    await emit(text, opts.out);
    return ExitCode.Ok;
  });
}
