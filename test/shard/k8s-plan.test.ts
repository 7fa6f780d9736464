import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { parseLoadFlags } from '../../src/cli/flags/load.js';
import { loadRunProfile } from '../../src/cli/flags/load-profile.js';
import { planHash } from '../../src/shard/plan-hash.js';
import { planK8sRun, sizingAdvice } from '../../src/shard/k8s-plan.js';
import { sizeShard } from '../../src/shard/sizing.js';

const dir = mkdtempSync(join(tmpdir(), 'capplan-k8s-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PROFILE = `name: shop
target: http://shop.default.svc:8080
model: open
shape: { type: steady, rate: 12000, duration: 10m }
endpoints:
  - { name: home, method: GET, path: / }
seed: 5
`;
const file = join(dir, 'shop.yaml');
writeFileSync(file, PROFILE);
const NOW = Date.UTC(2026, 10, 29, 21, 0, 0);

describe('planK8sRun', () => {
  it.each([
    ['as written', {}, []],
    ['with --duration, --seed and --target', { durationMs: 120_000, seed: 9, target: 'http://other.default.svc:80' }, ['--target', 'http://other.default.svc:80', '--duration', '120000ms', '--seed', '9']],
  ])('%s: the plan hash is the one every pod computes from the mounted profile and its arguments', async (_name, opts, extraArgs) => {
    const planned = await planK8sRun({ profileFile: file, shards: 4, image: 'img:1', startInMs: 30_000, nowMs: NOW, ...opts });
    const args = planned.manifests.job.spec!.template.spec!.containers[0].args!;
    expect(args.slice(args.indexOf('--quiet') + 1)).toEqual(extraArgs);
    // What a pod does: parse its arguments, load the mounted copy of the profile, hash the plan.
    const mounted = join(dir, 'mounted.yaml');
    writeFileSync(mounted, PROFILE);
    const flags: Record<string, string | boolean> = {};
    for (let i = 2; i < args.length; i++) {
      const key = args[i].replace(/^--/, '').replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
      if (args[i + 1] === undefined || args[i + 1].startsWith('--')) flags[key] = true;
      else flags[key] = args[++i];
    }
    const settings = parseLoadFlags(mounted, { ...flags, shards: undefined, shard: '3/4' } as never);
    const profile = await loadRunProfile(settings);
    expect(planHash(profile, settings.seed ?? profile.seed, 4)).toBe(planned.planHash);
    expect(planned.manifests.job.metadata!.annotations!['capplan.dev/plan-hash']).toBe(planned.planHash);
  });

  it('sizes the pods from the peak and builds schema-valid manifests', async () => {
    const planned = await planK8sRun({ profileFile: file, shards: 3, image: 'img:1', startInMs: 30_000, nowMs: NOW });
    expect(planned.sizing).toEqual(sizeShard('open', 12_000, 3));
    const docs = parseAllDocuments(planned.yaml).map((d) => d.toJS());
    new Job(docs[1]).validate();
    expect(docs[1].spec.template.spec.containers[0].args).toContain('--start-at');
    expect(planned.startAtMs).toBe(NOW + 30_000);
  });

  it('refuses target: builtin (each pod would load its own demo target)', async () => {
    const builtin = join(dir, 'builtin.yaml');
    writeFileSync(builtin, PROFILE.replace('http://shop.default.svc:8080', 'builtin'));
    await expect(planK8sRun({ profileFile: builtin, shards: 2, image: 'i', startInMs: 0, nowMs: NOW })).rejects.toThrow(/target: "builtin" would start a separate demo target inside every pod/);
  });
});

describe('sizingAdvice', () => {
  it('open model: per-shard rate, pod size, and how many shards the peak needs at 1, 2 and 4 cores', () => {
    expect(sizingAdvice('open', 30_000, 3, sizeShard('open', 30_000, 3))).toEqual([
      'open model: peak 30000 req/s over 3 shards = 10000 req/s per shard → 2 workers (2 CPU, 384Mi) each, planned at 5000 req/s per core.',
      '  shards this peak needs: 6 × 1-core, 3 × 2-core, 2 × 4-core (measured ≈ 50 µs CPU per request: one core saturates near 19 000 req/s; 5000 keeps it ≈ 26% busy).',
    ]);
  });
  it('closed model: says the rate depends on the target', () => {
    expect(sizingAdvice('closed', 900, 3, sizeShard('closed', 900, 3)).join('\n')).toMatch(/900 users at the peak, ≈ 300 per shard.*depends on the target's latency/s);
  });
});
