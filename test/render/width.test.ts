import { describe, expect, it } from 'vitest';
import { displayWidth, terminalWidth, wrapText } from '../../src/render/width.js';

describe('displayWidth', () => {
  it.each([
    ['plain ASCII', 'abc', 3],
    ['box drawing is 1 column each', '┌──┐', 4],
    ['✅ and ❌ are 2 columns', '✅ ok ❌', 8],
    ['⚠️ (U+26A0 + VS16) is 2 columns', '⚠️ x', 4],
    ['narrow no-break space is 1 column', '1\u202f000', 5],
    ['ANSI colour codes take no column', '\x1b[31mred\x1b[39m', 3],
    ['CJK is 2 columns', '日本', 4],
    ['combining mark takes no column', 'e\u0301', 1],
  ])('%s', (_name, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('terminalWidth', () => {
  it.each([
    ['a TTY: its columns', { isTTY: true, columns: 120 }, { COLUMNS: '80' }, 120],
    ['not a TTY: COLUMNS', { isTTY: false, columns: undefined }, { COLUMNS: '80' }, 80],
    ['not a TTY, no COLUMNS: 100', {}, {}, 100],
    ['bad COLUMNS: 100', {}, { COLUMNS: 'wide' }, 100],
    ['tiny COLUMNS: the minimum 40', {}, { COLUMNS: '10' }, 40],
  ])('%s', (_name, stdout, env, width) => {
    expect(terminalWidth(stdout, env)).toBe(width);
  });
});

describe('wrapText', () => {
  it('breaks at spaces, indents continuation lines, keeps every word', () => {
    const text = 'the quick brown fox jumps over the lazy dog';
    const lines = wrapText(text, 15, '  ');
    expect(lines).toEqual(['the quick brown', '  fox jumps', '  over the lazy', '  dog']);
    expect(lines.every((l) => displayWidth(l) <= 15)).toBe(true);
  });

  it('breaks a word longer than the line hard', () => {
    expect(wrapText('aaaaaaaaaaaa', 5)).toEqual(['aaaaa', 'aaaaa', 'aa']);
  });

  it('leaves a line that fits alone', () => {
    expect(wrapText('short', 80)).toEqual(['short']);
  });
});
