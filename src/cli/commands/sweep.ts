import type { Command } from 'commander';
import { UsageError } from '../../errors.js';

// Scaffold: replaced by the real command.
export function define(cmd: Command): void {
  cmd.action(() => {
    throw new UsageError('capplan sweep is not available yet');
  });
}
