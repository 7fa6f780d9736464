import { CommanderError } from 'commander';
import { CapplanCommand } from './command.js';
import { COMMANDS } from './commands/index.js';
import { describeError, ExitCode } from '../errors.js';
import { capplanVersion } from '../util/version.js';

/**
 * Parse argv, run one command and map what its action returns, or whatever it throws, to an exit code.
 * This is the single catch of the CLI. Returns the process exit code; only bin/capplan.js acts on it.
 */
export async function main(argv: string[]): Promise<ExitCode> {
  // `capplan report … | head`: the reader went away. Stop quietly, like any Unix filter.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  const program = new CapplanCommand('capplan')
    .description('Load testing and capacity planning: realistic traffic, honest latency, capacity answers.')
    .version(await capplanVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const name = argv[2];
  let chosen: CapplanCommand | undefined;
  const wanted = name && Object.hasOwn(COMMANDS, name) ? [name] : Object.keys(COMMANDS);
  for (const cmdName of wanted) {
    const entry = COMMANDS[cmdName];
    if (wanted.length === 1) {
      const mod = await entry.load();
      chosen = program.command(cmdName).description(entry.summary).exitOverride();
      mod.define(chosen);
    } else {
      // Listing only (help / unknown command): describe without importing the module.
      program.command(cmdName).description(entry.summary);
    }
  }

  try {
    await program.parseAsync(argv);
    return chosen?.actionResult ?? ExitCode.Ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0; commander already printed them.
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.Ok;
      return ExitCode.BadInput;
    }
    const { exitCode, message } = describeError(err);
    if (process.env.CAPPLAN_DEBUG === '1' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.stderr.write(`capplan: ${message}\n`);
    return exitCode;
  }
}
