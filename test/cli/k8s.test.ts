import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { packageRoot } from '../../src/util/paths.js';
import { expectBadInput, useTempDir } from './cli-helpers.js';

function capplan(args: string[]) {
  const r = spawnSync(process.execPath, [join(packageRoot(), 'bin/capplan.js'), ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const PROFILE = `name: shop\ntarget: http://shop.default.svc:8080\nmodel: open\nshape: { type: steady, rate: 30000, duration: 5m }\nendpoints:\n  - { name: home, method: GET, path: / }\n`;

describe('capplan k8s', () => {
  const tmp = useTempDir('capplan-k8s-cli-');

  it('prints a schema-valid ConfigMap and Indexed Job for kubectl apply -f -, and the next steps on stderr', () => {
    const file = tmp.write('shop.yaml', PROFILE);
    const r = capplan(['k8s', file, '--shards', '3', '--image', 'registry.example/capplan:0.1.0', '--namespace', 'load', '--start-in', '30s']);
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'Job']);
    new ConfigMap(docs[0]).validate();
    new Job(docs[1]).validate();
    expect(docs[0].data['profile.yaml']).toBe(PROFILE);
    expect(docs[1].spec).toMatchObject({ completionMode: 'Indexed', completions: 3, parallelism: 3, backoffLimitPerIndex: 0 });
    const startAt = Date.parse(docs[1].metadata.annotations['capplan.dev/start-at']);
    expect(startAt - Date.now()).toBeGreaterThan(20_000);
    expect(startAt - Date.now()).toBeLessThanOrEqual(30_000);
    expect(r.stderr).toMatch(/10000 req\/s per shard → 2 workers \(2 CPU, 384Mi\) each/);
    expect(r.stderr).toMatch(/kubectl logs -n load -l job-name=capplan-shop-[0-9a-f]{8} --tail=-1 --max-log-requests=3 --prefix/);
    expect(r.stderr).toMatch(/capplan collect capplan-shop-[0-9a-f]{8}\.log --out-dir/);
  });

  it('--out writes the manifests to a file and prints its path', () => {
    const file = tmp.write('shop2.yaml', PROFILE);
    const r = capplan(['k8s', file, '--shards', '2', '--image', 'img:1', '--out', tmp.path('')]);
    expect(r.code).toBe(0);
    const path = r.stdout.trim();
    expect(path).toMatch(/capplan-shop-[0-9a-f]{8}\.yaml$/);
    expect(parseAllDocuments(readFileSync(path, 'utf8'))).toHaveLength(2);
  });

  it.each([
    [['--shards', '0', '--image', 'i'], /--shards: expected a whole number of shards from 1 to 1000 \(got "0"\)/],
    [['--shards', '2', '--image', 'a b'], /--image: expected an image reference/],
    [['--shards', '2', '--image', 'i', '--namespace', 'Load_Test'], /--namespace: expected a Kubernetes namespace name/],
    [['--shards', '2', '--image', 'i', '--start-in', 'soon'], /--start-in: expected a duration/],
  ])('refuses %j (exit 2)', (args, message) => {
    const file = tmp.write('shop3.yaml', PROFILE);
    expectBadInput(capplan(['k8s', file, ...args]), message);
  });

  it('refuses a builtin target', () => {
    const file = tmp.write('builtin.yaml', PROFILE.replace('http://shop.default.svc:8080', 'builtin'));
    expectBadInput(capplan(['k8s', file, '--shards', '2', '--image', 'i']), /target: "builtin" would start a separate demo target inside every pod/);
  });
});
