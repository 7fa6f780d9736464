import { expect } from 'vitest';
import { UsageError } from '../../../src/errors.js';

/** The problems a UsageError lists: its one line, or the indented lines under `N problems:`. */
export function usageLines(err: unknown): string[] {
  expect(err).toBeInstanceOf(UsageError);
  const lines = (err as Error).message.split('\n');
  return lines.length === 1 ? lines : lines.slice(1).map((l) => l.trim());
}
