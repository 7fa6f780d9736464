/**
 * JSON report: the report model itself (`schema: "capplan-report/1"`), pretty-printed with
 * number arrays kept on one line so long runs stay readable and small.
 */
import type { ReportModel } from './model.js';
import { jsonText } from '../render/escape.js';

/** Arrays holding only numbers/null, as printed by JSON.stringify with indentation. */
const NUMERIC_ARRAY = /\[\n\s*((?:-?[\d.eE+-]+|null)(?:,\n\s*(?:-?[\d.eE+-]+|null))*)\n\s*\]/g;

/** Render the report model as stable JSON (keys in model order, trailing newline). */
export function renderJson(m: ReportModel): string {
  const text = jsonText(m);
  return text.replace(NUMERIC_ARRAY, (_all, body: string) => `[${body.replace(/,\n\s*/g, ', ')}]`) + '\n';
}
