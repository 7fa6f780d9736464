import type { CapplanCommand } from '../command.js';
import { ExitCode, UsageError } from '../../errors.js';
import { readResultFile } from '../../results/read.js';
import type { ResultFile } from '../../results/types.js';
import { emit } from '../../render/output.js';
import { buildReportModel } from '../../report/model.js';

/** Formats `capplan report` writes. */
export const REPORT_FORMATS = ['console', 'md', 'csv', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

interface ReportOptions {
  format: ReportFormat;
  out?: string;
  summary?: boolean;
}

/** `capplan report RESULT.json [--format console|md|csv|json|html] [--out FILE] [--summary]`. */
export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<result>', 'result file written by `capplan load` (or - for stdin)')
    .formatOption(REPORT_FORMATS, 'console')
    .outOption()
    .option('--summary', 'csv only: one row per endpoint instead of the per-second series')
    .run(async (resultPath: string, opts: ReportOptions) => {
      const format = opts.format;
      if (opts.summary && format !== 'csv') throw new UsageError('--summary applies to --format csv only');
      const result = await readResultFile(resultPath);
      await emit(await renderReport(result, format, { summary: opts.summary ?? false }), opts.out);
      return ExitCode.Ok;
    });
}

/** Render a result file in one format. Renderers are imported lazily: only the one used is loaded. */
export async function renderReport(result: ResultFile, format: ReportFormat, opts: { summary: boolean }): Promise<string> {
  const model = buildReportModel(result);
  switch (format) {
    case 'console':
      return (await import('../../report/console.js')).renderConsole(model);
    case 'md':
      return (await import('../../report/markdown.js')).renderMarkdown(model);
    case 'csv': {
      const csv = await import('../../report/csv.js');
      return opts.summary ? csv.renderSummaryCsv(model) : csv.renderSeriesCsv(model);
    }
    case 'json':
      return (await import('../../report/json.js')).renderJson(model);
    case 'html':
      return (await import('../../report/html.js')).renderHtml(model);
  }
}
