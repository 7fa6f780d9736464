import type { Doc } from '../render/document.js';
import { CORRECTION_NAMES, formatAbsolute, formatInterval, formatP, formatRelative, formatValue } from './format.js';
import type { GateCheck, GateReport } from './gate.js';
import type { RunRef } from './report-common.js';

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
  const cmp = r.comparison;
  return r.kind === 'relative'
    ? `${formatRelative(cmp.relChange)} (${formatAbsolute(cmp.absChange, c.unit)})`
    : `${formatAbsolute(cmp.absChange, c.unit)} (${formatRelative(cmp.relChange)})`;
}

function ciText(c: GateCheck): string {
  const r = c.regression;
  if (!r) return '';
  return formatInterval(r.ci, r.kind === 'relative' ? formatRelative : (v) => formatAbsolute(v, c.unit));
}

function verdictText(c: GateCheck): string {
  if (!c.pass) return '❌ fail' + (c.note ? ` (${c.note})` : '');
  return c.regression?.verdict === 'inconclusive' ? `⚠️ ${c.note}` : '✅ pass';
}

function runLine(label: string, r: RunRef): string {
  return `${label}: ${r.file} (profile "${r.profile}", ${r.durationSec} s, ${r.requests} requests, started ${r.startedAt})`;
}

/** One line per failed check, for the headline and the error message. */
export function failureSummary(c: GateCheck): string {
  const where = `${c.metric} (${c.scope})`;
  if (!c.regression) return `${where} = ${formatValue(c.current, c.unit)}, limit ${limitText(c)}${c.note ? ` (${c.note})` : ''}`;
  const r = c.regression!;
  const change = r.kind === 'relative' ? formatRelative(r.change) : formatAbsolute(r.change, c.unit);
  const p = formatP(r.pAdjusted);
  return `${where} ${change}, limit ${limitText(c)}, p${p.startsWith('<') ? p : `=${p}`}`;
}

/** Render a gate report as a document: headline verdict, one table of checks, the method in notes. */
export function gateDoc(report: GateReport): Doc {
  const total = report.checks.length;
  const failed = report.checks.filter((c) => !c.pass);
  const unsure = report.checks.filter((c) => c.regression?.verdict === 'inconclusive');
  const unsureText = unsure.length
    ? ` (${unsure.length} inconclusive — beyond the limit but not significant: ${unsure.slice(0, 3).map(failureSummary).join('; ')}${unsure.length > 3 ? '; …' : ''})`
    : '';
  const headline = report.pass
    ? `${unsure.length ? '⚠️' : '✅'} PASS: all ${total} check${total === 1 ? '' : 's'} passed${unsureText}`
    : `❌ FAIL: ${failed.length} of ${total} checks failed: ${failed.slice(0, 3).map(failureSummary).join('; ')}${failed.length > 3 ? '; …' : ''}${unsureText}`;
  const regressions = report.checks.filter((c) => c.regression);
  const m = regressions.length;
  const notes = [runLine('current', report.current)];
  if (report.baseline) notes.push(runLine('baseline', report.baseline));
  if (regressions.length) {
    notes.push(
      `Regression rule: a check fails when the change is beyond its limit AND either significant (one-sided Mann–Whitney U over per-second values of the whole seconds — partial first/last seconds left out — ${CORRECTION_NAMES[report.correction]} over ${m} regression check${m === 1 ? '' : 's'}, α = ${report.alpha}) or its one-sided bootstrap bound at α/m = ${formatP(report.alpha / m)} (Bonferroni) is beyond the limit too.`,
      `CI: ${Math.round(report.confidence * 100)}% bootstrap percentile interval of the change, ${report.resamples} resamples of whole seconds (seed ${report.seed}).`,
    );
    if (regressions.some((c) => c.regression!.verdict === 'inconclusive')) {
      notes.push(
        'Inconclusive = beyond the limit but neither significant nor bound beyond it: it passes, but the run cannot tell a regression from noise. To settle it: rerun baseline and current for about the whole seconds named in the verdict (n·(z_needed/z_now)², z_needed = Φ⁻¹(1 − α/m)), on a quieter machine, or with a looser limit if this size of change is acceptable.',
      );
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
    verdictText(c),
  ]);
  return {
    title: `capplan gate: ${report.current.file}${report.baseline ? ` vs ${report.baseline.file}` : ''}`,
    headline,
    warnings: report.warnings,
    sections: [
      {
        notes,
        table: { columns: ['metric', 'scope', 'source', 'baseline', 'current', 'change', `${Math.round(report.confidence * 100)}% CI`, pHeader, 'limit', 'verdict'], rows },
      },
    ],
    data: report,
  };
}
