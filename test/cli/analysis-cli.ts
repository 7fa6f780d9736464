/**
 * Helper for the analysis command tests (queue, saturation, slo, …): the built CLI in a child process through the
 * one runner, test/helpers/cli.ts (golden files: test/helpers/golden.ts).
 */
import { runCapplan } from '../helpers/cli.js';

/** Exit code, stdout and stderr of one CLI run (a run killed by its timeout reports exit 1). */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `node bin/capplan.js ...args` from the project root (colour off). */
export async function runCli(args: string[]): Promise<CliRun> {
  const r = await runCapplan(args);
  return { ...r, code: r.code ?? 1 };
}
