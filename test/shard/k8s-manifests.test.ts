import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { buildManifests, CONFIGMAP_MAX_BYTES, manifestsYaml, runObjectName, type K8sRunPlan } from '../../src/shard/k8s-manifests.js';
import { sizeShard } from '../../src/shard/sizing.js';

const HASH = '0123456789abcdef'.repeat(4);
const NOW = Date.UTC(2026, 10, 29, 21, 0, 0);
const plan: K8sRunPlan = {
  profileName: 'Shop checkout',
  profileText: 'name: shop\ntarget: http://shop.default.svc:8080\n',
  planHash: HASH,
  shards: 3,
  image: 'registry.example/capplan:0.1.0',
  namespace: 'load',
  nowMs: NOW,
  startAtMs: NOW + 30_000,
  plannedDurationMs: 600_000,
  sizing: sizeShard('open', 30_000, 3),
};

/** Parse the YAML stream back and validate each document against the Kubernetes schema. */
function parseAndValidate(yamlText: string): { cm: ConfigMap; job: Job } {
  const docs = parseAllDocuments(yamlText).map((d) => d.toJS());
  expect(docs).toHaveLength(2);
  const cm = new ConfigMap(docs[0]);
  const job = new Job(docs[1]);
  cm.validate();
  job.validate();
  return { cm, job };
}

describe('buildManifests', () => {
  const m = buildManifests(plan);
  const { cm, job } = parseAndValidate(manifestsYaml(m));

  it('writes a ConfigMap holding the profile as is', () => {
    expect(cm.metadata).toMatchObject({ name: 'capplan-shop-checkout-01234567', namespace: 'load' });
    expect(cm.data).toEqual({ 'profile.yaml': plan.profileText });
  });

  it('writes an Indexed Job: completions = parallelism = N, no per-index retries, never restarted', () => {
    const spec = job.spec!;
    expect(spec.completionMode).toBe('Indexed');
    expect(spec.completions).toBe(3);
    expect(spec.parallelism).toBe(3);
    expect(spec.backoffLimitPerIndex).toBe(0);
    expect(spec.template.spec!.restartPolicy).toBe('Never');
    expect(spec.activeDeadlineSeconds).toBe(30 + 600 + 300);
    expect(job.metadata!.annotations!['capplan.dev/plan-hash']).toBe(HASH);
  });

  it('runs capplan load as shard JOB_COMPLETION_INDEX of N from one start instant, as a non-root user', () => {
    const pod = job.spec!.template.spec!;
    const c = pod.containers[0];
    expect(c.image).toBe(plan.image);
    expect(c.args).toEqual([
      'load', '/etc/capplan/profile.yaml', '--shards', '3', '--start-at', '2026-11-29T21:00:30.000Z',
      '--workers', '2', '--out', '/tmp/result.json', '--log-result', '--quiet',
    ]);
    expect(c.resources).toEqual({ requests: { cpu: '2', memory: '384Mi' }, limits: { memory: '384Mi' } });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(c.volumeMounts).toContainEqual({ name: 'profile', mountPath: '/etc/capplan', readOnly: true });
    expect(pod.volumes).toContainEqual({ name: 'profile', configMap: { name: m.name } });
  });

  it('passes extra load arguments and leaves the namespace out when none is given', () => {
    const { job: j2, cm: c2 } = parseAndValidate(manifestsYaml(buildManifests({ ...plan, namespace: undefined, extraArgs: ['--seed', '9'] })));
    expect(j2.metadata!.namespace).toBeUndefined();
    expect(c2.metadata!.namespace).toBeUndefined();
    expect(j2.spec!.template.spec!.containers[0].args!.slice(-2)).toEqual(['--seed', '9']);
  });

  it('the schema check can fail: a broken document is refused', () => {
    const docs = parseAllDocuments(manifestsYaml(m)).map((d) => d.toJS());
    docs[1].spec.completions = 'three';
    docs[1].spec.template.spec.containers[0].resources.requests.cpu = 'lots';
    expect(() => new Job(docs[1]).validate()).toThrow(/completions must be integer.*cpu must/s);
  });

  it('refuses a profile larger than a ConfigMap holds', () => {
    expect(() => buildManifests({ ...plan, profileText: 'x'.repeat(CONFIGMAP_MAX_BYTES + 1) })).toThrow(RangeError);
  });
});

describe('runObjectName', () => {
  it.each([
    ['shop', 'capplan-shop-01234567'],
    ['Shop Checkout!', 'capplan-shop-checkout-01234567'],
    ['--x--', 'capplan-x-01234567'],
    ['ÄÖÜ', 'capplan-01234567'],
    ['a-very-long-profile-name-that-goes-on-and-on', 'capplan-a-very-long-profile-na-01234567'],
  ])('%j → %j (a DNS-1123 label of at most 40 characters)', (name, expected) => {
    const n = runObjectName(name, HASH);
    expect(n).toBe(expected);
    expect(n).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(n.length).toBeLessThanOrEqual(40);
  });
});
