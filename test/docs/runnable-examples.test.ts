/**
 * Every example marked runnable in README.md and docs/*.md runs as written: each code block whose info string
 * is `sh runnable` is extracted and run, line by line, with `capplan` / `npx capplan` bound to this checkout's
 * bin/capplan.js, in a fresh temporary folder (profiles/ linked in), against 127.0.0.1 only. The blocks of one
 * file share the folder, so a later block can read what an earlier one wrote (load → report → gate).
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/paths.js';

const ROOT = packageRoot();
/** The info string that marks a block as runnable. */
export const RUNNABLE = 'sh runnable';
/** Bound per command line (s): examples are scaled down with --duration. */
const LINE_TIMEOUT_SEC = 90;

interface Block {
  file: string;
  line: number;
  commands: string[];
}

/** The runnable blocks of a Markdown text: their commands (comments and blank lines dropped, `\` continuations joined). */
export function runnableBlocks(file: string, text: string): Block[] {
  const out: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```' + RUNNABLE) continue;
    const start = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
    const commands: string[] = [];
    let pending = '';
    for (const raw of body) {
      const l = raw.replace(/\s+#.*$/, '').trimEnd();
      if (l.trim() === '' || l.trim().startsWith('#')) continue;
      if (l.endsWith('\\')) pending += l.slice(0, -1) + ' ';
      else {
        commands.push((pending + l).trim());
        pending = '';
      }
    }
    out.push({ file, line: start, commands });
  }
  return out;
}

const docFiles = ['README.md', ...(existsSync(join(ROOT, 'docs')) ? readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`) : [])];
const byFile = docFiles
  .map((f) => ({ file: f, blocks: runnableBlocks(f, readFileSync(join(ROOT, f), 'utf8')) }))
  .filter((f) => f.blocks.length > 0);

/** A folder whose PATH binds `capplan` and `npx capplan` to this checkout (and refuses any other npx use). */
function sandbox(): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = mkdtempSync(join(tmpdir(), 'capplan-docs-'));
  const bin = join(cwd, '.bin');
  mkdirSync(bin);
  const cli = `exec "${process.execPath}" "${join(ROOT, 'bin', 'capplan.js')}" "$@"`;
  writeFileSync(join(bin, 'capplan'), `#!/bin/sh\n${cli}\n`);
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\nif [ "$1" = capplan ]; then shift; ${cli}; fi\necho "runnable examples call only capplan (got npx $*)" >&2\nexit 127\n`);
  for (const f of ['capplan', 'npx']) chmodSync(join(bin, f), 0o755);
  symlinkSync(join(ROOT, 'profiles'), join(cwd, 'profiles'));
  return { cwd, env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}`, FORCE_COLOR: '0', NO_COLOR: '1' } };
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const guard = setTimeout(() => child.kill('SIGKILL'), LINE_TIMEOUT_SEC * 1000);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

describe('runnable examples in README.md and docs/', () => {
  it('the README has a runnable tour, and only 127.0.0.1 is ever targeted', () => {
    expect(byFile.find((f) => f.file === 'README.md')?.blocks.length ?? 0).toBeGreaterThan(0);
    for (const { blocks } of byFile) {
      for (const b of blocks) {
        for (const c of b.commands) {
          for (const url of c.match(/https?:\/\/[^\s'"]+/g) ?? []) expect(url, `${b.file}:${b.line}`).toMatch(/^https?:\/\/127\.0\.0\.1(:\d+)?(\/|$)/);
          expect(c, `${b.file}:${b.line}: ${c}`).toMatch(/^(npx )?capplan /);
        }
      }
    }
  });

  for (const { file, blocks } of byFile) {
    it(`${file}: every runnable block runs as written (exit 0, or 1 for a verdict)`, async () => {
      const { cwd, env } = sandbox();
      for (const b of blocks) {
        for (const c of b.commands) {
          const r = await run(c, cwd, env);
          // 1 is a verdict (a threshold or gate failed on this machine), not a broken example; 2 is bad usage or input.
          expect([0, 1], `${file}:${b.line}: ${c}\n${r.output}`).toContain(r.code);
          expect(r.output).not.toMatch(/internal error|unknown option/);
        }
      }
    }, byFile.find((f) => f.file === file)!.blocks.reduce((n, b) => n + b.commands.length, 0) * LINE_TIMEOUT_SEC * 1000);
  }
});
