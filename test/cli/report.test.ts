import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { goldenResult } from '../report/fixture.js';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { REPORT_SCHEMA } from '../../src/report/model.js';
import { runCli } from './analysis-cli.js';

describe('capplan report (built CLI)', () => {
  let dir: string;
  let resultPath: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'capplan-report-'));
    resultPath = join(dir, 'result.json');
    writeFileSync(resultPath, JSON.stringify(goldenResult()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each<[string, string[], (out: string) => void]>([
    ['md', [], (out) => expect(out).toMatch(/^### ⚠️ spike: 475 requests/)],
    ['csv', [], (out) => expect(parse(out, { columns: true })).toHaveLength(36)],
    ['csv', ['--summary'], (out) => expect((parse(out, { columns: true }) as Array<{ endpoint: string }>).map((r) => r.endpoint)).toEqual(['GET /items', 'POST /orders', 'total'])],
    ['json', [], (out) => expect(JSON.parse(out).schema).toBe(REPORT_SCHEMA)],
    ['html', [], (out) => expect(out).toMatch(/^<!doctype html>/i)],
    ['console', [], (out) => expect(out.split('\n')[1]).toMatch(/^spike \(open model → http:\/\/127\.0\.0\.1:8080\) · /)],
  ])('--format %s %j writes a valid document to stdout', async (format, extra, check) => {
    const r = await runCli(['report', resultPath, '--format', format, ...extra]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    check(r.stdout);
  });

  it.each(['html', 'csv', 'json'])('--format %s piped into `head -c 100` stops quietly: exit 0, no stack trace', async (format) => {
    // 20 minutes of series make these formats several times a pipe's 64 KiB buffer, so the write hits EPIPE.
    const big = join(dir, 'big.json');
    if (!existsSync(big)) writeFileSync(big, JSON.stringify(syntheticResult({ name: 'big', seconds: 1200, endpoints: [{ name: 'a', rps: 2, medianMs: 3 }, { name: 'b', rps: 2, medianMs: 9 }] })));
    const whole = await runCli(['report', big, '--format', format]);
    expect(whole.stdout.length).toBeGreaterThan(3 * 65_536);
    const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'capplan.js');
    const script = 'node "$1" report "$2" --format "$3" 2>"$4" | head -c 100 >/dev/null; echo "${PIPESTATUS[0]}"';
    const errFile = join(dir, `stderr-${format}.txt`);
    const code = await new Promise<string>((resolve, reject) =>
      execFile('bash', ['-c', script, 'pipe', bin, big, format, errFile], { timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout) => (err ? reject(err) : resolve(stdout.trim()))),
    );
    const stderr = readFileSync(errFile, 'utf8');
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(stderr).toBe('');
    expect(code).toBe('0');
  });

  it('--out writes the file atomically (no temp file left) and nothing to stdout', async () => {
    const out = join(dir, 'sub', 'report.md');
    const r = await runCli(['report', resultPath, '--format', 'md', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^### /);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['report.md']);
  });

  it.each<[string, () => string[], RegExp]>([
    ['missing file', () => ['report', join(dir, 'nope.json')], /nope\.json: no such file/],
    ['not a result file', () => { const p = join(dir, 'other.json'); writeFileSync(p, '{"hello":1}'); return ['report', p]; }, /other\.json: not a capplan result file/],
    ['bad JSON', () => { const p = join(dir, 'bad.json'); writeFileSync(p, '{'); return ['report', p]; }, /bad\.json: expected a capplan result file, the JSON that `capplan load` writes .*; found text that is not valid JSON/],
    ['a Markdown report', () => { const p = join(dir, 'x.md'); writeFileSync(p, '# Results\n\n| p99 | 20 ms |\n'); return ['report', p]; }, /x\.md: expected a capplan result file, the JSON that `capplan load` writes .*; found Markdown text \(a rendered report\?\)$/m],
    ['a profile', () => { const p = join(dir, 'p.yaml'); writeFileSync(p, '# smoke\ntarget: builtin\n'); return ['report', p]; }, /p\.yaml: expected a capplan result file.*; found a capplan profile \(YAML\); run it with `capplan load` to get a result file/],
    ['unknown format', () => ['report', resultPath, '--format', 'pdf'], /--format: expected one of console, md, csv, json, html \(got "pdf"\)/],
    ['--summary without csv', () => ['report', resultPath, '--format', 'md', '--summary'], /--summary applies to --format csv only/],
  ])('%s → exit 2 with one readable line', async (_label, args, message) => {
    const r = await runCli(args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n').filter((l) => l !== '(run with --help for usage)')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
