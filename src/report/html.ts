import type { ReportModel } from './model.js';
/** Placeholder, replaced below. */
export function renderHtml(m: ReportModel): string {
  return `<!doctype html><title>${m.title}</title>`;
}
