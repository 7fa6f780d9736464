/**
 * Issue 9 cases 5, 6 and 7 through the built CLI: a result file with wrong types is refused naming file and
 * field; a password in --target never reaches output; ESC and BEL in an endpoint name never reach any renderer raw.
 */
import { describe, expect, it } from 'vitest';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { runCli } from './analysis-cli.js';
import { useTempDir } from './cli-helpers.js';

const HOSTILE = 'api\u001b]0;PWNED\u0007\u001b[2J';

describe('issue 9: hostile inputs through the CLI', () => {
  const tmp = useTempDir('capplan-hostile-');

  it.each([['console'], ['md'], ['csv'], ['html']])('case 7: ESC/BEL in an endpoint name are escaped in report --format %s', async (format) => {
    const file = tmp.write(`esc-${format}.json`, JSON.stringify(syntheticResult({ endpoints: [{ name: HOSTILE, rps: 20, medianMs: 5 }], seconds: 3 })));
    const r = await runCli(['report', file, '--format', format]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    expect(r.stdout).toContain('api');
  });

  it('case 7: compare escapes them too', async () => {
    const a = tmp.write('cmp-a.json', JSON.stringify(syntheticResult({ endpoints: [{ name: HOSTILE, rps: 20, medianMs: 5 }], seconds: 6, seed: 1 })));
    const b = tmp.write('cmp-b.json', JSON.stringify(syntheticResult({ endpoints: [{ name: HOSTILE, rps: 20, medianMs: 5 }], seconds: 6, seed: 2 })));
    const r = await runCli(['compare', a, b, '--format', 'md']);
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  });

  it('case 5: wrong types inside intervals → exit 2 naming the file and the field (report and gate alike)', async () => {
    const bad = syntheticResult({ endpoints: [{ name: 'api', rps: 20, medianMs: 5 }], seconds: 3 }) as unknown as { intervals: Array<{ endpoints: Record<string, { latency: unknown }> }> };
    bad.intervals[0].endpoints.api.latency = 42;
    const file = tmp.write('bad-types.json', JSON.stringify(bad));
    for (const args of [['report', file], ['gate', file, '--slo', 'p99<1s']]) {
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toContain('intervals[0].endpoints.api.latency');
      expect(r.stderr).not.toMatch(/unexpected error|at .*\.js/);
    }
  });

  it('case 6: a password in --target is redacted as user:***@', async () => {
    const r = await runCli(['load', 'profiles/steady.yaml', '--target', 'http://user:SECRET@127.0.0.1:1', '--duration', '1s', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain('SECRET');
    expect(r.stderr).toContain('user:***@');
  });
});
