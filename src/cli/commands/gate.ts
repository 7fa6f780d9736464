import type { CapplanCommand } from '../command.js';
import { ExitCode, InputProblemsError, UsageError, type ValidationIssue } from '../../errors.js';
import { runGate } from '../../gate/gate.js';
import { gateDoc } from '../../gate/gate-doc.js';
import { renderDoc, type DocFormat } from '../../render/document.js';
import { emit } from '../../render/output.js';
import { readRunFiles } from '../../input/run-files.js';
import { CORRECTIONS, type Correction } from '../../stats/multiple-testing.js';
import { choiceFlag, fractionFlag, UsageProblems } from '../flags/values.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** The statistics flags shared by gate and compare, as parsed by {@link addStatOptions}. */
export interface StatFlags {
  alpha: number;
  correction: Correction;
  confidence: number;
}

/** Add the statistics flags shared by gate and compare (parsed as commander reads them). */
export function addStatOptions(cmd: CapplanCommand): CapplanCommand {
  return cmd
    .flag('--alpha <p>', 'significance level for regression tests', (f, r) => fractionFlag(f, r, { above: 0, below: 1 }), '0.05')
    .flag('--correction <method>', `multiple-testing correction: ${CORRECTIONS.join(', ')}`, (f, r) => choiceFlag(f, r, CORRECTIONS), 'holm')
    .flag('--confidence <c>', 'confidence of the change interval', (f, r) => fractionFlag(f, r, { above: 0, below: 1 }), '0.95');
}

/** The parsed statistics flags out of a command's options. */
export function statFlags(opts: Partial<StatFlags>): StatFlags {
  const { alpha, correction, confidence } = opts as StatFlags;
  return { alpha, correction, confidence };
}

export function define(cmd: CapplanCommand): void {
  cmd
    .argument('<current...>', 'result file(s) of the run(s) to judge: files, a directory or a quoted glob (- for stdin); several runs are replicates')
    .option('--baseline <runs>', 'baseline result file, directory or quoted glob, repeatable: the runs to compare against for regressions', collect)
    .option('--slo <expr>', "SLO threshold, repeatable: 'p99<200ms', 'error_rate<1%', 'rps>=900', 'popular:p95<150ms', 'total@steady:p99<200ms' (@PHASE: one phase of the shape)", collect)
    .option('--max-regression <expr>', "allowed change vs baseline, repeatable: 'p99:+10%', 'p95:+20ms', 'rps:-5%', 'error_rate:+0.5pp' (default with --baseline: p50:+10%, p99:+10%, rps:-5%, error_rate:+0.5pp)", collect)
    .option('--endpoint <name>', 'apply unscoped --slo/--max-regression to this endpoint only')
    .formatOption(['md', 'json', 'console'], 'md')
    .outOption();
  addStatOptions(cmd);
  cmd.run(async (currentSpecs: string[], opts: Record<string, unknown>) => {
    const format = opts.format as DocFormat;
    const stats = statFlags(opts as Partial<StatFlags>);
    const current = await readRunFiles(currentSpecs);
    const baselineSpecs = (opts.baseline as string[] | undefined) ?? [];
    const baseline = baselineSpecs.length ? await readRunFiles(baselineSpecs) : undefined;
    const inBoth = current.runs.find((r) => baseline?.runs.some((b) => b.name === r.name));
    if (inBoth) throw new UsageError(`${inBoth.name} is both a current run and a baseline run`);
    const report = gateOrFlagErrors({
      current: current.runs,
      ...(baseline ? { baseline: baseline.runs } : {}),
      slos: (opts.slo as string[] | undefined) ?? [],
      regressions: (opts.maxRegression as string[] | undefined) ?? [],
      endpoint: opts.endpoint as string | undefined,
      ...stats,
    });
    report.warnings.unshift(...current.warnings, ...(baseline?.warnings ?? []));
    await emit(renderDoc(gateDoc(report), format), opts.out as string | undefined);
    return report.pass ? ExitCode.Ok : ExitCode.ThresholdFailed;
  });
}

/** Run the gate; its input problems (paths such as `slos[1]`) come back worded as the flags that gave them. */
function gateOrFlagErrors(input: Parameters<typeof runGate>[0]): ReturnType<typeof runGate> {
  try {
    return runGate(input);
  } catch (err) {
    if (!(err instanceof InputProblemsError)) throw err;
    const lines = err.issues.map((i) => flagProblem(i, input));
    throw new UsageProblems(lines);
  }
}

/** One gate input problem as the flag that gave it: `--slo "cart:p99<1s": endpoint "cart" is not in …`. */
function flagProblem(issue: ValidationIssue, input: Parameters<typeof runGate>[0]): string {
  const m = /^(slos|regressions)\[(\d+)\]$/.exec(issue.path);
  if (m) {
    const flag = m[1] === 'slos' ? '--slo' : '--max-regression';
    const raw = (m[1] === 'slos' ? input.slos : input.regressions)?.[Number(m[2])] ?? '';
    // Parse errors already quote the expression.
    return issue.message.startsWith(`"${raw}"`) ? `${flag}: ${issue.message}` : `${flag} "${raw}": ${issue.message}`;
  }
  if (issue.path === 'regressions') return '--max-regression needs --baseline BASE.json to compare against';
  if (issue.path === 'endpoint') return `--endpoint ${issue.message}`;
  if (issue.path === 'current') return issue.message;
  if (issue.path === '') return 'nothing to check: give --slo EXPR, --baseline BASE.json (with --max-regression EXPR), or a profile with thresholds';
  return `${issue.path}: ${issue.message}`;
}
