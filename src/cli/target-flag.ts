import { UsageError } from '../errors.js';
import { parseTarget, type ParsedTarget, type ParseTargetOptions } from '../util/target-url.js';

/**
 * `--target URL|builtin`, checked by the one target parser before any file is read, so a bad
 * flag is blamed on the flag (never on a profile's line) and its userinfo is redacted.
 * UsageError `--target: expected … (got "http://user:***@host")` (exit 2).
 */
export function targetFlag(raw: string, opts: ParseTargetOptions = {}): ParsedTarget {
  const parsed = parseTarget(raw, opts);
  if ('error' in parsed) throw new UsageError(`--target: ${parsed.error}`);
  return parsed;
}
