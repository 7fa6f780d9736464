/**
 * `1 request`, `3 requests`: a count with its noun, plural unless the count is exactly 1.
 * `pluralForm` defaults to the noun + "s".
 */
export function plural(count: number, noun: string, pluralForm = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralForm}`;
}
