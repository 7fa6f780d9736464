import { stringify } from 'yaml';
import type { DraftEndpoint, ProfileDraft } from './draft.js';

/** Text safe inside a YAML comment: control characters (and so line breaks) become spaces. */
function commentText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/** A YAML value on one line (flow style), quoted where YAML needs it. */
function inline(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();
}

function endpointYaml(ep: DraftEndpoint): string {
  const out = [`  - name: ${inline(ep.name)}`, `    method: ${ep.method}`, `    path: ${inline(ep.path)}`, `    weight: ${ep.weight}`];
  if (ep.params && Object.keys(ep.params).length > 0) {
    out.push('    params:');
    for (const [k, v] of Object.entries(ep.params)) out.push(`      ${inline(k)}: ${inline(v)}`);
  }
  if (ep.headers && Object.keys(ep.headers).length > 0) out.push(`    headers: ${inline(ep.headers)}`);
  if (ep.body !== undefined) {
    const body = stringify(ep.body, { lineWidth: 0 }).trimEnd();
    // Scalars and small bodies on one line; larger ones as an indented block.
    out.push(body.includes('\n') ? `    body:\n${body.replace(/^/gm, '      ')}` : `    body: ${inline(ep.body)}`);
  }
  return out.join('\n');
}

/**
 * The commented YAML text of a drafted profile, in the order a reader edits it: target, shape, mix,
 * thresholds. Every value goes through the YAML library (quoting), every comment through `commentText`.
 */
export function renderDraft(d: ProfileDraft): string {
  const lines: string[] = d.intro.map((l) => `# ${commentText(l)}`.trimEnd());
  if (d.envVars.length > 0) {
    lines.push(`# Secrets are read from the environment and never stored: export ${d.envVars.join(', ')} before running.`);
  }
  const { ratePerSec, rampDuration, holdDuration } = d.ramp;
  lines.push(
    `name: ${inline(d.name)}`,
    `target: ${inline(d.target)}  # --target URL overrides this`,
    'model: open  # open: new requests arrive at a rate, whatever the responses do',
    `# A gentle start: 0 → ${ratePerSec} req/s over ${rampDuration}, then ${ratePerSec} req/s for ${holdDuration}. Raise the levels once this passes.`,
    'stages:',
    `  - { duration: ${rampDuration}, to: ${ratePerSec}, name: ramp }`,
    `  - { duration: ${holdDuration}, rate: ${ratePerSec}, name: hold }`,
    '# The mix: each request picks an endpoint with probability weight / (sum of weights).',
    'endpoints:',
    ...d.endpoints.map(endpointYaml),
  );
  if (d.headers && Object.keys(d.headers).length > 0) lines.push(`headers: ${inline(d.headers)}`);
  lines.push(
    `timeout: ${d.timeout}  # per request; a slower answer counts as an error (timeout)`,
    '# SLO thresholds: `capplan load` exits 1 when one fails. Edit them to your objectives.',
    'thresholds:',
    `  total: ${inline(d.sloTotal)}`,
  );
  return lines.join('\n') + '\n';
}
