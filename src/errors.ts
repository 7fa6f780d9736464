/**
 * Typed errors and the exit codes they map to. The CLI's single top-level catch
 * (src/cli/main.ts) turns these into a one-line message and an exit code; nothing
 * else in capplan calls `process.exit`.
 */

/** Process exit codes used by every command. */
export const ExitCode = {
  /** Everything ran and every threshold passed. */
  Ok: 0,
  /** A threshold, SLO or regression gate failed. */
  ThresholdFailed: 1,
  /** Bad usage or input: flags, profile, result file, unreachable target. */
  BadInput: 2,
  /** An internal error: a bug in capplan, not the user's mistake (EX_SOFTWARE). */
  Internal: 70,
  /** Interrupted by SIGINT/SIGTERM (a partial result was saved, unless a second signal stopped at once). */
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base class for every error capplan expects and reports without a stack trace. */
export class CapplanError extends Error {
  constructor(
    message: string,
    /** Exit code this error maps to. */
    public readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags or arguments (exit 2). */
export class UsageError extends CapplanError {
  constructor(message: string) {
    super(message, ExitCode.BadInput);
  }
}

/** A file could not be read, parsed or understood (exit 2). `file` is named in the message. */
export class InputError extends CapplanError {
  constructor(
    message: string,
    public readonly file?: string,
  ) {
    super(file ? `${file}: ${message}` : message, ExitCode.BadInput);
  }
}

/** One problem found while validating a file: a field path such as `stages[2].duration` and what was expected. */
export interface ValidationIssue {
  /** Field path, e.g. `endpoints[1].weight`; empty string for the document root. */
  path: string;
  /** What is wrong and what was expected, e.g. `must be > 0 (got -3)`. */
  message: string;
  /** 1-based line in the source file, when known. */
  line?: number;
  /** 1-based column in the source file, when known. */
  column?: number;
}

/** Every problem found in one file, collected rather than thrown one at a time (exit 2). */
export class ValidationError extends CapplanError {
  constructor(
    public readonly file: string,
    public readonly issues: ValidationIssue[],
  ) {
    super(formatIssues(file, issues), ExitCode.BadInput);
  }
}

/**
 * Every problem with a request to domain code (not a file), collected: each names the input's path
 * (`slos[1]`, `endpoint`) and never a CLI flag; src/cli/ words them as flags (exit 2).
 */
export class InputProblemsError extends CapplanError {
  constructor(public readonly issues: ValidationIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n'), ExitCode.BadInput);
  }
}

/** Render validation issues as `file:line:col: path: message`, one per line. */
export function formatIssues(file: string, issues: ValidationIssue[]): string {
  const head = `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  const lines = issues.map((i) => {
    const where = i.line !== undefined ? `${file}:${i.line}${i.column !== undefined ? `:${i.column}` : ''}` : file;
    return `  ${where}: ${i.path ? `${i.path}: ` : ''}${i.message}`;
  });
  return [head, ...lines].join('\n');
}

/** The target could not be reached before the run started (exit 2). */
export class TargetUnreachableError extends CapplanError {
  constructor(target: string, reason: string) {
    super(`target ${target} is unreachable: ${reason}`, ExitCode.BadInput);
  }
}

/** The run was interrupted (exit 130); the message says whether a partial result was saved. */
export class InterruptedError extends CapplanError {
  constructor(message: string) {
    super(message, ExitCode.Interrupted);
  }
}

/**
 * Map any thrown value to an exit code and the one-line text to print on stderr. Our own errors and commander's
 * usage errors carry their code; anything else is a bug in capplan and exits 70, never 2.
 */
export function describeError(err: unknown): { exitCode: ExitCode; message: string } {
  if (err instanceof CapplanError) return { exitCode: err.exitCode, message: err.message };
  // commander reports bad usage through its own error type (code starts with "commander.").
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('commander.')) {
    return { exitCode: ExitCode.BadInput, message: (err as Error).message.replace(/^error: /, '') };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { exitCode: ExitCode.Internal, message: `internal error: ${message}; this is a bug; rerun with CAPPLAN_DEBUG=1 for the stack` };
}
