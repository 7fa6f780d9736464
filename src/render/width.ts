/**
 * Terminal width and display width of text: what "fits" means for console output.
 * Display width counts code points: box-drawing characters are 1 column, emoji with emoji
 * presentation (✅ ❌, or any character followed by VS16 as in ⚠️) and East Asian wide characters
 * are 2, combining marks and zero-width characters 0. ANSI colour codes are not counted. Pure,
 * except {@link terminalWidth}, which reads the process.
 */

/** Columns assumed when output is not a terminal and COLUMNS is not set. */
export const DEFAULT_WIDTH = 100;

/** Narrowest width honoured (a smaller COLUMNS is treated as this). */
export const MIN_WIDTH = 40;

/** The width to fit console output into: `process.stdout.columns` on a TTY, else `COLUMNS`, else 100. */
export function terminalWidth(stdout: { isTTY?: boolean; columns?: number } = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.COLUMNS);
  const w = stdout.isTTY && stdout.columns ? stdout.columns : Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, w);
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
const ZERO = /[\p{Mn}\p{Me}\u200b-\u200d\u2060\ufe00-\ufe0e]/u;
const EMOJI = /\p{Emoji_Presentation}/u;

function wide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Columns one line of text takes on a terminal (see the module comment for the rules). */
export function displayWidth(text: string): number {
  let w = 0;
  let last = 0;
  for (const ch of text.replace(ANSI, '')) {
    if (ch === '\ufe0f') {
      // VS16: the previous character is shown as a (2-column) emoji.
      if (last === 1) w += 1;
      last = 2;
      continue;
    }
    if (ZERO.test(ch)) continue;
    last = EMOJI.test(ch) || wide(ch.codePointAt(0)!) ? 2 : 1;
    w += last;
  }
  return w;
}

/** The widest line of a (multi-line) text. */
export function maxLineWidth(text: string): number {
  return text.split('\n').reduce((m, l) => Math.max(m, displayWidth(l)), 0);
}

/** Split text into pieces of at most `width` columns (hard break, for words longer than a line). */
function hardBreak(word: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of word) {
    if (cur && displayWidth(cur + ch) > width) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Word-wrap one paragraph to `width` columns; continuation lines start with `indent`.
 * Breaks at spaces; a word longer than the line is broken hard. Existing newlines are kept.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    if (displayWidth(para) <= width) {
      lines.push(lines.length ? indent + para : para);
      continue;
    }
    const lead = /^\s*/.exec(para)![0];
    let cur = lead;
    for (const word of para.slice(lead.length).split(' ')) {
      const sep = cur.trim() ? ' ' : '';
      if (displayWidth(cur + sep + word) <= width) {
        cur += sep + word;
        continue;
      }
      if (cur.trim()) lines.push(cur);
      if (displayWidth(indent + word) > width) {
        const pieces = hardBreak(word, Math.max(1, width - displayWidth(indent)));
        for (const p of pieces.slice(0, -1)) lines.push(indent + p);
        cur = indent + pieces[pieces.length - 1];
      } else cur = indent + word;
    }
    if (cur.trim()) lines.push(cur);
  }
  return lines;
}
