/** Helpers for the forecast and cost CLI tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

/** A temporary directory for one describe block: register beforeAll/afterAll hooks; `path(name)` names a file in the directory, `write(name, text)` creates one. */
export function useTempDir(prefix: string): { path: (name: string) => string; write: (name: string, text: string) => string } {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = (name: string): string => join(dir, name);
  return {
    path,
    write: (name, text) => {
      writeFileSync(path(name), text);
      return path(name);
    },
  };
}

/** A CLI run refused bad input: exit 2, nothing on stdout, `message` on stderr, no stack trace. */
export function expectBadInput(r: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}
