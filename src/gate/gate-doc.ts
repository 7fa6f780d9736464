import type { Doc } from '../render/document.js';
import { CORRECTION_NAMES, formatAbsolute, formatInterval, formatP, formatRelative, formatValue } from './format.js';
import type { GateCheck, GateReport } from './gate.js';
import { runsLine, sideTitle } from './report-common.js';

/** The limit of a check as shown: `< 200 ms`, `+10%`, `+0.5 pp`, `-5%`. */
export function limitText(c: GateCheck): string {
  if (c.slo) return `${c.slo.op} ${formatValue(c.slo.value, c.unit)}`;
  const r = c.regression;
  if (!r) return c.expression;
  const signedAmount = r.worse === 'up' ? r.amount : -r.amount;
  return r.kind === 'relative' ? formatRelative(signedAmount) : formatAbsolute(signedAmount, c.unit);
}

function changeText(c: GateCheck): string {
  const r = c.regression;
  if (!r) return '';
  const abs = (c.current ?? NaN) - (c.baseline ?? NaN);
  const rel = (c.current ?? NaN) / (c.baseline ?? NaN) - 1;
  return r.kind === 'relative' ? `${formatRelative(r.change)} (${formatAbsolute(abs, c.unit)})` : `${formatAbsolute(r.change, c.unit)} (${formatRelative(rel)})`;
}

function ciText(c: GateCheck): string {
  const r = c.regression;
  if (!r) return '';
  return formatInterval(r.ci, r.kind === 'relative' ? formatRelative : (v) => formatAbsolute(v, c.unit));
}

/** The verdict cell: short; the explanation of a failed or inconclusive check goes below the table ({@link verdictNotes}). */
function verdictText(c: GateCheck): string {
  if (!c.pass) return '❌ fail';
  return c.regression?.verdict === 'inconclusive' ? '⚠️ inconclusive' : '✅ pass';
}

/** Lines under the table explaining each failed or inconclusive verdict that has a note. */
function verdictNotes(checks: GateCheck[]): string[] {
  return checks.filter((c) => c.note && (!c.pass || c.regression?.verdict === 'inconclusive')).map((c) => `${verdictText(c)} ${c.metric} (${c.scope}): ${c.note}`);
}

/** Runs per side as shown: `3 vs 3`. */
function runsText(c: GateCheck): string {
  const r = c.regression;
  return r ? `${r.runsCurrent} vs ${r.runsBaseline}` : '';
}

/** One line per failed check, for the headline and the error message. */
export function failureSummary(c: GateCheck): string {
  const where = `${c.metric} (${c.scope})`;
  if (!c.regression) return `${where} = ${formatValue(c.current, c.unit)}, limit ${limitText(c)}${c.note ? ` (${c.note})` : ''}`;
  const r = c.regression!;
  if (r.reason === 'no-data') return `${where}: ${c.note}`;
  const change = r.kind === 'relative' ? formatRelative(r.change) : formatAbsolute(r.change, c.unit);
  const runs = `${r.runsCurrent} vs ${r.runsBaseline} run${r.runsBaseline === 1 ? '' : 's'}`;
  if (r.design === 'default-band') return `${where} ${change}, limit ${limitText(c)}, ${runs}`;
  const p = formatP(r.pAdjusted);
  return `${where} ${change}, limit ${limitText(c)}, ${runs}, p${p.startsWith('<') ? p : `=${p}`}`;
}

/** Render a gate report as a document: headline verdict, one table of checks, the method in notes. */
export function gateDoc(report: GateReport): Doc {
  const total = report.checks.length;
  const failed = report.checks.filter((c) => !c.pass);
  const unsure = report.checks.filter((c) => c.regression?.verdict === 'inconclusive');
  const unsureText = unsure.length
    ? ` (${unsure.length} inconclusive — beyond the limit but not told apart from run noise: ${unsure.slice(0, 3).map(failureSummary).join('; ')}${unsure.length > 3 ? '; …' : ''})`
    : '';
  const headline = report.pass
    ? `${unsure.length ? '⚠️' : '✅'} PASS: all ${total} check${total === 1 ? '' : 's'} passed${unsureText}`
    : `❌ FAIL: ${failed.length} of ${total} checks failed: ${failed.slice(0, 3).map(failureSummary).join('; ')}${failed.length > 3 ? '; …' : ''}${unsureText}`;
  const regressions = report.checks.filter((c) => c.regression);
  const m = regressions.filter((c) => Number.isFinite(c.regression!.pValue)).length;
  const notes = [runsLine('current', report.currents)];
  if (report.baselines.length) notes.push(runsLine('baseline', report.baselines));
  if (regressions.length) {
    notes.push(
      `Regression rule: the run is the unit — each run gives one value per metric and scope. A check fails when the change (geometric means over runs for relative limits) is beyond its limit AND the evidence holds: with ≥ 2 runs per side, or one run against ≥ 3, a one-sided pooled t-test on the per-run values (ln values for relative limits; ${m > 0 ? `${CORRECTION_NAMES[report.correction]} over the ${m} tested check${m === 1 ? '' : 's'}, ` : 'none tested here, '}α = ${report.alpha}); with one run per side only a change beyond the default noise band.`,
      `CI: ${Math.round(report.confidence * 100)}% t interval of the change across runs (none with one run per side).`,
    );
    if (regressions.some((c) => c.regression!.verdict === 'inconclusive')) {
      notes.push('Inconclusive = beyond the limit but not distinguishable from run-to-run noise: it passes. To settle it, record more runs per side (interleaved with the baseline when you can), or use a looser limit if this size of change is acceptable.');
    }
  }
  const pHeader = `p (${report.correction})`;
  const rows = report.checks.map((c) => [
    c.metric,
    c.scope,
    c.source,
    c.baseline !== undefined ? formatValue(c.baseline, c.unit) : '',
    formatValue(c.current, c.unit),
    changeText(c),
    ciText(c),
    c.regression ? formatP(c.regression.pAdjusted) : '',
    limitText(c),
    runsText(c),
    verdictText(c),
  ]);
  return {
    title: `capplan gate: ${sideTitle(report.currents)}${report.baselines.length ? ` vs ${sideTitle(report.baselines)}` : ''}`,
    headline,
    warnings: report.warnings,
    sections: [
      {
        notes,
        table: {
          columns: ['metric', 'scope', 'source', 'baseline', 'current', 'change', `${Math.round(report.confidence * 100)}% CI`, pHeader, 'limit', 'runs', 'verdict'],
          rows,
          // Narrow terminals drop source first, then runs, then the p-value and the baseline (the p-value is also in the lines below), the CI last.
          priority: [0, 0, 4, 2, 0, 0, 1, 2, 0, 3, 0],
        },
        after: verdictNotes(report.checks),
      },
    ],
    data: report,
  };
}
