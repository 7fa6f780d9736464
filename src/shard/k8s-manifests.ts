/**
 * Kubernetes manifests for a sharded run, built with typed models (kubernetes-models) and
 * validated against the Kubernetes OpenAPI schemas they carry:
 *
 * - a ConfigMap holding the profile, mounted read-only in every pod;
 * - an Indexed Job: completionMode Indexed, completions = parallelism = N, so pod i gets
 *   JOB_COMPLETION_INDEX = i and runs `capplan load PROFILE --shards N`; backoffLimitPerIndex 0 and
 *   restartPolicy Never, so a failed shard is never replayed late (a replay would send its arrivals
 *   at the wrong time); every pod starts its schedule at one instant (`--start-at`).
 *
 * Pure: the caller passes the clock's reading (`nowMs`, `startAtMs`). No controller, no operator.
 */
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { stringify } from 'yaml';
import type { ShardSizing } from './sizing.js';
import { shortPlanHash } from './plan-hash.js';

/** Where the profile is mounted in the pods, and its file name there. */
export const PROFILE_MOUNT_DIR = '/etc/capplan';
export const PROFILE_KEY = 'profile.yaml';

/** What the manifests are built from. */
export interface K8sRunPlan {
  /** Profile name (used in object names after slugging). */
  profileName: string;
  /** The profile file's text, stored as is in the ConfigMap (≤ 1 MiB, the ConfigMap limit). */
  profileText: string;
  /** Plan hash every shard will compute (labels and names). */
  planHash: string;
  shards: number;
  image: string;
  namespace?: string;
  /** The agreed start, Unix epoch ms. */
  startAtMs: number;
  /** When the manifests are made (epoch ms): the Job's deadline counts from about then. */
  nowMs: number;
  /** Planned duration of the run (ms), for the Job's deadline. */
  plannedDurationMs: number;
  sizing: ShardSizing;
  /** Extra `capplan load` arguments every shard gets (e.g. `--seed 7`, `--target URL`). */
  extraArgs?: string[];
}

/** The two objects of a sharded run. */
export interface K8sManifests {
  /** Object name shared by the ConfigMap and the Job. */
  name: string;
  configMap: ConfigMap;
  job: Job;
}

/** Seconds the Job may run past the planned end before Kubernetes stops it (grace, result upload, slow pulls). */
const DEADLINE_MARGIN_SEC = 300;
/** How long a finished Job (and its pods' logs) is kept for `capplan collect` (s; 1 day). */
const KEEP_FINISHED_SEC = 86_400;
/** Largest ConfigMap payload Kubernetes stores (bytes; 1 MiB). */
export const CONFIGMAP_MAX_BYTES = 1_048_576;

/**
 * DNS-1123 label for object names: `capplan-<profile slug>-<plan hash, 8 hex>`, at most 40
 * characters, so pod host names `<job>-<index>` stay within 63.
 */
export function runObjectName(profileName: string, planHash: string): string {
  const slug = profileName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 22).replace(/-+$/, '');
  return ['capplan', slug, planHash.slice(0, 8)].filter((s) => s !== '').join('-');
}

/** The `capplan load` arguments of every pod (the index comes from JOB_COMPLETION_INDEX). */
export function shardArgs(plan: K8sRunPlan): string[] {
  return [
    'load', `${PROFILE_MOUNT_DIR}/${PROFILE_KEY}`,
    '--shards', String(plan.shards),
    '--start-at', new Date(plan.startAtMs).toISOString(),
    '--workers', String(plan.sizing.workers),
    '--out', '/tmp/result.json',
    '--log-result', '--quiet',
    ...(plan.extraArgs ?? []),
  ];
}

/**
 * Build and validate the ConfigMap and the Indexed Job. Throws the models' validation error when a
 * manifest does not match the Kubernetes schema (a bug: the inputs are typed), and RangeError for a
 * profile too large for a ConfigMap.
 */
export function buildManifests(plan: K8sRunPlan): K8sManifests {
  const bytes = Buffer.byteLength(plan.profileText, 'utf8');
  if (bytes > CONFIGMAP_MAX_BYTES) throw new RangeError(`the profile is ${bytes} bytes; a ConfigMap holds at most ${CONFIGMAP_MAX_BYTES}`);
  const name = runObjectName(plan.profileName, plan.planHash);
  const labels = {
    'app.kubernetes.io/name': 'capplan',
    'app.kubernetes.io/instance': name,
    'capplan.dev/plan': shortPlanHash(plan.planHash),
  };
  const ns = plan.namespace ? { namespace: plan.namespace } : {};
  const configMap = new ConfigMap({
    metadata: { name, ...ns, labels },
    data: { [PROFILE_KEY]: plan.profileText },
  });
  const startInSec = Math.max(0, Math.ceil((plan.startAtMs - plan.nowMs) / 1000));
  const job = new Job({
    metadata: { name, ...ns, labels, annotations: { 'capplan.dev/start-at': new Date(plan.startAtMs).toISOString(), 'capplan.dev/plan-hash': plan.planHash } },
    spec: {
      completionMode: 'Indexed',
      completions: plan.shards,
      parallelism: plan.shards,
      backoffLimitPerIndex: 0,
      // Stop a hung run: the wait for the start, the plan, and a margin.
      activeDeadlineSeconds: startInSec + Math.ceil(plan.plannedDurationMs / 1000) + DEADLINE_MARGIN_SEC,
      ttlSecondsAfterFinished: KEEP_FINISHED_SEC,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000 },
          // One generator per node where possible: two shards on one node share its CPU and NIC.
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/instance': name } } },
          ],
          containers: [
            {
              name: 'capplan',
              image: plan.image,
              args: shardArgs(plan),
              // No CPU limit: CFS throttling stalls a generator in 100 ms slices and would show as late arrivals.
              resources: { requests: { cpu: plan.sizing.cpu, memory: plan.sizing.memory }, limits: { memory: plan.sizing.memory } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [
                { name: 'profile', mountPath: PROFILE_MOUNT_DIR, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'profile', configMap: { name } },
            { name: 'tmp', emptyDir: {} },
          ],
        },
      },
    },
  });
  configMap.validate();
  job.validate();
  return { name, configMap, job };
}

/** The manifests as one multi-document YAML stream for `kubectl apply -f -`. */
export function manifestsYaml(m: K8sManifests): string {
  return [m.configMap, m.job].map((o) => stringify(o.toJSON(), { lineWidth: 0 })).join('---\n');
}
