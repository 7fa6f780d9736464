/** The console/Markdown monitor table: the charted series first, values in their units, one source as a note, the cut stated. */
import { describe, expect, it } from 'vitest';
import { monitorNotes, monitorTable } from '../../src/report/watch-sections.js';
import type { MonitorRecordJson } from '../../src/monitor/record-schema.js';

const series = (name: string, values: number[], source = 'http://127.0.0.1:9100/metrics') => ({
  name, labels: {}, source, stepSec: 1, t: values.map((_, i) => i), mean: values, min: values, max: values, n: values.map(() => 1),
});

function record(list: ReturnType<typeof series>[]): MonitorRecordJson {
  return { everyMs: 500, sources: [...new Set(list.map((s) => s.source))].map((source) => ({ source, scrapes: 4, failures: 0 })), series: list, droppedSeries: 0 };
}

describe('monitorTable', () => {
  const m = record([
    series('nodejs_active_handles_total', [4, 19]),
    series('nodejs_eventloop_lag_min_seconds', [9223372036.854776, 0.009]),
    series('process_resident_memory_bytes', [94 * 2 ** 20, 150.5 * 2 ** 20]),
    series('nodejs_heap_size_used_bytes', [19.1 * 2 ** 20, 29 * 2 ** 20]),
  ]);

  it('charted series first (heap, then RSS), bytes in MB, seconds in ms, no source column for one source', () => {
    const t = monitorTable(m);
    expect(t.columns).toEqual(['series', 'first', 'last', 'min', 'max']);
    expect(t.rows.map((r) => r[0])).toEqual(['nodejs_heap_size_used_bytes', 'process_resident_memory_bytes', 'nodejs_active_handles_total', 'nodejs_eventloop_lag_min_seconds']);
    expect(t.rows[0].slice(1, 3)).toEqual(['19.1 MB', '29 MB']);
    // prom-client's 2^63 ns "no sample yet" minimum is not a time
    expect(t.rows[3].slice(1, 3)).toEqual(['–', '9 ms']);
    expect(monitorNotes(m)).toEqual(['scraped every 500 ms from http://127.0.0.1:9100/metrics']);
  });

  it('cut to the limit, saying so; two sources get a source column', () => {
    expect(monitorTable(m, 2).rows).toHaveLength(2);
    expect(monitorNotes(m, 2)[1]).toBe('4 series: the first 2 shown (the charted ones first); all of them are in --format csv and json');
    const two = record([series('process_resident_memory_bytes', [1]), series('process_resident_memory_bytes', [2], 'pid 4242')]);
    expect(monitorTable(two).columns).toEqual(['series', 'source', 'first', 'last', 'min', 'max']);
    expect(monitorNotes(two)).toEqual(['scraped every 500 ms']);
  });
});
