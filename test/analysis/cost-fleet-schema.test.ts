import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFleetFile } from '../../src/analysis/fleet-schema.js';
import { formatPath } from '../../src/profile/yaml-source.js';
import { suggest as closest } from '../../src/profile/did-you-mean.js';
import { ValidationError } from '../../src/errors.js';

const TYPES = `instanceTypes:
  - { name: small, hourlyUsd: 0.1, capacityRps: 100 }
  - { name: large, hourlyUsd: 0.4, capacityRps: 400 }
`;

function issuesOf(text: string): string[] {
  try {
    parseFleetFile(text, 'f.yaml');
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return err.issues.map((i) => `${i.line ?? '-'}:${i.column ?? '-'} ${i.path}: ${i.message}`);
  }
  throw new Error('expected a ValidationError');
}

describe('parseFleetFile', () => {
  it('reads the shipped profiles/fleet.yaml', () => {
    const f = parseFleetFile(readFileSync('profiles/fleet.yaml', 'utf8'), 'profiles/fleet.yaml');
    expect(f.hoursPerMonth).toBe(720);
    expect(f.peakRps).toBe(5000);
    expect(f.zones).toBe(2);
    expect(f.instanceTypes.map((t) => t.name)).toEqual(['c5.xlarge', 'c5.2xlarge', 'c5.4xlarge']);
    expect(f.candidates).toHaveLength(3);
  });

  it('reads peakFrom with its defaults (90d, upper bound)', () => {
    const f = parseFleetFile(`peakFrom: { forecast: metrics-rps.csv, metric: peak_rps }\n${TYPES}`, 'f.yaml');
    expect(f.peakRps).toBeUndefined();
    expect(f.peakFrom).toEqual({ forecast: 'metrics-rps.csv', metric: 'peak_rps', horizon: '90d', bound: 'upper' });
  });

  it('applies the defaults: 730 h/month and a 0.75 target', () => {
    const f = parseFleetFile(`peakRps: 300\n${TYPES}`, 'f.yaml');
    expect([f.hoursPerMonth, f.targetUtilization, f.zones, f.candidates]).toEqual([730, 0.75, undefined, undefined]);
  });

  it.each([
    ['unknown top-level key with a suggestion', `peakRPS: 300\n${TYPES}`, ['1:1 peakRPS: unknown key "peakRPS"; did you mean "peakRps"?']],
    [
      'unknown nested key with a suggestion',
      `peakRps: 300\ninstanceTypes:\n  - { name: a, hourlyUSD: 0.1, capacityRps: 100 }\n`,
      ['3:16 instanceTypes[0].hourlyUSD: unknown key "hourlyUSD"; did you mean "hourlyUsd"?'],
    ],
    ['unknown key, nothing close', `peakRps: 300\nbananas: 1\n${TYPES}`, ['2:1 bananas: unknown key "bananas"; expected one of: hoursPerMonth, peakRps']],
    [
      'negative price, with the value and position',
      `peakRps: 300\ninstanceTypes:\n  - { name: a, hourlyUsd: -0.1, capacityRps: 100 }\n`,
      ['3:27 instanceTypes[0].hourlyUsd: must be a price ≥ 0 (USD per hour) (got -0.1)'],
    ],
    ['a string where a number belongs', `peakRps: lots\n${TYPES}`, ['1:10 peakRps: expected the peak load in requests per second (a number) (got "lots")']],
    ['target above 1', `peakRps: 300\ntargetUtilization: 75\n${TYPES}`, ['2:20 targetUtilization: must be ≤ 1 (a fraction, e.g. 0.75) (got 75)']],
    [
      'candidate of an unknown type, with a suggestion',
      `peakRps: 300\n${TYPES}candidates:\n  - { type: smal, count: 2 }\n`,
      ['6:13 candidates[0].type: unknown instance type "smal"; did you mean "small"?'],
    ],
    ['fractional count', `peakRps: 300\n${TYPES}candidates:\n  - { type: small, count: 2.5 }\n`, ['6:27 candidates[0].count: must be a whole number of instances (got 2.5)']],
    ['duplicate type names', `peakRps: 300\ninstanceTypes:\n  - { name: a, hourlyUsd: 1, capacityRps: 1 }\n  - { name: a, hourlyUsd: 2, capacityRps: 2 }\n`, ['4:13 instanceTypes[1].name: duplicate instance type "a"']],
    ['average above peak', `peakRps: 300\naverageRps: 400\n${TYPES}`, ['2:13 averageRps: must be ≤ peakRps (300), got 400']],
    ['neither peakRps nor peakFrom', TYPES, ['1:1 peakRps: give exactly one of peakRps (a number) and peakFrom']],
    ['both peakRps and peakFrom', `peakRps: 5\npeakFrom: { forecast: m.csv, metric: rps }\n${TYPES}`, ['1:10 peakRps: give exactly one of peakRps']],
    ['peakFrom: unknown key and bad horizon', `peakFrom: { forecast: m.csv, metrc: rps, horizon: soon }\n${TYPES}`, ['1:30 peakFrom.metrc: unknown key "metrc"; did you mean "metric"?', '1:51 peakFrom.horizon: expected a duration such as 90d or 12w (got "soon")']],
    ['neither capacityRps nor capacityFrom', `peakRps: 5\ninstanceTypes:\n  - { name: a, hourlyUsd: 1 }\n`, ['3:5 instanceTypes[0].capacityRps: give exactly one of capacityRps (a number) and capacityFrom']],
    ['hoursPerMonth ≤ 0, in the profile loader\'s words', `hoursPerMonth: -5\npeakRps: 300\n${TYPES}`, ['1:16 hoursPerMonth: must be > 0 (got -5)']],
    ['instanceTypes missing', `peakRps: 300\n`, ['1:1 instanceTypes: required: a list of instance types like { name, vcpu, memoryGiB, hourlyUsd, capacityRps }']],
    ['instanceTypes not a list', `peakRps: 300\ninstanceTypes: 3\n`, ['2:16 instanceTypes: expected: a list of instance types like { name, vcpu, memoryGiB, hourlyUsd, capacityRps } (got 3)']],
    ['a field missing and a field of the wrong type', `peakRps: 300\ninstanceTypes:\n  - { hourlyUsd: 1, capacityRps: 1, vcpu: x }\n`, ['3:5 instanceTypes[0].name: required: text', '3:43 instanceTypes[0].vcpu: expected a number (got "x")']],
    ['a fractional zone count and an empty name', `peakRps: 300\nzones: 2.5\ninstanceTypes:\n  - { name: "", hourlyUsd: 1, capacityRps: 1 }\n`, ['2:8 zones: expected a whole number (got 2.5)', '4:13 instanceTypes[0].name: must not be empty']],
    ['a load profile given by mistake', readFileSync('profiles/steady.yaml', 'utf8'), ['-:- : this is a load profile, not a fleet file; see profiles/fleet.yaml']],
    ['YAML syntax error', `peakRps: [300\n${TYPES}`, ['YAML syntax']],
    ['not a mapping', `- 1\n- 2\n`, ['-:- : expected a mapping with peakRps, instanceTypes']],
  ])('%s', (_name, text, wanted) => {
    const got = issuesOf(text);
    expect(got).toHaveLength(wanted.length);
    wanted.forEach((w, i) => expect(got[i]).toContain(w));
  });

  it('translated messages are not given a second "(got …)"', () => {
    expect(issuesOf(`peakRps: 300\nhoursPerMonth: -5\ninstanceTypes:\n  - { name: "", hourlyUsd: 1, capacityRps: 1 }\n`)).toEqual([
      '2:16 hoursPerMonth: must be > 0 (got -5)',
      '4:13 instanceTypes[0].name: must not be empty',
    ]);
  });

  it('collects every problem in one error, sorted by line', () => {
    const got = issuesOf(`peakRps: -5\nzones: 1\ninstanceTypes:\n  - { name: a, hourlyUsd: -1, capacityRps: 0 }\n`);
    expect(got.map((g) => g.split(' ')[1])).toEqual(['peakRps:', 'zones:', 'instanceTypes[0].hourlyUsd:', 'instanceTypes[0].capacityRps:']);
  });
});

describe('helpers', () => {
  it.each([
    [['instanceTypes', 1, 'hourlyUsd'], 'instanceTypes[1].hourlyUsd'],
    [['peakRps'], 'peakRps'],
    [[], ''],
  ])('formatPath(%j) = %s', (path, want) => expect(formatPath(path)).toBe(want));

  it.each([
    ['peakrps', 'peakRps'],
    ['capacity', 'capacityRps'],
    ['bananas', undefined],
    ['zone', 'zones'],
    ['hourlyusd', 'hourlyUsd'],
  ])('closest(%s) = %s', (word, want) => expect(closest(word, ['peakRps', 'zones', 'hourlyUsd', 'capacityRps'])).toBe(want));
});
