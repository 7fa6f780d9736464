/** A merged sharded run's report shows each shard's generator health, in every format (issue 12). */
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/model.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import type { ResultFile } from '../../src/results/types.js';
import { mergeShards } from '../../src/shard/merge-shards.js';
import { expectGolden } from '../helpers/golden.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

const START = Date.UTC(2026, 10, 29, 21, 30, 0);
function shard(index: number): ResultFile {
  const r = syntheticResult({ name: 'checkout', endpoints: [{ name: 'pay', rps: 100, medianMs: 30 }], seconds: 5, seed: index + 3, startEpochMs: START, dropped: index === 2 ? { from: 1, to: 3, fraction: 0.1 } : undefined });
  r.environment.hostname = `capplan-checkout-1a2b3c4d-${index}-x7k2p`;
  r.environment.workers = 2;
  r.run.cpuMs = 4100 + 900 * index;
  r.shard = { index, count: 3, planHash: '1a2b3c4d'.repeat(8), startAtMs: START, startLateMs: [3, 12, 240][index] };
  return r;
}
const merged = mergeShards([shard(0), shard(1), shard(2)], ['a', 'b', 'c']).merged;

describe('report of a merged sharded run', () => {
  const m = buildReportModel(merged);

  it('markdown: the health table, one row per shard (golden)', () => {
    const md = renderMarkdown(m);
    const section = md.slice(md.indexOf('#### Generator health per shard'), md.indexOf('\n\n', md.indexOf('| shard |')) + 1);
    expectGolden('report/shard-health.md', section);
    expect(md).toContain('shard 2 started late (2: 240 ms)');
  });

  it('html and json carry the same shards', () => {
    const html = renderHtml(m);
    expect(html).toContain('<h2>Generator health per shard</h2>');
    expect(html).toContain('capplan-checkout-1a2b3c4d-2-x7k2p');
    expect(JSON.parse(renderJson(m)).shardSet.health.map((h: { index: number }) => h.index)).toEqual([0, 1, 2]);
  });

  it('a run that is not sharded has no health table', () => {
    expect(renderMarkdown(buildReportModel(shard(0)))).not.toContain('Generator health per shard');
  });
});
