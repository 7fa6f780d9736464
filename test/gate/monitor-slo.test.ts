/** Issue 10: gate judges the server series a run's monitor recorded (`--slo monitor:METRIC:STAT OP VALUE`, and monitor: profile thresholds). */
import { describe, expect, it } from 'vitest';
import { InputProblemsError } from '../../src/errors.js';
import { runGate } from '../../src/gate/gate.js';
import { WATCHED_SOURCE, watchedResult } from '../report/fixture.js';
import { goldenResult } from '../report/fixture.js';

const gate = (slos: string[], result = watchedResult()) => runGate({ current: [{ result, name: 'run.json' }], slos });

describe('gate --slo monitor:…', () => {
  it('max and growth are judged on the recorded series, one check per matching series', () => {
    // heap grows 20 → 31.5 MiB over 12 s (+57%); RSS stays 90–91.5 MiB; the event-loop lag peaks at 50 ms.
    const r = gate(['monitor:process_resident_memory_bytes:max<100000000', 'monitor:nodejs_heap_size_used_bytes:growth<10%', 'monitor:nodejs_eventloop_lag_seconds:max<0.1']);
    const rows = r.checks.filter((c) => c.scope.startsWith('monitor:')).map((c) => [c.scope, c.metric, c.pass]);
    expect(rows).toEqual([
      [`monitor:process_resident_memory_bytes @ ${WATCHED_SOURCE}`, 'max', true],
      [`monitor:nodejs_heap_size_used_bytes @ ${WATCHED_SOURCE}`, 'growth', false],
      [`monitor:nodejs_eventloop_lag_seconds @ ${WATCHED_SOURCE}`, 'max', true],
    ]);
    // 12 s of a heap with no GC saw-tooth: too few post-GC floors to judge growth, so the check fails saying why.
    const growth = r.checks.find((c) => c.metric === 'growth')!;
    expect(growth).toMatchObject({ unit: 'fraction', pass: false, note: expect.stringMatching(/post-GC floors .* need ≥ 5/) });
    expect(r.pass).toBe(false);
  });

  it('no monitor data, or no matching series, fails: a check with no data never passes', () => {
    expect(gate(['monitor:process_resident_memory_bytes:max<1e12'], goldenResult()).checks.find((c) => c.scope.startsWith('monitor:'))).toMatchObject({ pass: false, note: expect.stringMatching(/not monitored/) });
    expect(gate(['monitor:nope:max<1']).checks.find((c) => c.scope.startsWith('monitor:'))).toMatchObject({ pass: false, note: expect.stringMatching(/no monitored series matches nope/) });
  });

  it('a bad monitor expression is bad input, named by its --slo index', () => {
    try {
      gate(['p99<1s', 'monitor:process_resident_memory_bytes:avg<1']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputProblemsError);
      expect((e as InputProblemsError).issues).toEqual([expect.objectContaining({ path: 'slos[1]', message: expect.stringMatching(/"avg<1" is not a monitor threshold/) })]);
    }
  });

  it('monitor: thresholds in the profile are gate checks with their statistic', () => {
    const result = watchedResult();
    result.profile.thresholds = { 'monitor:process_resident_memory_bytes': ['max<100000000', 'last>1e9'] };
    expect(gate([], result).checks).toEqual([
      expect.objectContaining({ metric: 'max', source: 'profile thresholds', pass: true, unit: 'count' }),
      expect.objectContaining({ metric: 'last', source: 'profile thresholds', pass: false }),
    ]);
  });
});
