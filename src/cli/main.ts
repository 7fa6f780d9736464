import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';
import { describeError, ExitCode } from '../errors.js';
import { capplanVersion } from '../util/version.js';

/** Exit code a command's action left behind (actions store it here; commander discards return values). */
let actionExitCode: number = ExitCode.Ok;

/** Called by command actions to report their exit code (0 ok, 1 threshold failed). */
export function setExitCode(code: number): void {
  actionExitCode = code;
}

/**
 * Parse argv, run one command and map whatever it throws to an exit code.
 * This is the single catch of the CLI. Returns the process exit code.
 */
export async function main(argv: string[]): Promise<number> {
  actionExitCode = ExitCode.Ok;
  // `capplan report … | head`: the reader went away. Stop quietly, like any Unix filter.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  const program = new Command('capplan')
    .description('Load testing and capacity planning: realistic traffic, honest latency, capacity answers.')
    .version(await capplanVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const name = argv[2];
  const wanted = name && Object.hasOwn(COMMANDS, name) ? [name] : Object.keys(COMMANDS);
  for (const cmdName of wanted) {
    const entry = COMMANDS[cmdName];
    if (wanted.length === 1) {
      const mod = await entry.load();
      const cmd = program.command(cmdName).description(entry.summary).exitOverride();
      mod.define(cmd);
    } else {
      // Listing only (help / unknown command): describe without importing the module.
      program.command(cmdName).description(entry.summary);
    }
  }

  try {
    await program.parseAsync(argv);
    return actionExitCode;
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
