/**
 * Escape a value for a GitHub-flavoured Markdown table cell: pipes, backticks,
 * HTML, emphasis/link characters and newlines cannot break the table or inject markup.
 * An `@` gets a zero-width space after it, so a name like `@org/team` cannot mention
 * (notify) anyone when the Markdown is posted as a pull-request comment.
 */
export function escapeMarkdown(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n|\r/g, ' ')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1')
    .replace(/@/g, '@\u200b');
}

/** Characters that make a spreadsheet treat a cell as a formula when they lead it. */
const FORMULA_LEAD = /^[=+\-@\t\r]/;

/**
 * Neutralise CSV formula injection: a string cell beginning with `=`, `+`, `-`, `@`,
 * tab or CR gets a leading `'` so spreadsheets show it as text. Numbers pass unchanged.
 */
export function csvSafe(value: unknown): string | number {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return '';
  const s = String(value);
  return FORMULA_LEAD.test(s) ? `'${s}` : s;
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
