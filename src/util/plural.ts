import { formatCount } from '../render/format.js';

/**
 * `1 request`, `3 requests`, `12 345 requests`: a count (with the thousands separator of every other number) and
 * its noun, plural unless the count is exactly 1. `pluralForm` defaults to the noun + "s".
 */
export function plural(count: number, noun: string, pluralForm = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : pluralForm}`;
}
