import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { runCli } from './analysis-cli.js';
import { expectGolden } from '../helpers/golden.js';
import { expectBadInput, useTempDir } from './cli-helpers.js';

const SPIKE = ['autoscale', '--demand', 'profiles/demand-spike.csv', '--capacity', '100', '--up-cooldown', '15s', '--down-cooldown', '75s'];

describe('capplan autoscale (built CLI)', () => {
  const tmp = useTempDir('capplan-autoscale-');

  it('the seed rule over the 10× spike: md matches the golden file', async () => {
    const r = await runCli([...SPIKE, '--format', 'md']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectGolden('autoscale/seed-spike.md', r.stdout);
  });

  it('json has ticks[] with tSec, demand, replicas, utilisation, backlog and rejected', async () => {
    const r = await runCli([...SPIKE, '--format', 'json']);
    const data = JSON.parse(r.stdout);
    expect(data.ticks[4]).toMatchObject({ tSec: 60, demand: 1000, replicas: 4, utilisation: 1, backlog: 9000, rejected: 0 });
    expect(data.verdicts.spike).toEqual({ startSec: 60, absorbedSec: 110, durationSec: 50, peakBacklog: 12000, rejected: 0 });
  });

  it('csv: one row per tick, raw numbers', async () => {
    const r = await runCli([...SPIKE, '--format', 'csv']);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(32);
    expect(rows.slice(4, 7).map((x) => [x.t_sec, x.replicas, x.action, x.backlog])).toEqual([['60', '4', 'up', '9000'], ['75', '8', 'up', '12000'], ['90', '16', 'up', '3000']]);
  });

  it('html: a self-contained page with the replicas-against-demand chart and no script', async () => {
    const r = await runCli([...SPIKE, '--format', 'html']);
    expect(r.stdout).toContain("default-src 'none'");
    expect(r.stdout).toContain('Replicas against demand');
    expect(r.stdout.match(/<polyline/g)).toHaveLength(4);
    expect(r.stdout).not.toMatch(/<script/i);
  });

  it('hpa with a pasted behaviour, prices from the fleet file; the HPA never goes above the 15 the peak needs', async () => {
    const r = await runCli(['autoscale', '--demand', 'profiles/demand-spike.csv', '--capacity', '100', '--policy', 'hpa', '--behavior', 'profiles/hpa-behavior.yaml', '--max', '20', '--fleet', 'profiles/fleet.yaml', '--instance-type', 'c5.xlarge', '--format', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.policy.behavior.scaleDown.policies).toEqual([{ type: 'Percent', value: 10, periodSeconds: 60 }]);
    expect(Math.max(...data.ticks.map((t: { replicas: number }) => t.replicas))).toBe(15);
    expect(data.verdicts.costUsd).toBeCloseTo(data.verdicts.replicaHours * 0.17, 12);
  });

  it('exit 1 when requests are rejected (a queue bound), with the report printed first', async () => {
    const r = await runCli([...SPIKE, '--queue-per-replica', '1000', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).verdicts.rejected).toBeCloseTo(5000, 6);
    expect(r.stderr).toMatch(/5000 requests rejected/);
  });

  it('the 5× cooldown rule is a warning', async () => {
    const r = await runCli([...SPIKE.slice(0, -2), '--down-cooldown', '30s']);
    expect(r.stdout).toMatch(/warning: the down-cooldown \(30 s\) is less than 5 × the up-cooldown \(15 s\)/);
  });

  it.each([
    [['autoscale', '--capacity', '100'], /exactly one of --demand FILE.csv and --profile FILE/],
    [['autoscale', '--demand', 'profiles/demand-spike.csv'], /give the capacity per replica/],
    [[...SPIKE, '--policy', 'k8s'], /--policy: expected one of seed, hpa \(got "k8s"\)/],
    [[...SPIKE, '--behavior', 'profiles/hpa-behavior.yaml'], /--behavior applies to --policy hpa/],
    [[...SPIKE, '--min', '8', '--max', '4'], /--max \(4\) must be ≥ --min \(8\)/],
    [[...SPIKE, '--tick', '0s'], /--tick: expected a duration/],
  ])('bad usage: %j', async (args, message) => {
    expectBadInput(await runCli(args), message);
  });

  it('bad files: every bad CSV cell and every bad behaviour field, with line numbers', async () => {
    const csv = tmp.write('bad.csv', 't,rate\n0,x\n0,5\n');
    expectBadInput(await runCli(['autoscale', '--demand', csv, '--capacity', '10']), /row 2, column "rate"[\s\S]*row 3, column "t": times must increase/);
    const yaml = tmp.write('bad.yaml', 'scaleDown:\n  policies:\n  - { type: Pod, value: 1, periodSeconds: 15 }\n');
    expectBadInput(await runCli([...SPIKE, '--policy', 'hpa', '--behavior', yaml]), /scaleDown\.policies\[0\]\.type/);
  });
});
