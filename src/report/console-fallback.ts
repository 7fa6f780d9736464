/**
 * Console rendering of the report model through the shared Doc renderer. `report --format console`
 * uses the engine's console summary (src/report/console.ts) when it is available and this otherwise.
 */
import { renderDoc, type Doc } from '../render/document.js';
import type { ReportModel } from './model.js';
import { LATENCY_COLUMNS, PHASE_COLUMNS, THROUGHPUT_COLUMNS, latencyRow, phaseRow, runDetailRows, throughputRow } from './markdown.js';

/** The report model as a renderer-neutral document (throughput, latency, phases, run details). */
export function reportDoc(m: ReportModel): Doc {
  const all = [...m.summary.endpoints, m.summary.total];
  return {
    title: `capplan report: ${m.title}`,
    headline: m.verdict.headline,
    warnings: [...m.verdict.reasons, ...m.warnings],
    sections: [
      { heading: 'Throughput and errors', table: { columns: THROUGHPUT_COLUMNS, rows: all.map(throughputRow) } },
      { heading: 'Latency (ms, from intended send time)', table: { columns: LATENCY_COLUMNS, rows: all.map(latencyRow) } },
      ...(m.phases.length > 1 ? [{ heading: 'Phases', table: { columns: PHASE_COLUMNS, rows: m.phases.map(phaseRow) } }] : []),
      { heading: 'Run', table: { columns: ['', ''], rows: runDetailRows(m) } },
    ],
    data: m,
  };
}

/** Render the report model as console tables. */
export function renderConsoleFallback(m: ReportModel): string {
  return renderDoc(reportDoc(m), 'console');
}
