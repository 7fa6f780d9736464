/**
 * GitHub-flavoured Markdown report, made for pull-request comments: the report Doc
 * (src/report/doc.ts, the same layout the console prints) rendered by the one Markdown renderer
 * (src/render/document.ts), which escapes every value: a hostile endpoint name cannot add a
 * column, inject HTML, ping anyone or carry control characters.
 */
import { renderDoc } from '../render/document.js';
import { reportDoc } from './doc.js';
import type { ReportModel } from './model.js';

/** Render the report as GitHub-flavoured Markdown. */
export function renderMarkdown(m: ReportModel): string {
  return renderDoc(reportDoc(m), 'md');
}
