import type { CapplanCommand } from '../command.js';
import { ExitCode, UsageError } from '../../errors.js';
import { runGate } from '../../gate/gate.js';
import { gateDoc } from '../../gate/gate-doc.js';
import { parseDocFormat, renderDoc } from '../../render/document.js';
import { emit } from '../../render/output.js';
import { readResultFile } from '../../results/read.js';
import { CORRECTIONS, type Correction } from '../../stats/multiple-testing.js';
import { parseFraction, parseNumber } from '../../util/quantity.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Parse the shared statistics flags (--alpha, --correction, --resamples, --seed, --confidence), naming the flag on error. */
export function statFlags(opts: { alpha?: string; correction?: string; resamples?: string; seed?: string; confidence?: string }): {
  alpha: number;
  correction: Correction;
  resamples: number;
  seed: number;
  confidence: number;
} {
  const alpha = parseFraction(opts.alpha ?? '0.05');
  if (alpha === undefined || !(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be a probability in (0, 1), e.g. 0.05 or 5% (got "${opts.alpha}")`);
  const correction = (opts.correction ?? 'holm') as Correction;
  if (!CORRECTIONS.includes(correction)) throw new UsageError(`--correction must be one of ${CORRECTIONS.join(', ')} (got "${opts.correction}")`);
  const resamples = parseNumber(opts.resamples ?? '2000');
  if (resamples === undefined || !Number.isInteger(resamples) || resamples < 100 || resamples > 100_000) {
    throw new UsageError(`--resamples must be an integer from 100 to 100000 (got "${opts.resamples}")`);
  }
  const seed = parseNumber(opts.seed ?? '1');
  if (seed === undefined || !Number.isInteger(seed)) throw new UsageError(`--seed must be an integer (got "${opts.seed}")`);
  const confidence = parseFraction(opts.confidence ?? '0.95');
  if (confidence === undefined || !(confidence > 0 && confidence < 1)) throw new UsageError(`--confidence must be in (0, 1), e.g. 0.95 or 95% (got "${opts.confidence}")`);
  return { alpha, correction, resamples, seed, confidence };
}

/** Add the statistics flags shared by gate and compare. */
export function addStatOptions(cmd: CapplanCommand): CapplanCommand {
  return cmd
    .option('--alpha <p>', 'significance level for regression tests', '0.05')
    .option('--correction <method>', `multiple-testing correction: ${CORRECTIONS.join(', ')}`, 'holm')
    .option('--resamples <n>', 'bootstrap resamples for confidence intervals', '2000')
    .option('--seed <n>', 'bootstrap seed (intervals are reproducible)', '1')
    .option('--confidence <c>', 'confidence of the change interval', '0.95');
}

export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<current>', 'result file of the run to judge (- for stdin)')
    .option('--baseline <file>', 'result file to compare against for regressions')
    .option('--slo <expr>', "SLO threshold, repeatable: 'p99<200ms', 'error_rate<1%', 'rps>=900', 'popular:p95<150ms', 'total@steady:p99<200ms' (@PHASE: one phase of the shape)", collect)
    .option('--max-regression <expr>', "allowed change vs baseline, repeatable: 'p99:+10%', 'p95:+20ms', 'rps:-5%', 'error_rate:+0.5pp' (default with --baseline: p99:+10%, rps:-5%, error_rate:+0.5pp)", collect)
    .option('--endpoint <name>', 'apply unscoped --slo/--max-regression to this endpoint only')
    .option('--format <fmt>', 'md, json or console', 'md')
    .option('--out <file>', 'write the report to a file instead of stdout');
  addStatOptions(cmd);
  cmd.run(async (currentPath: string, opts: Record<string, string | string[] | undefined>) => {
    const format = parseDocFormat(String(opts.format), ['md', 'json', 'console']);
    const stats = statFlags(opts as Record<string, string>);
    const current = { result: await readResultFile(currentPath), name: currentPath };
    const baselinePath = opts.baseline as string | undefined;
    const baseline = baselinePath ? { result: await readResultFile(baselinePath), name: baselinePath } : undefined;
    const report = runGate({
      current,
      baseline,
      slos: (opts.slo as string[] | undefined) ?? [],
      regressions: (opts.maxRegression as string[] | undefined) ?? [],
      endpoint: opts.endpoint as string | undefined,
      ...stats,
    });
    await emit(renderDoc(gateDoc(report), format), opts.out as string | undefined);
    return report.pass ? ExitCode.Ok : ExitCode.ThresholdFailed;
  });
}
