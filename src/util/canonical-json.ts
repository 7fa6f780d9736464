/**
 * Canonical JSON: object keys sorted (by UTF-16 code unit) at every depth, arrays kept in
 * order, no whitespace. Two values that are equal as JSON give the same text whatever the
 * order their keys were written in, so the text can be compared or hashed.
 * `undefined` members are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
