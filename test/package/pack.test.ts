/**
 * The npm package works once installed elsewhere: `npm pack` the project, install the tarball in a temp
 * folder (offline, from npm's cache), import the API with its types, and run a shipped profile by name.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/paths.js';
import { startServer } from '../load/helpers.js';

const ROOT = packageRoot();
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Run a command; resolves with its code and output (killed after `timeoutMs`). */
function sh(cmd: string, args: string[], cwd: string, timeoutMs = 120_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
let app: string;
let packed: { filename: string; files: Array<{ path: string }> };
let server: Awaited<ReturnType<typeof startServer>>;
const hits: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'capplan-pack-'));
  app = join(dir, 'app');
  mkdirSync(app);
  // dist/ was built by the global setup; --ignore-scripts so packing does not build it again.
  const pack = await sh(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  packed = JSON.parse(pack.stdout)[0];
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
  // From npm's cache; fall back to the registry only for what the cache lacks.
  let install = await sh(NPM, ['install', '--offline', join(dir, packed.filename)], app, 240_000);
  if (install.code !== 0) install = await sh(NPM, ['install', '--prefer-offline', join(dir, packed.filename)], app, 240_000);
  if (install.code !== 0) throw new Error(`npm install of the tarball failed: ${install.stderr}`);
  server = await startServer((req, res) => {
    if (req.headers['user-agent'] !== 'capplan-probe') hits.push(`${req.method} ${req.url}`);
    req.resume();
    res.end('ok');
  });
}, 300_000);
afterAll(async () => server?.close());

describe('the packed npm package', () => {
  it('ships dist/ with .d.ts, the bin and the profiles; no source maps, no sources, no tests', () => {
    const files = packed.files.map((f) => f.path);
    for (const f of ['bin/capplan.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'profiles/steady.yaml', 'package.json']) expect(files).toContain(f);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /^(src|test|bench)\//.test(f))).toEqual([]);
  });

  it('imports the API by package name', async () => {
    const r = await sh(process.execPath, ['--input-type=module', '-e', "const m = await import('capplan'); console.log(['runLoad','loadProfile','parseProfile','readResultFile','checkThresholds','runGate','littlesLaw','fitUsl','startTarget','shippedProfiles'].map((k) => k + ':' + typeof m[k]).join(' '))"], app);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('runLoad:function loadProfile:function parseProfile:function readResultFile:function checkThresholds:function runGate:function littlesLaw:function fitUsl:function startTarget:function shippedProfiles:function');
  });

  it('has types for the API: a typed caller compiles, a wrong one does not', async () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules', '@types')];
    writeFileSync(join(app, 'good.ts'), "import { runLoad, loadProfile, type RunOptions, type ResultFile } from 'capplan';\nconst opts: RunOptions = { workers: 1, graceMs: 500 };\nexport async function go(): Promise<ResultFile> { return (await runLoad(await loadProfile('p.yaml'), opts)).result; }\n");
    writeFileSync(join(app, 'bad.ts'), "import { runLoad } from 'capplan';\nexport const x: number = runLoad;\n");
    const good = await sh(process.execPath, [tsc, ...flags, 'good.ts'], app);
    expect(good.stdout + good.stderr).toBe('');
    expect(good.code).toBe(0);
    const bad = await sh(process.execPath, [tsc, ...flags, 'bad.ts'], app);
    expect(bad.stdout).toContain("bad.ts(2,14): error TS2322");
  });

  it('lists the shipped profiles and runs one by name from a folder that has none', async () => {
    const bin = join(app, 'node_modules', '.bin', 'capplan');
    const list = await sh(bin, ['profiles'], app);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^steady +A constant 200 req\/s for one minute against the built-in target: the baseline for regression gates\.$/m);
    const run = await sh(bin, ['load', 'steady', '--duration', '2s', '--target', server.url, '--quiet'], app, 60_000);
    // The profile's latency thresholds are for a quiet machine; on a busy one they may fail (exit 1), which is a verdict, not a failure to run.
    expect(run.stderr.replace(/^capplan: \d+ of \d+ thresholds failed: .*\n$/, '')).toBe('');
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toMatch(/reports\/steady-\d{8}-\d{6}\.json\n$/);
    expect(hits.length).toBeGreaterThan(100);
    expect(hits.every((h) => /^GET \/item\/\d+$|^POST \/item$/.test(h))).toBe(true);
  });
});
