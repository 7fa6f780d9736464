import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCapplan } from '../helpers/cli.js';
import { startChildTarget, type ChildTarget } from '../helpers/child-target.js';
import { expectBadInput, useTempDir } from './cli-helpers.js';
import type { ResultFile } from '../../src/results/types.js';

const tmp = useTempDir('capplan-soak-');
const children: ChildTarget[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
});

const profile = (target: string, extra: string) => `name: watched
target: ${target}
model: open
shape: { type: steady, rate: 200, duration: 15s }
endpoints:
  - { name: read, method: GET, path: "/item/{id}", params: { id: { uniform: [1, 1000] } } }
${extra}
`;

describe('load monitors the target; soak judges the result (built CLI, real target)', () => {
  it('a target started with --leak 20KB: the result holds the series, load thresholds fail on growth, soak says leak (exit 1)', async () => {
    const t = await startChildTarget(['--leak', '20KB', '--workers', '16', '--service-time', '2ms']);
    children.push(t);
    const file = tmp.write(
      'leak.yaml',
      profile(t.url, `monitor: { urls: ["${t.url}/metrics"], every: 100ms, allow: [nodejs_heap_size_used_bytes, process_resident_memory_bytes, "capplan_target_*"] }
thresholds:
  "monitor:nodejs_heap_size_used_bytes": [growth<10%]
  "monitor:capplan_target_queue_length": [max<1000]`),
    );
    const out = tmp.path('leak.json');
    const load = await runCapplan(['load', file, '--workers', '1', '--quiet', '--out', out, '--monitor-pid', String(t.pid)], { timeoutMs: 60_000 });
    expect(load.code, load.stderr).toBe(1);
    expect(load.stderr).toMatch(/monitor:nodejs_heap_size_used_bytes @ http:\/\/127\.0\.0\.1:\d+\/metrics growth<10%/);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    const m = result.monitor!;
    expect(m.sources.map((s) => s.source)).toEqual([`${t.url}/metrics`, `pid:${t.pid}`]);
    expect(m.sources[0].scrapes).toBeGreaterThan(100);
    expect(new Set(m.series.map((s) => s.name))).toEqual(
      new Set(['nodejs_heap_size_used_bytes', 'process_resident_memory_bytes', 'process_cpu_seconds_total', 'process_cpu_usage_cores', ...m.series.filter((s) => s.name.startsWith('capplan_target_')).map((s) => s.name)]),
    );
    // aligned with the load's seconds: samples from t ≈ 0 to the end of the run
    const heap = m.series.find((s) => s.name === 'nodejs_heap_size_used_bytes')!;
    expect(heap.t[0]).toBeLessThan(1);
    expect(heap.t.at(-1)).toBeGreaterThan(13);
    const soak = await runCapplan(['soak', out, '--warmup', '4s', '--memory-limit', '4GiB', '--format', 'json']);
    expect(soak.code, soak.stderr).toBe(1);
    const verdicts = JSON.parse(soak.stdout) as { pass: boolean; memory: Array<{ name: string; verdict: string; secondsToLimit: number }> };
    expect(verdicts.pass).toBe(false);
    expect(verdicts.memory.find((x) => x.name === 'nodejs_heap_size_used_bytes')).toMatchObject({ verdict: 'leak' });
    // The leaking heap reaches the limit within a day; RSS may grow too slowly for that on a busy machine.
    const heapVerdict = verdicts.memory.find((x) => x.name === 'nodejs_heap_size_used_bytes')!;
    expect(heapVerdict.secondsToLimit).toBeGreaterThan(0);
    expect(heapVerdict.secondsToLimit).toBeLessThan(86_400);
    const md = await runCapplan(['soak', out, '--warmup', '4s', '--format', 'md']);
    expect(md.stdout).toMatch(/^\| nodejs\\_heap\\_size\\_used\\_bytes \| .* \| ❌ leak \|/m);
  }, 90_000);

  it('a chaos schedule against the built-in target: windows in the result, errors only inside them', async () => {
    const file = tmp.write(
      'chaos.yaml',
      profile('builtin', `builtinTarget: { workers: 16, serviceTime: 2ms, queue: 200 }
chaos:
  - { at: 5s, errorRate: 50% }
  - { at: 10s, off: true }`).replace('rate: 200, duration: 15s', 'rate: 100, duration: 15s'),
    );
    const out = tmp.path('chaos.json');
    const load = await runCapplan(['load', file, '--workers', '1', '--quiet', '--out', out, '--monitor', 'builtin', '--monitor-every', '500ms'], { timeoutMs: 60_000 });
    expect(load.code, load.stderr).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    expect(result.chaos!.steps.map((s) => [s.atSec, s.ok])).toEqual([
      [5, true],
      [10, true],
    ]);
    const [w] = result.chaos!.windows;
    expect(result.chaos!.windows).toHaveLength(1);
    expect(w.config.errorRate).toBe(0.5);
    expect(w.toSec - w.fromSec).toBeCloseTo(5, 1);
    const errorsIn = (from: number, to: number) =>
      result.intervals.filter((iv) => iv.t >= from && iv.t < to).reduce((a, iv) => a + Object.values(iv.endpoints).reduce((b, d) => b + (d.errors.http5xx ?? 0), 0), 0);
    // whole seconds well inside and outside the window (the window starts within the load's second 5)
    expect(errorsIn(Math.ceil(w.fromSec), Math.floor(w.toSec))).toBeGreaterThan(100);
    expect(errorsIn(0, Math.floor(w.fromSec))).toBe(0);
    expect(errorsIn(Math.ceil(w.toSec) + 1, 100)).toBe(0);
    expect(result.monitor!.series.some((s) => s.name === 'capplan_target_chaos_injected_total')).toBe(true);
    // the report: a chaos-window row with the error rate during the fault, and the server series
    const md = await runCapplan(['report', out, '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    const row = md.stdout.split('\n').find((l) => l.includes('500 for 50%'))!;
    expect(row).toBeDefined();
    const errorRate = Number(/\| (\d+\.\d+)% \|/.exec(row)![1]);
    expect(errorRate).toBeGreaterThan(35);
    expect(errorRate).toBeLessThan(65);
    expect(md.stdout).toMatch(/#### Server metrics \(monitor\)/);
  }, 90_000);

  it('a bad monitor: or chaos: section is refused with every problem and its path', async () => {
    const file = tmp.write(
      'bad.yaml',
      profile('builtin', `monitor: { urls: ["ftp://x"], every: soon }
chaos:
  - { at: 5s, errorRate: 2 }
  - { at: 3s, off: true }
thresholds:
  "monitor:rss": [p99<1]`),
    );
    const r = await runCapplan(['load', file, '--quiet']);
    expectBadInput(r, /monitor\.urls\[0\]/);
    expect(r.stderr).toMatch(/monitor\.every/);
    expect(r.stderr).toMatch(/chaos\[0\]\.errorRate.*must be a fraction 0\.\.1/);
    expect(r.stderr).toMatch(/chaos\[1\]\.at.*must be later than the previous step's 5 s/);
    expect(r.stderr).toMatch(/is not a monitor threshold/);
  });

  it.each([
    [['soak', 'nowhere.json'], /nowhere\.json/],
    [['soak', 'README.md', '--max-growth', 'lots'], /--max-growth: expected a percentage/],
    [['load', 'profiles/steady.yaml', '--monitor', 'ftp://x'], /--monitor: expected builtin or an http\(s\) URL/],
  ])('%j → exit 2', async (args, message) => {
    expectBadInput(await runCapplan(args), message);
  });
});
