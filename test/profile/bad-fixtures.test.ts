import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError, type ValidationIssue } from '../../src/errors.js';
import { loadProfile } from '../../src/profile/load.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function issuesOf(name: string): Promise<ValidationIssue[]> {
  try {
    await loadProfile(fixture(name));
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).issues;
  }
  throw new Error(`${name} loaded without errors`);
}

/** [fixture, expected issues as [path, message fragment, line, column]] — the full list, in document order. */
const CASES: Array<[string, Array<[string, string, number, number]>]> = [
  ['bad-syntax.yaml', [['', 'YAML syntax error', 5, 31]]],
  [
    'bad-unknown-key.yaml',
    [
      ['endpoints', 'required: a list', 1, 1],
      ['', 'missing the traffic shape', 1, 1],
      ['stagse', 'unknown key "stagse" (did you mean "stages"?)', 2, 1],
      ['endpoint', 'unknown key "endpoint" (did you mean "endpoints"?)', 4, 1],
    ],
  ],
  ['bad-duration.yaml', [['stages[1].duration', 'expected a duration like 30s, 5m, 1h30m (got "5 minutes")', 4, 17]]],
  ['bad-closed-rate.yaml', [['stages[1].rate', 'the closed model counts users: use users: instead of rate:', 5, 22]]],
  ['bad-target.yaml', [['target', 'expected builtin or a URL like http://127.0.0.1:8080', 1, 9]]],
  ['bad-empty.yaml', [['', 'the file is empty', NaN, NaN]]],
  ['bad-duplicate-endpoint.yaml', [['endpoints[1].name', 'duplicate endpoint name "item" (also endpoints[0].name)', 5, 13]]],
  [
    'bad-thresholds.yaml',
    [
      ['thresholds.total[1]', '"p99 under 3s" is not an SLO expression', 6, 22],
      ['thresholds.helth', '"helth" is neither total nor an endpoint name (did you mean "health"?)', 7, 3],
      ['thresholds.total@stedy', '"stedy" is not a phase of this shape (did you mean "steady"?); the shape\'s phases are steady', 8, 3],
    ],
  ],
  ['bad-thinktime.yaml', [['thinkTime.min', 'must be ≤ thinkTime.max (got min "2s" > max "100ms")', 4, 19]]],
  ['bad-no-endpoints.yaml', [['endpoints', 'must have at least 1 item', 3, 12]]],
  [
    'bad-negative.yaml',
    [
      ['stages[0].to', 'must be ≥ 0 (got -5)', 3, 26],
      ['endpoints[0].weight', 'must be > 0 (got 0)', 5, 44],
    ],
  ],
  [
    'bad-many.yaml',
    [
      ['stages[1].duration', 'expected a duration like 30s, 5m, 1h30m (got "soon")', 6, 17],
      ['stages[2].rate', 'use users: instead of rate:', 7, 22],
      ['endpoints[0].path', 'unknown parameter {idd} (did you mean "id"?)', 10, 11],
      ['endpoints[0].weight', 'must be > 0 (got -1)', 11, 13],
      ['endpoints[1].name', 'duplicate endpoint name "item"', 14, 13],
      ['endpoints[1].path', 'expected a path starting with /', 14, 25],
      ['thinkTime.min', 'must be ≤ thinkTime.max', 15, 19],
      ['thresholds.totl', '(did you mean "total"?)', 17, 3],
    ],
  ],
];

describe('bad profiles: every problem, with its path, message and line:column', () => {
  it.each(CASES)('%s', async (name, expected) => {
    const issues = await issuesOf(name);
    expect(issues.map((i) => i.path)).toEqual(expected.map((e) => e[0]));
    issues.forEach((issue, n) => {
      const [, fragment, line, column] = expected[n];
      expect(issue.message).toContain(fragment);
      if (!Number.isNaN(line)) expect([issue.line, issue.column]).toEqual([line, column]);
    });
  });

  it('the thrown message names the file and each problem on its own line', async () => {
    const err = (await loadProfile(fixture('bad-many.yaml')).catch((e: unknown) => e)) as Error;
    const lines = err.message.split('\n');
    expect(lines[0]).toBe(`${fixture('bad-many.yaml')}: 8 problems`);
    expect(lines[1]).toBe(`  ${fixture('bad-many.yaml')}:6:17: stages[1].duration: expected a duration like 30s, 5m, 1h30m (got "soon")`);
  });

  it('the syntax error hints at quoting a {param} value', async () => {
    const [issue] = await issuesOf('bad-syntax.yaml');
    expect(issue.message).toContain('must be quoted, e.g. "/item/{id}"');
  });
});
