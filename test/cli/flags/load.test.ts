/** `capplan load` flags: every problem at once (not the first one, then the next after it is fixed). */
import { describe, expect, it } from 'vitest';
import { parseLoadFlags, type LoadFlags } from '../../../src/cli/flags/load.js';
import { usageLines } from './usage-lines.js';

const problems = (positional: string | undefined, f: LoadFlags): string[] => {
  try {
    parseLoadFlags(positional, f);
    return [];
  } catch (err) {
    return usageLines(err);
  }
};

describe('parseLoadFlags', () => {
  it.each<[string, string | undefined, LoadFlags, RegExp[]]>([
    ['valid flags', 'steady.yaml', { scale: '0.5', grace: '1s', label: ['commit=abc'] }, []],
    ['one problem is one line', 'steady.yaml', { workers: '0' }, [/^--workers: expected a number >= 1 \(got "0"\)$/]],
    [
      'every bad value and conflict at once, in flag order',
      'steady.yaml',
      { scale: '-1', duration: 'soon', quiet: true, json: true, grace: 'later', monitor: ['ftp://x'], label: ['nokey'], repeat: '0' },
      [/^--scale: expected/, /^--duration: expected a duration/, /^use either --scale or --duration/, /^use either --quiet or --json/, /^--grace: expected a duration/, /^--monitor: expected builtin or an http\(s\) URL/, /^--repeat: expected/, /^--label: expected KEY=VALUE/],
    ],
    ['no profile and a bad target', undefined, { target: 'ftp://x' }, [/^missing --profile FILE/, /target/]],
    ['the profile twice and a bad seed', 'a.yaml', { profile: 'b.yaml', seed: '1.5' }, [/^give the profile once/, /^--seed: expected/]],
  ])('%s', (_n, positional, flags, want) => {
    const got = problems(positional, flags);
    expect(got).toHaveLength(want.length);
    got.forEach((line, i) => expect(line).toMatch(want[i]));
  });
});
