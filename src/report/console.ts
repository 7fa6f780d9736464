/**
 * The report on a terminal: what `capplan load` prints at the end of a run, `capplan report
 * --format console` and `capplan demo`. The same report Doc (src/report/doc.ts) as Markdown, from
 * the same ReportModel as every other format, rendered by the one console renderer (colour only
 * when chalk detects a TTY).
 */
import { renderDoc } from '../render/document.js';
import type { ResultFile } from '../results/types.js';
import { reportDoc } from './doc.js';
import { buildReportModel, type ReportModel } from './model.js';

/** Render a report model for the console, fitted into `width` columns (default: the terminal's). */
export function renderConsole(m: ReportModel, width?: number): string {
  return renderDoc(reportDoc(m), 'console', width);
}

/** Build the report model of a result (its thresholds checked) and render it for the console. */
export function renderConsoleSummary(result: ResultFile, width?: number): string {
  return renderConsole(buildReportModel(result), width);
}
