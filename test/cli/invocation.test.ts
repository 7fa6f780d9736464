import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capplanPrefix, shellQuote } from '../../src/cli/invocation.js';

const dir = mkdtempSync(join(tmpdir(), 'capplan-path-'));
const withBin = join(dir, 'bin');
const npmBin = join(dir, 'node_modules', '.bin');
for (const d of [withBin, npmBin]) {
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'capplan'), '#!/bin/sh\n');
  chmodSync(join(d, 'capplan'), 0o755);
}
const empty = join(dir, 'empty');
mkdirSync(empty);

describe('capplanPrefix', () => {
  it.each([
    ['capplan on the PATH', { PATH: [empty, withBin].join(delimiter) }, 'capplan'],
    ['not on the PATH', { PATH: empty }, 'npx capplan'],
    ['only in node_modules/.bin (inside an npm script)', { PATH: npmBin }, 'npx capplan'],
    ['run through npx', { PATH: withBin, npm_command: 'exec' }, 'npx capplan'],
    ['no PATH at all', {}, 'npx capplan'],
  ])('%s → %s', (_, env, expected) => expect(capplanPrefix(env)).toBe(expected));
});

describe('shellQuote', () => {
  it.each([
    ['reports/a-1.json', 'reports/a-1.json'],
    ['my report.json', "'my report.json'"],
    ["it's", `'it'\\''s'`],
    ['$(rm -rf x)', "'$(rm -rf x)'"],
  ])('%s → %s', (arg, expected) => expect(shellQuote(arg)).toBe(expected));
});
