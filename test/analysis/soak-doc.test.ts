/** The soak document: one source is a note, not a column; verdict explanations go below the tables; it fits 100 and 80 columns. */
import { describe, expect, it } from 'vitest';
import { analyseSoak, type SoakMemorySeries } from '../../src/analysis/soak.js';
import { soakDoc } from '../../src/analysis/soak-doc.js';
import { renderDoc } from '../../src/render/document.js';
import { maxLineWidth } from '../../src/render/width.js';

/** A floor growing `leakMBps` under a 5 s saw-tooth of 20 MB, one sample per second. */
function series(name: string, source: string, leakMBps: number): SoakMemorySeries {
  const t = [...Array(120).keys()];
  const v = t.map((s) => (50 + leakMBps * s + 20 * ((s % 5) / 5)) * 1e6);
  return { name, source, tSec: t, min: v, max: v };
}

const pts = (f: (i: number) => number) => [...Array(20).keys()].map((i) => ({ tSec: i * 6, value: f(i) }));
const base = { p99: pts(() => 12), errorRate: pts(() => 0), bucketSec: 6, warmupSec: 10, maxGrowth: 0.1, maxErrorRise: 0.01, memoryLimitBytes: 512 * 2 ** 20 };

function doc(memory: SoakMemorySeries[]) {
  const report = analyseSoak({ ...base, memory });
  return soakDoc({ ...report, file: 'run.json', sources: [...new Set(memory.map((m) => m.source))].map((source) => ({ source, scrapes: 120, failures: 0 })) } as Parameters<typeof soakDoc>[0]);
}

describe('soakDoc', () => {
  const url = 'http://127.0.0.1:8090/metrics';
  const one = doc([series('nodejs_heap_size_used_bytes', url, 1), series('process_resident_memory_bytes', url, 0)]);

  it('one source: named in a note, no source column; each verdict explained below its table', () => {
    const memory = one.sections[0];
    expect(memory.notes).toContain(`source: ${url}`);
    expect(memory.table!.columns).not.toContain('source');
    expect(memory.after).toEqual([expect.stringMatching(/^nodejs_heap_size_used_bytes: the post-GC floor grew .* above the 10% bound$/), expect.stringMatching(/^process_resident_memory_bytes: the post-GC floor changed .* within the 10% bound$/)]);
    expect(one.sections[1].table!.columns).not.toContain('why');
    expect(one.sections[1].after).toEqual([expect.stringMatching(/^p99: /), expect.stringMatching(/^error rate: /)]);
  });

  it('two sources: a source column', () => {
    const two = doc([series('rss', url, 0), series('rss', 'pid 4242', 0)]);
    expect(two.sections[0].table!.columns).toContain('source');
    expect(two.sections[0].notes!.join('\n')).not.toMatch(/^source:/m);
  });

  it.each([100, 80])('fits %i columns', (width) => {
    expect(maxLineWidth(renderDoc(one, 'console', width))).toBeLessThanOrEqual(width);
  });
});
