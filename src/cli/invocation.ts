/**
 * How a user runs capplan, for the hints capplan prints ("next: … report …"): `capplan` when that command is
 * on the user's PATH, else `npx capplan` (a clone, or a project that installed capplan locally). Every printed
 * hint builds its command with {@link capplanCommand}, so hints run as printed.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join, sep } from 'node:path';

/** Whether an executable `name` is in one of the PATH folders a user's shell has (npm's node_modules/.bin are not). */
function onUserPath(name: string, pathVar: string | undefined): boolean {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (!dir || dir.endsWith(`node_modules${sep}.bin`)) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

let cached: string | undefined;

/**
 * The command prefix for printed hints: `npx capplan` when run through npx (`npm_command=exec`) or when no
 * `capplan` is on the PATH, else `capplan`. `env` is for tests; the answer for process.env is cached.
 */
export function capplanPrefix(env: NodeJS.ProcessEnv = process.env): string {
  if (env === process.env && cached) return cached;
  const prefix = env.npm_command === 'exec' || !onUserPath('capplan', env.PATH) ? 'npx capplan' : 'capplan';
  if (env === process.env) cached = prefix;
  return prefix;
}

/** A runnable command line for a hint: `capplanCommand('report', 'x.json')` → `npx capplan report x.json`. Arguments are shell-quoted when needed. */
export function capplanCommand(...args: string[]): string {
  return [capplanPrefix(), ...args.map(shellQuote)].join(' ');
}

/** Quote an argument for a POSIX shell when it holds anything beyond safe characters. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
