import { execFile } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/paths.js';

/** Run the built CLI from the project root (needs `npx tsc -p .` first, as `npm test` does). */
function capplan(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete fullEnv[k];
  return new Promise((resolve) => {
    execFile(process.execPath, [join(packageRoot(), 'bin/capplan.js'), ...args], { cwd: packageRoot(), env: fullEnv, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

const FIXTURES = join(packageRoot(), 'test/profile/fixtures');
/** A few representative fixtures; every fixture's exact issues are checked in-process (bad-fixtures.test.ts). */
const BAD = ['bad-many.yaml', 'bad-syntax.yaml', 'bad-empty.yaml', 'bad-unknown-key.yaml'];

describe('capplan load with a bad profile (end to end)', () => {
  it.each(BAD)('%s: exit 2, every problem on stderr as file:line:col: path: message, no stack', async (f) => {
    const rel = relative(packageRoot(), join(FIXTURES, f));
    const r = await capplan(['load', rel]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^capplan: ${rel.replace(/[.]/g, '\\.')}: \\d+ problems?\\n`));
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    for (const line of r.stderr.trim().split('\n').slice(1)) expect(line).toMatch(new RegExp(`^  ${rel.replace(/[.]/g, '\\.')}(:\\d+:\\d+)?: `));
  });

  it('an unset ${env:NAME} stops the run before any request (exit 2), naming the header and never a value', async () => {
    const r = await capplan(['load', 'test/profile/fixtures/needs-env.yaml'], { API_TOKEN: undefined });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('endpoints[0].headers.Authorization: environment variable API_TOKEN is not set');
  });

  it('a missing profile is exit 2 with "no such file"', async () => {
    const r = await capplan(['load', 'profiles/does-not-exist.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('profiles/does-not-exist.yaml: no such file');
  });
});
