/** C0 controls (tab and newline included), DEL and C1 controls: never printed raw. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Make control characters visible instead of acting on a terminal or file: each C0 (ESC, BEL, tab,
 * newline, …), DEL or C1 character becomes `\xHH` (ESC → `\x1B`). Every renderer applies it to every
 * cell, title and note, so a hostile endpoint name cannot clear the screen or set the window title.
 */
export function escapeControl(value: unknown): string {
  return String(value ?? '').replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * JSON text (2-space indent) with C1 controls written as `\u0080`…`\u009F` escapes: JSON.stringify
 * already escapes C0, but leaves C1 raw. Same JSON value, no raw control character in the file.
 */
export function jsonText(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Escape a value for a GitHub-flavoured Markdown table cell: pipes, backticks,
 * HTML, emphasis/link characters and newlines cannot break the table or inject markup.
 * An `@` gets a zero-width space after it, so a name like `@org/team` cannot mention
 * (notify) anyone when the Markdown is posted as a pull-request comment.
 */
export function escapeMarkdown(value: unknown): string {
  return escapeControl(String(value ?? '').replace(/\r?\n|\r/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
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
  const s = escapeControl(value);
  return FORMULA_LEAD.test(s) ? `'${s}` : s;
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return escapeControl(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
