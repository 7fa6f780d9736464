import { Command } from 'commander';
import type { ExitCode } from '../errors.js';
import { choiceFlag, filePathFlag } from './flags/values.js';
import { didYouMean } from '../profile/did-you-mean.js';

/** What a command's action gives back: its exit code (0 ok, 1 threshold or gate failed, 130 interrupted). */
export type ActionResult = ExitCode | Promise<ExitCode>;

/**
 * A commander `Command` whose action (set with `run`) returns its exit code. Commander discards action return
 * values, so this keeps it on the command itself, where `main` reads it after parsing (no global setter).
 */
export class CapplanCommand extends Command {
  /** Exit code returned by this command's action, once it has run. */
  actionResult: ExitCode | undefined;
  /** What commander could not place in the last parse: the first unknown option and every argument after it. */
  private unknownArgs: string[] = [];

  override parseOptions(argv: string[]): { operands: string[]; unknown: string[] } {
    const parsed = super.parseOptions(argv);
    this.unknownArgs = parsed.unknown;
    return parsed;
  }

  /**
   * Every unknown option at once, each with a did-you-mean from this command's options (commander stops at the
   * first): `error: unknown option '--rate'` or `error: 2 unknown options: '--rate' (did you mean "--grace"?), …`.
   * Known options after the first unknown one are still read by commander; the arguments that follow an unknown
   * option (its value, presumably) are not options.
   */
  unknownOption(flag: string): never {
    const known: string[] = [];
    for (let c: Command | null = this; c; c = c.parent) for (const o of c.options) if (o.long) known.push(o.long);
    known.push('--help');
    const isOption = (a: string) => a.length > 1 && a.startsWith('-') && !/^-\d/.test(a);
    const flags = [...new Set([flag, ...this.unknownArgs.filter(isOption)].map((a) => a.split('=')[0]))];
    const one = (f: string) => `'${f}'${f.startsWith('--') ? didYouMean(f, known) : ''}`;
    const message = flags.length === 1 ? `error: unknown option ${one(flags[0])}` : `error: ${flags.length} unknown options: ${flags.map(one).join(', ')}`;
    this.error(message, { code: 'commander.unknownOption' });
  }

  override createCommand(name?: string): CapplanCommand {
    return new CapplanCommand(name);
  }

  /**
   * Add an option whose value commander parses with `parse(flag, raw)` as it reads argv, so a bad value is
   * refused before the action runs, in the one form of src/cli/flags/values.ts: `--flag: expected … (got "…")`.
   * `defaultRaw` is parsed the same way; help shows it as typed.
   */
  flag<T>(flags: string, description: string, parse: (flag: string, raw: string) => T, defaultRaw?: string): this {
    const option = this.createOption(flags, description);
    const name = option.long ?? option.short ?? flags;
    option.argParser((raw: string) => parse(name, raw));
    if (defaultRaw !== undefined) option.default(parse(name, defaultRaw), JSON.stringify(defaultRaw));
    return this.addOption(option);
  }

  /**
   * The one `-f, --format <format>` option: one of `formats`, refused otherwise as argv is read
   * (`--format: expected one of console, md, csv, json (got "xml")`), default `defaultFormat`.
   */
  formatOption(formats: readonly string[], defaultFormat: string, what = 'output format'): this {
    return this.flag('-f, --format <format>', `${what}: ${formats.join(', ')}`, (flag, raw) => choiceFlag(flag, raw, formats), defaultFormat);
  }

  /**
   * The one `-o, --out <file>` option: write there (atomically) instead of stdout. An empty path is refused as
   * argv is read; a path that cannot be written is refused by the write, naming the path and why (exit 2).
   */
  outOption(description = 'write to this file (atomically) instead of stdout', opts: { required?: boolean; short?: boolean } = {}): this {
    const option = this.createOption(opts.short === false ? '--out <file>' : '-o, --out <file>', description);
    option.argParser((raw: string) => filePathFlag('--out', raw));
    return this.addOption(opts.required ? option.makeOptionMandatory() : option);
  }

  /** Set the action, like commander's `action`, but `fn` returns the command's exit code. */
  run(fn: (...args: any[]) => ActionResult): this {
    return this.action(async (...args: unknown[]) => {
      this.actionResult = await fn(...args);
    });
  }
}
