/**
 * `capplan k8s PROFILE --shards N --image IMG [--namespace NS] [--start-in 60s] [--out DIR]`: the
 * Kubernetes manifests of a sharded run (a ConfigMap with the profile and an Indexed Job), on stdout
 * for `kubectl apply -f -` or in DIR; sizing advice and the next commands on stderr.
 */
import type { CapplanCommand } from '../command.js';
import { join } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { durationFlagSec, numberFlag } from '../flags/values.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { parseShardCount } from '../../shard/spec.js';
import { planK8sRun } from '../../shard/k8s-plan.js';

interface K8sFlags {
  shards: string;
  image: string;
  namespace?: string;
  startIn: string;
  out?: string;
  workers?: string;
  target?: string;
  duration?: string;
  seed?: string;
}

/** A DNS-1123 label, as Kubernetes wants namespace names. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<profile>', 'the YAML profile every shard runs')
    .requiredOption('--shards <n>', 'how many generator pods (Indexed Job completions = parallelism)')
    .requiredOption('--image <image>', 'the capplan container image (built from the Dockerfile and pushed)')
    .option('--namespace <ns>', 'namespace of the ConfigMap and the Job (default: kubectl\'s current one)')
    .option('--start-in <duration>', 'the shards start together this long after now (room for scheduling and image pulls)', '60s')
    .option('--out <dir>', 'write the manifests to DIR/<name>.yaml instead of stdout')
    .option('--workers <n>', 'worker threads (and CPU cores) per shard (default: sized from the peak rate)')
    .option('--target <url>', 'target base URL every shard uses, overriding the profile')
    .option('--duration <duration>', 'stretch or shrink the whole profile to this length (as capplan load --duration)')
    .option('--seed <n>', "seed for arrivals, the mix and keys (default: the profile's seed)")
    .run(async (profileFile: string, f: K8sFlags) => {
      const count = parseShardCount(f.shards);
      if (!count.ok) throw new UsageError(`--shards: expected ${count.expected} (got "${f.shards}")`);
      if (f.image.trim() === '' || /\s/.test(f.image)) throw new UsageError(`--image: expected an image reference such as registry.example.com/capplan:0.1.0 (got "${f.image}")`);
      if (f.namespace !== undefined && !DNS_LABEL.test(f.namespace)) throw new UsageError(`--namespace: expected a Kubernetes namespace name: lower-case letters, digits and '-', at most 63 (got "${f.namespace}")`);
      const planned = await planK8sRun({
        profileFile, shards: count.value, image: f.image, namespace: f.namespace,
        startInMs: Math.round(durationFlagSec('--start-in', f.startIn, { min: 0, max: 86_400 }) * 1000),
        nowMs: Date.now(),
        workers: f.workers === undefined ? undefined : numberFlag('--workers', f.workers, { integer: true, min: 1, max: 64 }),
        target: f.target,
        durationMs: f.duration === undefined ? undefined : Math.round(durationFlagSec('--duration', f.duration, { above: 0 }) * 1000),
        seed: f.seed === undefined ? undefined : numberFlag('--seed', f.seed, { integer: true }),
      });
      const name = planned.manifests.name;
      const ns = f.namespace ? ` -n ${f.namespace}` : '';
      if (f.out) {
        const path = join(f.out, `${name}.yaml`);
        await writeFileAtomic(path, planned.yaml);
        process.stdout.write(`${path}\n`);
      } else {
        process.stdout.write(planned.yaml);
      }
      const waitSec = Math.ceil((planned.startAtMs - Date.now()) / 1000 + planned.manifests.job.spec!.activeDeadlineSeconds! );
      process.stderr.write(
        [
          `capplan k8s: ${count.value} shards of plan ${planned.planHash.slice(0, 12)}, starting together at ${new Date(planned.startAtMs).toISOString()}`,
          ...planned.advice,
          'then:',
          `  kubectl wait${ns} --for=condition=complete job/${name} --timeout=${waitSec}s`,
          `  kubectl logs${ns} -l job-name=${name} --tail=-1 --max-log-requests=${count.value} --prefix > ${name}.log`,
          `  capplan collect ${name}.log --out-dir reports/${name}`,
          `  capplan gate reports/${name}/merged.json`,
          '',
        ].join('\n'),
      );
      return ExitCode.Ok;
    });
}
