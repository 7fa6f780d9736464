import type { Doc } from '../render/document.js';
import { CORRECTION_NAMES, formatAbsolute, formatInterval, formatP, formatRelative, formatValue } from './format.js';
import type { CompareReport } from './compare.js';

/** Render a comparison as a document: one row per scope × metric, B relative to A. */
export function compareDoc(report: CompareReport): Doc {
  const sig = report.rows.filter((r) => r.significant);
  const headline = sig.length
    ? `${sig.length} of ${report.rows.length} differences are significant: ${sig.slice(0, 4).map((r) => `${r.metric} (${r.scope}) ${formatRelative(r.comparison!.relChange)}`).join(', ')}${sig.length > 4 ? ', …' : ''}`
    : `no significant difference in ${report.rows.length} comparisons`;
  // Rows whose interval excludes 0 but whose corrected p is not below α: a shift the run is too short to confirm.
  const unsure = report.rows.filter((r) => r.comparison && !r.significant && (r.comparison.ciRel[0] > 0 || r.comparison.ciRel[1] < 0));
  const unsureText = unsure.length
    ? `; inconclusive: ${unsure.slice(0, 4).map((r) => `${r.metric} (${r.scope}) ${formatRelative(r.comparison!.relChange)}`).join(', ')}${unsure.length > 4 ? ', …' : ''} (the interval excludes 0 but the rank test is not significant after correction: too few whole seconds (${Math.min(...unsure.map((r) => Math.min(r.comparison!.nBaseline, r.comparison!.nCurrent)))}) or too noisy; rerun longer)`
    : '';
  const rows = report.rows.map((r) => {
    const c = r.comparison;
    if (!c) return [r.scope, r.metric, '', '', '', '', '', '', r.note ?? ''];
    return [
      r.scope,
      r.metric,
      formatValue(c.baseline, r.unit),
      formatValue(c.current, r.unit),
      formatAbsolute(c.absChange, r.unit),
      formatRelative(c.relChange),
      formatInterval(c.ciRel, formatRelative),
      formatP(r.pAdjusted),
      r.significant ? 'yes' : 'no',
    ];
  });
  return {
    title: `capplan compare: ${report.a.file} (A) → ${report.b.file} (B)`,
    headline: headline + unsureText,
    warnings: report.warnings,
    sections: [
      {
        notes: [
          `A: ${report.a.file} (profile "${report.a.profile}", ${report.a.durationSec} s, ${report.a.requests} requests)`,
          `B: ${report.b.file} (profile "${report.b.profile}", ${report.b.durationSec} s, ${report.b.requests} requests)`,
          `change = B − A and B/A − 1; significance: two-sided Mann–Whitney U over per-second values of the whole seconds (partial first/last seconds left out), ${CORRECTION_NAMES[report.correction]} over ${report.rows.filter((r) => r.comparison).length} comparisons, α = ${report.alpha}.`,
          `CI: ${Math.round(report.confidence * 100)}% bootstrap percentile interval of B/A − 1, ${report.resamples} resamples of whole seconds (seed ${report.seed}).`,
        ],
        table: {
          columns: ['scope', 'metric', 'A', 'B', 'change', 'change %', `${Math.round(report.confidence * 100)}% CI`, `p (${report.correction})`, 'significant'],
          rows,
        },
      },
    ],
    data: report,
  };
}
