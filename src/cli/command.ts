import { Command } from 'commander';
import type { ExitCode } from '../errors.js';

/** What a command's action gives back: its exit code (0 ok, 1 threshold or gate failed, 130 interrupted). */
export type ActionResult = ExitCode | Promise<ExitCode>;

/**
 * A commander `Command` whose action (set with `run`) returns its exit code. Commander discards action return
 * values, so this keeps it on the command itself, where `main` reads it after parsing (no global setter).
 */
export class CapplanCommand extends Command {
  /** Exit code returned by this command's action, once it has run. */
  actionResult: ExitCode | undefined;

  override createCommand(name?: string): CapplanCommand {
    return new CapplanCommand(name);
  }

  /** Set the action, like commander's `action`, but `fn` returns the command's exit code. */
  run(fn: (...args: any[]) => ActionResult): this {
    return this.action(async (...args: unknown[]) => {
      this.actionResult = await fn(...args);
    });
  }
}
