/** `capplan init [URL]`: a first profile for one URL, or for the built-in demo target when no URL is given. */
import { BUILTIN_TARGET } from '../util/target-url.js';
import { DEFAULT_TIMEOUT, GENTLE_RAMP, endpointName, type DraftEndpoint, type ProfileDraft } from './draft.js';
import { profileNameFor } from './common.js';

/** What the scaffold needs: answers to the questions `init` asks on a terminal, or their defaults. */
export interface ScaffoldAnswers {
  /** `builtin` or an origin `http(s)://host[:port]`. */
  target: string;
  /** Path (and query) of the one endpoint, e.g. `/health`; `/` when the URL had none. */
  path: string;
  /** Peak arrival rate of the gentle ramp (req/s). */
  ratePerSec: number;
  /** The p99 latency objective, as a duration like `500ms`. */
  p99: string;
}

/** The endpoint used when the target is the built-in demo service: its item lookup, keys 1…1000. */
const BUILTIN_ENDPOINT: DraftEndpoint = { name: 'get-item', method: 'GET', path: '/item/{id}', weight: 1, params: { id: { uniform: [1, 1000] } } };

/** A URL path as a profile path: braces would read as a template, so they are percent-encoded. */
const literalPath = (path: string) => path.replace(/\{/g, '%7B').replace(/\}/g, '%7D');

/** The draft `capplan init` writes from its answers: the target, a gentle ramp, one GET endpoint, SLOs to edit. */
export function scaffoldDraft(a: ScaffoldAnswers): ProfileDraft {
  const builtin = a.target === BUILTIN_TARGET;
  const endpoint: DraftEndpoint = builtin ? BUILTIN_ENDPOINT : { name: endpointName('GET', a.path, new Set()), method: 'GET', path: literalPath(a.path), weight: 1 };
  return {
    name: builtin ? 'first-profile' : profileNameFor(new URL(a.target).hostname),
    target: a.target,
    intro: [
      builtin
        ? 'A first profile, drafted by capplan init. It runs against the built-in demo target: set target: to your service.'
        : `A first profile for ${a.target}${a.path}, drafted by capplan init.`,
      'Add endpoints under endpoints: (method, path, weight; {name} in a path draws a key from params:).',
    ],
    ramp: { ...GENTLE_RAMP, ratePerSec: a.ratePerSec },
    endpoints: [endpoint],
    timeout: DEFAULT_TIMEOUT,
    sloTotal: [`p99<${a.p99}`, 'error_rate<1%'],
    envVars: [],
  };
}
