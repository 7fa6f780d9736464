/**
 * Threshold and SLO scopes: `total`, an endpoint name, or either of them limited to one
 * phase of the shape with `@PHASE` (`total@steady`, `popular@spike`).
 */

/** A scope key split into what it measures and, optionally, the phase it is limited to. */
export interface ScopeKey {
  /** `total` or an endpoint name. */
  scope: string;
  /** Phase name (`run.phases[].name`), when the key has `@PHASE`. */
  phase?: string;
}

/**
 * Split `SCOPE@PHASE` at the last `@` (endpoint names such as `@org/team` may contain `@`).
 * A key that is itself one of `known` (total or an endpoint name) is never split.
 */
export function splitScopeKey(key: string, known: readonly string[] = []): ScopeKey {
  const at = key.lastIndexOf('@');
  if (known.includes(key) || at < 0) return { scope: key };
  return { scope: key.slice(0, at), phase: key.slice(at + 1) };
}
