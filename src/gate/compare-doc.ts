import type { Doc, DocTable } from '../render/document.js';
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
          // Narrow terminals drop the CI and the absolute change first, then A, B and p.
          priority: [0, 0, 1, 1, 2, 0, 2, 1, 0],
        },
      },
    ],
    data: report,
  };
}

/** Units of the csv `unit` column: latency in ms, rps in requests per second, error_rate as a fraction (0.01 = 1%). */
const CSV_UNITS = { ms: 'ms', 'per-sec': 'per_sec', fraction: 'fraction' } as const;

/** A number for csv: raw (12 significant digits, no float noise), empty when NaN or infinite. */
const raw = (v: number | undefined): number | string => (v === undefined || !Number.isFinite(v) ? '' : Number(v.toPrecision(12)));

/**
 * The comparison as a machine-friendly csv table: snake_case headers, raw numbers (never
 * formatted or formula-guarded), values in the row's `unit`; percentages as numbers of percent;
 * `p_value` two-sided and raw, `p_adjusted` after `correction`; `significant` true/false.
 */
export function compareCsvTable(report: CompareReport): DocTable {
  const columns = ['scope', 'metric', 'unit', 'a_value', 'b_value', 'change', 'change_pct', 'ci_low_pct', 'ci_high_pct', 'confidence', 'p_value', 'p_adjusted', 'correction', 'significant', 'n_seconds_a', 'n_seconds_b', 'note'];
  const rows = report.rows.map((r) => {
    const c = r.comparison;
    const pct = (v: number | undefined) => raw(v === undefined ? undefined : v * 100);
    return [
      r.scope,
      r.metric,
      CSV_UNITS[r.unit],
      raw(c?.baseline),
      raw(c?.current),
      raw(c?.absChange),
      pct(c?.relChange),
      pct(c?.ciRel[0]),
      pct(c?.ciRel[1]),
      c ? report.confidence : '',
      raw(c?.pTwoSided),
      raw(r.pAdjusted),
      c ? report.correction : '',
      c ? r.significant === true : '',
      c ? c.nBaseline : '',
      c ? c.nCurrent : '',
      r.note ?? '',
    ];
  });
  return { columns, rows };
}
