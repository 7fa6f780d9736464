import type { Doc, DocTable } from '../render/document.js';
import { CORRECTION_NAMES, formatAbsolute, formatBand, formatInterval, formatP, formatRelative, formatValue } from './format.js';
import type { CompareReport, CompareRow } from './compare.js';
import { runsLine, sideTitle } from './report-common.js';
import { DEFAULT_NOISE_BANDS, MIN_BAND_RUNS } from './run-verdict.js';

/** B/A − 1 and B − A of a row's typical values (geometric means over runs, or means for error_rate). */
function changes(r: CompareRow): { rel: number; abs: number; ciRel: [number, number]; ciAbs: [number, number] } {
  const ev = r.evidence!;
  const rel = ev.baseline !== 0 ? ev.current / ev.baseline - 1 : ev.current === 0 ? 0 : Infinity;
  const abs = ev.current - ev.baseline;
  // The interval is on the comparison's scale: relative (ratio − 1) for latency and rps, absolute for error_rate.
  const relative = r.unit !== 'fraction';
  const ciRel: [number, number] = relative ? ev.ci : ev.baseline > 0 ? [ev.ci[0] / ev.baseline, ev.ci[1] / ev.baseline] : [NaN, NaN];
  const ciAbs: [number, number] = relative ? [ev.ci[0] * ev.baseline, ev.ci[1] * ev.baseline] : ev.ci;
  return { rel, abs, ciRel, ciAbs };
}

const listed = (rows: CompareRow[]) => `${rows.slice(0, 4).map((r) => `${r.metric} (${r.scope}) ${formatRelative(changes(r).rel)}`).join(', ')}${rows.length > 4 ? ', …' : ''}`;

/** The last cell: whether the runs show a difference, by the design they allow. */
function differenceText(r: CompareRow): string {
  if (!r.evidence) return r.note ?? '';
  if (r.beyondBand !== undefined) return r.beyondBand ? 'beyond noise band' : 'within noise band';
  return r.significant ? 'yes' : 'no';
}

/** Render a comparison as a document: one row per scope × metric, B relative to A. */
export function compareDoc(report: CompareReport): Doc {
  const compared = report.rows.filter((r) => r.evidence);
  const tested = compared.filter((r) => r.pAdjusted !== undefined);
  const banded = compared.filter((r) => r.beyondBand !== undefined);
  const parts: string[] = [];
  if (tested.length) {
    const sig = tested.filter((r) => r.significant);
    parts.push(sig.length ? `${sig.length} of ${tested.length} differences are significant: ${listed(sig)}` : `no significant difference in ${tested.length} comparisons`);
    // Rows whose interval excludes 0 but whose corrected p is not below α: a shift too few runs cannot confirm.
    const unsure = tested.filter((r) => !r.significant && (r.evidence!.ci[0] > 0 || r.evidence!.ci[1] < 0));
    if (unsure.length) parts.push(`inconclusive: ${listed(unsure)} (the interval excludes 0 but the corrected test is not significant: record more runs per side)`);
  }
  if (banded.length) {
    const beyond = banded.filter((r) => r.beyondBand);
    parts.push(
      `one run per side cannot separate run noise from a change; ${beyond.length ? `beyond the noise band of identical runs: ${listed(beyond)}` : `no change beyond the noise band of identical runs in ${banded.length} comparisons`} (record ≥ ${MIN_BAND_RUNS} runs per side for a test)`,
    );
  }
  if (!compared.length) parts.push('nothing to compare');
  const notes = [runsLine('A', report.a), runsLine('B', report.b)];
  notes.push(
    'The run is the unit, as in gate: each run gives one value per metric and scope (its pXX, rps or error rate); A and B are the geometric means over runs (means for error_rate); change = B − A and B/A − 1.',
  );
  if (tested.length) {
    notes.push(
      `Significance: two-sided pooled t-test on the per-run values (ln values for latency and rps), ${CORRECTION_NAMES[report.correction]} over ${tested.length} comparisons, α = ${report.alpha}; CI: ${Math.round(report.confidence * 100)}% t interval of the change across runs.`,
    );
  }
  if (banded.length) {
    const metrics = [...new Set(banded.map((r) => r.metric))];
    notes.push(
      `One run per side: no test (no p-value, no interval). A change is flagged only beyond the default noise band of two runs of the same system, either way (as gate's 1 vs 1: ${metrics.map((m) => `${m} ${formatBand(m, DEFAULT_NOISE_BANDS[m])}`).join(', ')}).`,
    );
  }
  const rows = report.rows.map((r) => {
    if (!r.evidence) return [r.scope, r.metric, '', '', '', '', '', '', '', r.note ?? ''];
    const c = changes(r);
    const ev = r.evidence;
    return [
      r.scope,
      r.metric,
      formatValue(ev.baseline, r.unit),
      formatValue(ev.current, r.unit),
      formatAbsolute(c.abs, r.unit),
      formatRelative(c.rel),
      r.unit === 'fraction' ? formatInterval(c.ciAbs, (v) => formatAbsolute(v, r.unit)) : formatInterval(c.ciRel, formatRelative),
      formatP(r.pAdjusted),
      `${ev.runsBaseline} vs ${ev.runsCurrent}`,
      differenceText(r),
    ];
  });
  return {
    title: `capplan compare: ${sideTitle(report.a)} (A) → ${sideTitle(report.b)} (B)`,
    headline: parts.join('; '),
    warnings: report.warnings,
    sections: [
      {
        notes,
        table: {
          columns: ['scope', 'metric', 'A', 'B', 'change', 'change %', `${Math.round(report.confidence * 100)}% CI`, `p (${report.correction})`, 'runs', 'difference'],
          rows,
          // Narrow terminals drop the CI, the runs and the absolute change first, then A, B and p.
          priority: [0, 0, 1, 1, 2, 0, 2, 1, 2, 0],
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
 * `p_value` two-sided and raw, `p_adjusted` after `correction`; `significant` true/false (empty
 * without a test); `beyond_noise_band` true/false for one run per side (empty with a test).
 */
export function compareCsvTable(report: CompareReport): DocTable {
  const columns = [
    'scope', 'metric', 'unit', 'a_value', 'b_value', 'change', 'change_pct', 'ci_low', 'ci_high', 'ci_low_pct', 'ci_high_pct', 'confidence',
    'p_value', 'p_adjusted', 'correction', 'significant', 'beyond_noise_band', 'runs_a', 'runs_b', 'note',
  ];
  const rows = report.rows.map((r) => {
    const ev = r.evidence;
    const c = ev ? changes(r) : undefined;
    const pct = (v: number | undefined) => raw(v === undefined ? undefined : v * 100);
    const tested = r.pAdjusted !== undefined;
    return [
      r.scope,
      r.metric,
      CSV_UNITS[r.unit],
      raw(ev?.baseline),
      raw(ev?.current),
      raw(c?.abs),
      pct(c?.rel),
      raw(c?.ciAbs[0]),
      raw(c?.ciAbs[1]),
      pct(c?.ciRel[0]),
      pct(c?.ciRel[1]),
      tested ? report.confidence : '',
      raw(r.pTwoSided),
      raw(r.pAdjusted),
      tested ? report.correction : '',
      tested ? r.significant === true : '',
      r.beyondBand ?? '',
      ev ? ev.runsBaseline : '',
      ev ? ev.runsCurrent : '',
      r.note ?? '',
    ];
  });
  return { columns, rows };
}
