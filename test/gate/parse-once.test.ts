/** gate parses each monitor: expression once (not once per use or per run), and lists every problem with the request at once. */
import { describe, expect, it, vi } from 'vitest';
import { InputProblemsError, type ValidationIssue } from '../../src/errors.js';
import { runGate, type GateInput } from '../../src/gate/gate.js';
import * as monitor from '../../src/monitor/threshold.js';
import { watchedResult } from '../report/fixture.js';

// A pass-through spy: the real parser runs; the test only counts the calls.
vi.mock('../../src/monitor/threshold.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/monitor/threshold.js')>();
  return { ...real, parseMonitorExpr: vi.fn(real.parseMonitorExpr) };
});

const RSS = 'monitor:process_resident_memory_bytes';

describe('gate: a monitor: expression is parsed once', () => {
  it.each([
    ['one --slo, one run', [`${RSS}:max<1e9`], {}, 1, 1],
    ['one --slo, three runs', [`${RSS}:max<1e9`], {}, 3, 1],
    ['two profile thresholds, one run', [], { [RSS]: ['max<1e9', 'last>1'] }, 1, 2],
    ['a --slo and a profile threshold, one run', [`${RSS}:max<1e9`], { [RSS]: ['max<1e9'] }, 1, 2],
    ['a profile threshold, two runs', [], { [RSS]: ['max<1e9'] }, 2, 2],
  ])('%s', (_n, slos, thresholds, runs, parses) => {
    const parse = vi.mocked(monitor.parseMonitorExpr);
    parse.mockClear();
    const current = Array.from({ length: runs }, (_, i) => {
      const result = watchedResult();
      result.profile.thresholds = thresholds;
      return { result, name: `run-${i + 1}.json` };
    });
    const report = runGate({ current, slos });
    expect(report.checks.filter((c) => c.scope.startsWith('monitor:')).length).toBe(slos.length + Object.values(thresholds).flat().length);
    // --slo values: once per gate; a profile threshold belongs to each run's own result: once per run.
    expect(parse).toHaveBeenCalledTimes(parses);
  });
});

describe('gate: every problem with the request at once', () => {
  const problems = (input: Partial<GateInput>): ValidationIssue[] => {
    try {
      runGate({ current: [{ result: watchedResult(), name: 'run.json' }], ...input });
    } catch (err) {
      if (err instanceof InputProblemsError) return err.issues;
      throw err;
    }
    throw new Error('expected input problems');
  };

  it.each<[string, Partial<GateInput>, string[]]>([
    ['an unknown --endpoint and a bad --slo', { endpoint: 'nope', slos: ['p99 < fast'] }, ['endpoint', 'slos[0]']],
    ['an unknown --endpoint, a bad monitor --slo and a regression without a baseline', { endpoint: 'nope', slos: ['p99<1s', `${RSS}:avg<1`], regressions: ['p99:+10%'] }, ['endpoint', 'slos[1]', 'regressions']],
    ['bad --slo values in their order, parse and scope problems alike', { slos: ['nope:p99<1s', 'p99 < fast', 'total@stedy:p99<1s'] }, ['slos[0]', 'slos[1]', 'slos[2]']],
  ])('%s', (_n, input, paths) => {
    expect(problems(input).map((p) => p.path)).toEqual(paths);
  });
});
