/** `capplan load`: a bad flag does not hide the profile's own problems; both come in one error. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLoadSettings } from '../../../src/cli/flags/load-profile.js';
import type { LoadFlags } from '../../../src/cli/flags/load.js';
import { usageLines } from './usage-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'capplan-load-settings-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const GOOD = file('good.yaml', 'target: builtin\nshape: { type: steady, rate: 5, duration: 1s }\nendpoints:\n  - { name: home, path: / }\n');
const BAD = file('bad.yaml', 'stages:\n  - { duration: 0s, to: 10, name: warm }\nendpoints:\n  - { name: home, path: / }\nthresholds:\n  total@wram: p99<1s\n');

function problems(positional: string | undefined, flags: LoadFlags): Promise<string[]> {
  return parseLoadSettings(positional, flags).then(() => [], usageLines);
}

describe('parseLoadSettings', () => {
  it.each<[string, string | undefined, LoadFlags, RegExp[]]>([
    ['good flags: the settings (the profile is read later, as always)', BAD, {}, []],
    ['a bad flag and a good profile: the flag alone', GOOD, { scale: '-1' }, [/^--scale: expected/]],
    [
      'bad flags and a bad profile: every problem in one list',
      BAD,
      { scale: '-1', grace: 'soon' },
      [/^--scale: expected/, /^--grace: expected/, /bad\.yaml:1:1: missing target/, /bad\.yaml:2:17: stages\[0\]\.duration: must be longer than 0/, /bad\.yaml:6:3: thresholds\.total@wram: "wram" is not a phase of this shape \(did you mean "warm"\?\)/],
    ],
    ['a bad --target stands for the profile\'s target (no "missing target")', BAD, { target: 'ftp://x' }, [/^--target: expected/, /stages\[0\]\.duration/, /thresholds\.total@wram/]],
    ['a bad flag and a missing profile', join(dir, 'nope.yaml'), { workers: '0' }, [/^--workers: expected/, /nope\.yaml: no such file/]],
  ])('%s', async (_n, positional, flags, want) => {
    const got = await problems(positional, flags);
    expect(got).toHaveLength(want.length);
    got.forEach((line, i) => expect(line).toMatch(want[i]));
  });
});
