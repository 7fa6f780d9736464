import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { describeError, ExitCode, InputError, InterruptedError, TargetUnreachableError, UsageError, ValidationError } from '../src/errors.js';

describe('describeError: every thrown value maps to one exit code and one line', () => {
  const BUG = /^internal error: (.*); this is a bug; rerun with CAPPLAN_DEBUG=1 for the stack$/;
  it.each([
    ['UsageError', new UsageError('--rate: expected a number (got "x")'), ExitCode.BadInput, /^--rate: expected a number \(got "x"\)$/],
    ['InputError names the file', new InputError('no such file', 'a.json'), ExitCode.BadInput, /^a\.json: no such file$/],
    ['ValidationError lists every issue', new ValidationError('p.yaml', [{ path: 'stages[2].duration', message: 'expected a duration' }]), ExitCode.BadInput, /stages\[2\]\.duration: expected a duration/],
    ['TargetUnreachableError', new TargetUnreachableError('http://127.0.0.1:1', 'ECONNREFUSED'), ExitCode.BadInput, /unreachable: ECONNREFUSED/],
    ['InterruptedError', new InterruptedError('SIGINT again: stopped at once; no result was written'), ExitCode.Interrupted, /no result was written/],
    ['commander usage error', new CommanderError(1, 'commander.unknownOption', "error: unknown option '--nope'"), ExitCode.BadInput, /^unknown option '--nope'$/],
    ['TypeError is a bug', new TypeError("Cannot read properties of undefined (reading 'p99')"), ExitCode.Internal, BUG],
    ['RangeError is a bug', new RangeError('Invalid array length'), ExitCode.Internal, BUG],
    ['a thrown string is a bug', 'boom', ExitCode.Internal, BUG],
    ['a thrown undefined is a bug', undefined, ExitCode.Internal, BUG],
  ])('%s', (_name, err, exitCode, message) => {
    const d = describeError(err);
    expect(d.exitCode).toBe(exitCode);
    expect(d.message).toMatch(message);
  });

  it('exit codes are the documented ones', () => {
    expect(ExitCode).toEqual({ Ok: 0, ThresholdFailed: 1, BadInput: 2, Internal: 70, Interrupted: 130 });
  });
});
