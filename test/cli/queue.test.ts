import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from './analysis-cli.js';
import { expectGolden } from '../helpers/golden.js';

const GUIDE = ['queue', '--rate', '1000', '--service-time', '10ms', '--spike', '2x', '--spike-duration', '5s', '--margin', '10%'];
const ERLANG = ['queue', '--rate', '1000', '--service-time', '10ms', '--servers', '12', '--target-wait', '20ms', '--target-level', '80%'];

type Row = { section: string; quantity: string; symbol: string; value: string; unit: string };

describe('capplan queue (built CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'capplan-queue-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['spike-guide', GUIDE],
    ['erlang-c', ERLANG],
  ])('%s: md and csv match the golden files', async (name, args) => {
    for (const format of ['md', 'csv']) {
      const r = await runCli([...args, '--format', format]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expectGolden(`queue/${name}.${format}`, r.stdout);
    }
  });

  it("reproduces the guide's §17.5.3 numbers exactly: 10, 5000, 5010, 5511", async () => {
    const r = await runCli([...GUIDE, '--format', 'csv']);
    const rows = parse(r.stdout, { columns: true }) as Row[];
    const value = (q: string) => rows.find((x) => x.quantity === q)?.value;
    expect([value('items in system'), value('spike backlog'), value('peak items'), value('recommended queue size')]).toEqual(['10', '5000', '5010', '5511']);
  });

  it("the exercise's 3× for 30 s, as JSON: the typed result", async () => {
    const r = await runCli(['queue', '--rate', '1000', '--service-time', '10ms', '--spike', '3x', '--spike-duration', '30s', '--margin', '10%', '--format', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.spike).toMatchObject({ backlog: 60_000, peakInSystem: 60_010, recommendedQueueSize: 66_011, drainTimeSec: null });
    expect(data.littlesLaw.inSystem).toBe(10);
  });

  it('console output shows the formulas with the numbers, and warns about an unstable pool', async () => {
    const r = await runCli(['queue', '--rate', '1000', '--service-time', '10ms', '--servers', '8']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('L = λ × S = 1\u202f000/s × 10ms = 10 items in service (W = S: the service time alone, no queueing wait)');
    expect(r.stdout).toContain('ρ = λ × S / c = 1\u202f000/s × 10ms / 8 = 1.25');
    expect(r.stdout).toMatch(/warning: offered load A = 10 Erlangs ≥ 8 servers: unstable/);
    expect(r.stdout).not.toMatch(/warning: ρ = /); // reported once, by the Erlang C section
  });

  it('capacity below the base rate: no finite queue is recommended, the headline says the queue grows without end', async () => {
    const r = await runCli(['queue', '--rate', '1000', '--service-time', '10ms', '--spike', '2x', '--spike-duration', '5s', '--capacity', '900']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no bounded queue suffices: capacity R = 900\/s < base rate λ = 1\u202f000\/s, the queue grows by 100 items\/s\s+without end/);
    expect(r.stdout).not.toMatch(/recommended bounded queue/);
    // at R = λ (the guide's default) the backlog stays: a finite queue holds it
    const eq = await runCli(['queue', '--rate', '1000', '--service-time', '10ms', '--spike', '2x', '--spike-duration', '5s']);
    expect(eq.stdout).toMatch(/recommended bounded queue: 5\u202f010 items/);
  });

  it('--target-wait without --servers sizes the pool', async () => {
    const r = await runCli(['queue', '--rate', '1000', '--service-time', '10ms', '--target-wait', '20ms', '--format', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.erlangC.servers).toBe(data.erlangC.target.minServers);
    expect(data.erlangC.target.met).toBe(true);
  });

  it('--out writes the file and nothing to stdout', async () => {
    const out = join(dir, 'queue.md');
    const r = await runCli([...GUIDE, '--format', 'md', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('recommended bounded queue: 5\u202f511 items');
  });

  it.each<[string, string[], RegExp]>([
    ['no --rate', ['queue', '--service-time', '10ms'], /--rate is required/],
    ['no --service-time', ['queue', '--rate', '1000'], /--service-time is required/],
    ['a negative rate', ['queue', '--rate', '-5', '--service-time', '10ms'], /--rate: expected a number > 0 \(got "-5"\)/],
    ['a non-numeric rate', ['queue', '--rate', 'lots', '--service-time', '10ms'], /--rate: expected a number/],
    ['an unparsable duration', ['queue', '--rate', '1000', '--service-time', '10 parsecs'], /--service-time: expected a duration/],
    ['--spike alone', ['queue', '--rate', '1000', '--service-time', '10ms', '--spike', '2x'], /--spike and --spike-duration go together/],
    ['a bad multiplier', ['queue', '--rate', '1000', '--service-time', '10ms', '--spike', 'big', '--spike-duration', '5s'], /--spike: expected a multiplier/],
    ['fractional servers', ['queue', '--rate', '1000', '--service-time', '10ms', '--servers', '2.5'], /--servers: expected a number that is a whole number/],
    ['a 100% target level', ['queue', '--rate', '1000', '--service-time', '10ms', '--target-wait', '1s', '--target-level', '100%'], /--target-level: expected a fraction < 1/],
    ['--target-level alone', ['queue', '--rate', '1000', '--service-time', '10ms', '--target-level', '90%'], /--target-level needs --target-wait/],
    ['a bad percentage', ['queue', '--rate', '1000', '--service-time', '10ms', '--spike', '2x', '--spike-duration', '5s', '--margin', 'ten'], /--margin: expected a percentage/],
    ['an unknown format', ['queue', '--rate', '1000', '--service-time', '10ms', '--format', 'xml'], /--format: expected one of console, md, csv, json/],
  ])('%s → exit 2 with a clear message', async (_name, args, re) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(re);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it.each([
    ['case 9: --servers 12 labels which W each section uses (no two different "L" or "W")', ERLANG],
  ])('issue 9 %s', async (_name, args) => {
    const r = await runCli([...args, '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Row[];
    const symbols = (sym: string) => rows.filter((x) => x.symbol === sym).map((x) => `${x.section}: ${x.value}`);
    // One "L" and one "W" (Erlang C's, which include the queueing wait); Little's section names λ·S and S.
    expect(symbols('L')).toEqual([]);
    expect(symbols('W')).toEqual([]);
    expect(rows.find((x) => x.symbol === 'λ·S')?.value).toBe('10');
    expect(rows.find((x) => x.symbol === 'L = λ·W')?.value).toMatch(/^12\.2/);
  });

  it.each([
    ['case 4: --rate 1e12 --target-wait 20ms is sized in bounded time', ['--rate', '1e12', '--service-time', '10ms', '--target-wait', '20ms', '--format', 'json'], 0, ''],
    ['case 4: an offered load beyond the limit is refused (exit 2)', ['--rate', '1e14', '--service-time', '10ms', '--target-wait', '20ms'], 2, '--rate × --service-time: expected an offered load of at most'],
  ])('issue 9 %s', async (_name, args, code, stderr) => {
    const started = Date.now();
    const r = await runCli(['queue', ...(args as string[])]);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toContain(stderr as string);
    expect(Date.now() - started).toBeLessThan(25_000);
    if (code === 0) expect(JSON.parse(r.stdout).erlangC.target.met).toBe(true);
  });
});
