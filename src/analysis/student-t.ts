import { createRequire } from 'node:module';

// jstat is CommonJS and its ESM default export does not match the named typing in
// src/types/jstat.d.ts, so load it through require (typed by that declaration).
const require = createRequire(import.meta.url);
const { jStat } = require('jstat') as typeof import('jstat');

/**
 * Two-sided Student-t critical value: the t with P(|T| ≤ t) = `confidence`
 * for `dof` degrees of freedom, i.e. t = F⁻¹((1 + confidence) / 2; dof).
 */
export function studentTCritical(confidence: number, dof: number): number {
  return jStat.studentt.inv((1 + confidence) / 2, dof);
}
