/**
 * Docker cannot run here, so the Dockerfile's final stage is executed as a plain script: its
 * WORKDIR, ENV, COPY and RUN steps run in a temporary folder that stands for the image's root
 * (absolute paths mapped under it), the build stage's output is this checkout's dist/ (built by
 * `npm test`), and the ENTRYPOINT runs as the image's USER (via setpriv when we are root).
 * The install is real: `npm ci --omit=dev` from the lock file, with its own npm cache.
 */
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');

interface Instruction {
  op: string;
  args: string;
}

/** Instructions per stage (comments dropped, `\` continuations joined). */
function parseDockerfile(text: string): Instruction[][] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const stages: Instruction[][] = [];
  for (const l of lines) {
    const [op, ...rest] = l.split(/\s+/);
    const ins = { op: op.toUpperCase(), args: rest.join(' ') };
    if (ins.op === 'FROM') stages.push([]);
    stages[stages.length - 1].push(ins);
  }
  return stages;
}

describe('Dockerfile', () => {
  let stages: Instruction[][];
  let root: string;
  let runtime: Instruction[];
  const env: Record<string, string> = {};
  let user = '0:0';
  let entrypoint: string[] = [];
  /** An absolute image path, under the stand-in root. */
  const inRoot = (p: string) => join(root, p);

  beforeAll(async () => {
    stages = parseDockerfile(await readFile(join(repo, 'Dockerfile'), 'utf8'));
    runtime = stages[stages.length - 1];
    root = await mkdtemp(join(tmpdir(), 'capplan-image-'));
    let cwd = '/';
    for (const { op, args } of runtime) {
      if (op === 'WORKDIR') {
        cwd = args;
        await mkdir(inRoot(cwd), { recursive: true });
      } else if (op === 'ENV') {
        const [k, v] = args.split('=');
        env[k] = v;
      } else if (op === 'COPY') {
        const parts = args.split(/\s+/);
        const from = parts[0].startsWith('--from=') ? parts.shift()!.slice('--from='.length) : undefined;
        const dest = parts.pop()!;
        for (const src of parts) {
          // The build stage's only product is /app/dist: this checkout's dist/, built by `npm test`.
          const source = from ? join(repo, src.replace(/^\/app\//, '')) : join(repo, src);
          const target = dest.endsWith('/') ? join(inRoot(cwd), dest, src.split('/').pop()!) : join(inRoot(cwd), dest);
          await cp(source, target, { recursive: true });
        }
      } else if (op === 'RUN') {
        await run('sh', ['-c', args], {
          cwd: inRoot(cwd),
          env: { ...process.env, ...env, npm_config_cache: join(root, 'npm-cache'), npm_config_update_notifier: 'false' },
          maxBuffer: 16 << 20,
        });
      } else if (op === 'USER') {
        user = args;
      } else if (op === 'ENTRYPOINT') {
        entrypoint = JSON.parse(args) as string[];
      }
    }
    await chmod(root, 0o755);
  }, 240_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** Run the image's entrypoint with `args`, as its USER when we can switch users. */
  async function entry(args: string[], cwd: string) {
    const [cmd, ...rest] = entrypoint.map((a) => (a.startsWith('/app/') ? inRoot(a) : a));
    const [uid, gid] = user.split(':');
    const asUser = process.getuid?.() === 0 ? ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', cmd] : [cmd];
    return run(asUser[0], [...asUser.slice(1), ...rest, ...args], { cwd, env: { PATH: process.env.PATH!, ...env } });
  }

  it('has a slim Node 20 build and runtime, a numeric non-root user and capplan as the entrypoint', () => {
    expect(stages.length).toBe(2);
    for (const s of stages) expect(s[0].args).toMatch(/^node:20-[a-z]+-slim\b/);
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(entrypoint).toEqual(['/app/bin/capplan.js']);
    expect(runtime.filter((i) => i.op === 'RUN').map((i) => i.args).join(' ')).toMatch(/npm ci --omit=dev/);
  });

  it('installs production dependencies only', async () => {
    const has = async (p: string) => stat(inRoot(`/app/node_modules/${p}`)).then(() => true, () => false);
    expect(await has('commander')).toBe(true);
    expect(await has('kubernetes-models')).toBe(true);
    expect(await has('typescript')).toBe(false);
    expect(await has('vitest')).toBe(false);
  });

  it('runs capplan from the entrypoint as the non-root user: --version, and a 1-second load against the built-in target', async () => {
    const out = await mkdtemp(join(tmpdir(), 'capplan-image-out-'));
    try {
      await chmod(out, 0o777);
      const version = await entry(['--version'], out);
      expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      // A profile without thresholds: a busy machine must not turn the run into exit 1.
      const profile = join(out, 'p.yaml');
      await writeFile(profile, 'name: image\ntarget: builtin\nmodel: open\nshape: { type: steady, rate: 200, duration: 1s }\nendpoints:\n  - { name: home, method: GET, path: / }\n');
      const load = await entry(['load', profile, '--workers', '1', '--quiet', '--out', join(out, 'r.json')], out);
      expect(load.stdout.trim()).toBe(join(out, 'r.json'));
      const result = JSON.parse(await readFile(join(out, 'r.json'), 'utf8'));
      expect(result.summary.total.scheduled).toBe(200);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);
});
