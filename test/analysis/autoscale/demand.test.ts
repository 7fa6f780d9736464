import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { parseCsvTable } from '../../../src/input/csv-table.js';
import { demandFromTable } from '../../../src/analysis/autoscale/demand.js';

const demand = (csv: string) => demandFromTable(parseCsvTable(csv, 'd.csv'), 't', 'rate');

function issues(csv: string): string[] {
  try {
    demand(csv);
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

describe('demand from a CSV table', () => {
  it('each rate holds until the next row; the last row ends the series', () => {
    const d = demand('t,rate\n0,100\n10,300\n30,0\n');
    expect(d.durationSec).toBe(30);
    expect([d.rate(0), d.rate(9.99), d.rate(10), d.rate(29)]).toEqual([100, 100, 300, 300]);
    expect(d.cumulative(30)).toBe(100 * 10 + 300 * 20);
  });

  it('timestamps: the series starts at the first row', () => {
    const d = demand('t,rate\n2026-11-29T10:00:00Z,50\n2026-11-29T10:01:00Z,150\n2026-11-29T10:02:00Z,150\n');
    expect(d.durationSec).toBe(120);
    expect(d.cumulative(120)).toBe(50 * 60 + 150 * 60);
  });

  it('numeric times not starting at 0 are shifted to start at the first row', () => {
    const d = demand('t,rate\n100,10\n110,20\n');
    expect([d.durationSec, d.cumulative(10)]).toEqual([10, 100]);
  });

  it.each([
    ['t,rate\n0,100\n', ['rows: need at least two rows: each rate holds until the next row, and the last row ends the series']],
    ['t,rate\n0,100\n10,-1\n', ['row 3, column "rate": expected a rate ≥ 0 in req/s, got "-1"']],
    ['t,rate\n0,100\n0,200\n', ['row 3, column "t": times must increase from row to row']],
    ['t,rate\nsoon,100\n10,x\n', ['row 2, column "t": expected seconds or a timestamp, got "soon"', 'row 3, column "rate": expected a rate ≥ 0 in req/s, got "x"']],
    ['t,rate\n0,1\n2026-11-29T10:00:00Z,1\n', ['row 3, column "t": expected seconds like the first row, got "2026-11-29T10:00:00Z"']],
  ])('reports every bad cell: %j', (csv, expected) => {
    expect(issues(csv)).toEqual(expected);
  });
});
