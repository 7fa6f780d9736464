import { describe, expect, it } from 'vitest';
import { renderDoc } from '../../src/render/document.js';
import { analyseSweep } from '../../src/sweep/analyse.js';
import { sweepDoc, sweepPointsCsv, workerMatrixDoc } from '../../src/sweep/matrix.js';
import { parseSlo, type SloExpr } from '../../src/gate/slo-expr.js';
import type { MatrixCell } from '../../src/sweep/types.js';
import { hardCapSteps, uslSteps } from './fixtures.js';
import { expectGolden } from '../helpers/golden.js';


const context = { target: 'http://127.0.0.1:8080', warmupMs: 3000, measureMs: 20_000 };

/** §17.5.2-like cells: nominal = W × 1000 / task ms, measured a little lower, 16 × 1 ms CPU-bound. */
const cells: MatrixCell[] = [1, 2, 4, 8, 16].flatMap((w) =>
  [1, 10, 100].map((t) => {
    const nominal = (w * 1000) / t;
    const throughput = t === 1 && w === 16 ? 8200 : Math.round(nominal * 0.97 * 10) / 10;
    return { workers: w, serviceTimeMs: t, concurrency: 2 * w, nominal, throughput, p99Ms: t * 2.5, errors: 0 };
  }),
);

describe('sweep documents (golden)', () => {
  const doc = sweepDoc(uslSteps(), analyseSweep(uslSteps(), parseSlo('p99<60ms') as SloExpr), context);

  it('renders the sweep as Markdown', () => expectGolden('sweep/sweep.md', renderDoc(doc, 'md')));
  it('writes the capacity matrix as CSV', () => expectGolden('sweep/capacity-matrix.csv', renderDoc(doc, 'csv')));
  it('writes the sweep points CSV that saturation reads', () => {
    const csv = sweepPointsCsv(uslSteps());
    expect(csv.split('\n')[0]).toMatch(/^concurrency,throughput,/);
    expectGolden('sweep/sweep-points.csv', csv);
  });
  it('a hard-capped target: headline and notes give the measured maximum and knee; λ/σ only as a labelled extrapolation', () => {
    const capped = sweepDoc(hardCapSteps(), analyseSweep(hardCapSteps()), context);
    expectGolden('sweep/sweep-hard-cap.md', renderDoc(capped, 'md'));
    expect(capped.headline).toBe('max 400 req/s measured at concurrency 8, knee at 4 (392 req/s); the USL fit is not trusted, so no saturation point is claimed (see the analysis)');
    const notes = capped.sections[0].notes!.join('\n');
    expect(notes).not.toMatch(/approaches λ\/σ/);
    expect(notes).toMatch(/plan with the measured maximum 400 req\/s, not the fit/);
    expect(notes).toMatch(/USL extrapolation only, not a capacity figure: λ\/σ = 68\d\.\d req\/s was never measured/);
  });
  it('a trusted fit keeps N* in the headline', () => {
    expect(doc.headline).toMatch(/^max \d+\.\d req\/s measured at concurrency 16, saturation N\* ≈ 21\.\d, p99<60ms fails from 16$/);
  });
  it('renders the workers × task matrix as Markdown and CSV', () => {
    const m = workerMatrixDoc(cells, { warmupMs: 1000, measureMs: 5000 });
    expectGolden('sweep/worker-matrix.md', renderDoc(m, 'md'));
    expectGolden('sweep/worker-matrix.csv', renderDoc(m, 'csv'));
    expect(m.warnings).toEqual([expect.stringMatching(/1 cell\(s\) below 85% of nominal \(16×1ms\)/)]);
  });
});
