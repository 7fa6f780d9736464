/**
 * HAR 1.2 (a browser DevTools recording) → a profile draft. Pure: the parsed HAR document goes in, a draft and
 * notes on what was left out come out, or every problem with its field path (`log.entries[3].request.url`).
 */
import type { ValidationIssue } from '../errors.js';
import { endpointName, type DraftEndpoint, type DraftParam, type ProfileDraft } from './draft.js';
import { recordedValue, templatePath } from './path-template.js';
import { bodyHasTemplateText, envRef, isSecretName, looksLikeTemplate, redactBody, secretEnvName } from './secrets.js';
import { importedDraft, profileNameFor } from './common.js';

/** Options of {@link draftFromHar}. */
export interface HarOptions {
  /** Target origin to write instead of the most frequent recorded origin. */
  target?: string;
  /** Keep static assets (scripts, styles, images, fonts, media), dropped by default. */
  keepAssets?: boolean;
  /** Where the recording came from, for the profile's first comment line. */
  source: string;
}

/** What {@link draftFromHar} gives back: a draft and notes for the user, or the problems that stopped it. */
export type HarDraft = { draft: ProfileDraft; notes: string[] } | { problems: ValidationIssue[] };

interface Entry {
  method: string;
  url: URL;
  headers: Array<{ name: string; value: string }>;
  hasCookies: boolean;
  postData?: { mimeType: string; text: string };
  responseMime: string;
}

/** At most this many distinct recorded values per parameter (the most frequent are kept). */
export const MAX_LIST_VALUES = 1000;

const ASSET_EXT = /\.(js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|avif|bmp|woff2?|ttf|otf|eot|mp4|webm|mp3|ogg|wav)$/i;
const ASSET_MIME = /^(image|font|video|audio)\/|css|javascript|ecmascript/i;
/** Headers a browser adds for itself, hop-by-hop headers and HTTP/2 pseudo-headers: not part of the API call. */
const KEEP_HEADER = /^(accept|content-type|x-[a-z0-9-]+)$/i;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether an entry fetched a static asset (by extension, or by the response's content type). */
export function isStaticAsset(url: URL, responseMime: string): boolean {
  return ASSET_EXT.test(url.pathname) || ASSET_MIME.test(responseMime);
}

function readEntries(har: unknown, problems: ValidationIssue[]): { entries: Entry[]; nonHttp: number } {
  const log = isObj(har) ? har.log : undefined;
  if (!isObj(log) || !Array.isArray(log.entries)) {
    problems.push({ path: 'log.entries', message: 'expected a HAR 1.2 recording: { "log": { "entries": [ … ] } } (save one with DevTools → Network → Save all as HAR)' });
    return { entries: [], nonHttp: 0 };
  }
  const entries: Entry[] = [];
  let nonHttp = 0;
  log.entries.forEach((e, i) => {
    const at = `log.entries[${i}].request`;
    const req = isObj(e) ? e.request : undefined;
    if (!isObj(req)) return void problems.push({ path: at, message: 'expected a request object' });
    if (typeof req.method !== 'string' || !/^[A-Za-z]+$/.test(req.method)) problems.push({ path: `${at}.method`, message: `expected an HTTP method (got ${JSON.stringify(req.method ?? null)})` });
    let url: URL | undefined;
    try {
      url = typeof req.url === 'string' ? new URL(req.url) : undefined;
    } catch {
      url = undefined;
    }
    if (!url) return void problems.push({ path: `${at}.url`, message: 'expected an absolute URL' });
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return void nonHttp++;
    const headers = Array.isArray(req.headers) ? req.headers.filter((h): h is { name: string; value: string } => isObj(h) && typeof h.name === 'string' && typeof h.value === 'string') : [];
    const post = isObj(req.postData) && typeof req.postData.text === 'string' ? { mimeType: String(req.postData.mimeType ?? ''), text: req.postData.text } : undefined;
    const content = isObj(e) && isObj(e.response) && isObj(e.response.content) ? e.response.content : {};
    entries.push({
      method: String(req.method).toUpperCase(),
      url,
      headers,
      hasCookies: Array.isArray(req.cookies) && req.cookies.length > 0,
      postData: post,
      responseMime: typeof content.mimeType === 'string' ? content.mimeType : '',
    });
  });
  return { entries, nonHttp };
}

/** The most frequent value (the first seen wins a tie). */
function mostFrequent(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}

/** Recorded values as a `list` distribution: plain when each value was seen once, else values with their counts as weights. */
export function listParam(recorded: string[]): DraftParam {
  const counts = new Map<string, number>();
  for (const v of recorded) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_LIST_VALUES);
  // Keep first-seen order among the kept values: the profile reads like the recording.
  const kept = [...counts.keys()].filter((v) => top.some(([t]) => t === v));
  const values = kept.map(recordedValue);
  if (kept.every((v) => counts.get(v) === 1)) return { list: values };
  return { list: { values, weights: kept.map((v) => counts.get(v)!) } };
}

interface Group {
  method: string;
  template: string;
  entries: Entry[];
  params: Map<string, string[]>;
}

function groupEntries(entries: Entry[]): Group[] {
  const groups = new Map<string, Group>();
  for (const e of entries) {
    const t = templatePath(e.url.pathname);
    const key = `${e.method} ${t.template}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { method: e.method, template: t.template, entries: [], params: new Map() }));
    g.entries.push(e);
    for (const [k, v] of Object.entries(t.values)) g.params.set(k, [...(g.params.get(k) ?? []), v]);
  }
  return [...groups.values()];
}

/** A query key as a parameter name (an identifier): `page-size` → `q_page_size`. */
const queryParamName = (key: string) => `q_${key.replace(/[^A-Za-z0-9_]/g, '_')}`;
/** A recorded query text as a literal in a path: braces would read as a template, so they stay percent-encoded. */
const literalQuery = (s: string) => encodeURIComponent(s);

/**
 * The query part of a group's path: keys present in every entry; one recorded value → literal, several → a
 * `list` parameter, a credential → `${env:…}`. Keys missing from some entries are left out.
 */
function queryTemplate(g: Group, params: Record<string, DraftParam>, envVars: Set<string>): string {
  const perEntry = g.entries.map((e) => e.url.searchParams);
  const keys = [...new Set(perEntry.flatMap((p) => [...p.keys()]))].filter((k) => perEntry.every((p) => p.has(k)));
  const parts = keys.map((k) => {
    const values = perEntry.map((p) => p.get(k) ?? '');
    if (isSecretName(k)) {
      const name = secretEnvName(k, 'query_');
      envVars.add(name);
      return `${literalQuery(k)}=${envRef(name)}`;
    }
    if (new Set(values).size === 1) return `${literalQuery(k)}=${literalQuery(values[0])}`;
    const name = queryParamName(k);
    params[name] = listParam(values);
    return `${literalQuery(k)}={${name}}`;
  });
  return parts.length ? `?${parts.join('&')}` : '';
}

function groupHeaders(g: Group, envVars: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of g.entries) {
    for (const h of e.headers) {
      const name = h.name.toLowerCase();
      if (name.startsWith(':')) continue;
      if (isSecretName(name)) {
        const env = secretEnvName(name);
        envVars.add(env);
        out[name] = envRef(env);
      } else if (KEEP_HEADER.test(name) && !looksLikeTemplate(h.value) && /^[\x20-\x7e]*$/.test(h.value)) {
        out[name] = h.value;
      }
    }
    if (e.hasCookies && out.cookie === undefined) {
      envVars.add(secretEnvName('cookie'));
      out.cookie = envRef(secretEnvName('cookie'));
    }
  }
  // The engine sets content-type for JSON bodies; a recorded form or text type would mislabel the JSON it sends.
  if (out['content-type'] !== undefined && !/json/i.test(out['content-type'])) delete out['content-type'];
  return out;
}

/** The last recorded JSON body of a group, with credential fields as `${env:…}`; undefined when there is none. */
function groupBody(g: Group, envVars: Set<string>, notes: { nonJson: number; template: number }): unknown {
  for (const e of [...g.entries].reverse()) {
    if (!e.postData || e.postData.text === '') continue;
    let parsed: unknown;
    try {
      parsed = /json/i.test(e.postData.mimeType) || /^\s*[[{]/.test(e.postData.text) ? JSON.parse(e.postData.text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined) {
      notes.nonJson++;
      return undefined;
    }
    if (bodyHasTemplateText(parsed)) {
      notes.template++;
      return undefined;
    }
    return redactBody(parsed, envVars);
  }
  return undefined;
}

/** Turn a parsed HAR 1.2 document into a profile draft (see the module comment). */
export function draftFromHar(har: unknown, opts: HarOptions): HarDraft {
  const problems: ValidationIssue[] = [];
  const { entries, nonHttp } = readEntries(har, problems);
  if (problems.length > 0) return { problems };
  const assets = opts.keepAssets ? [] : entries.filter((e) => isStaticAsset(e.url, e.responseMime));
  const calls = entries.filter((e) => !assets.includes(e));
  if (calls.length === 0) {
    const why = entries.length === 0 ? 'the recording has no HTTP requests' : `all ${entries.length} recorded requests are static assets (pass --keep-assets to keep them)`;
    return { problems: [{ path: 'log.entries', message: why }] };
  }
  const origin = mostFrequent(calls.map((e) => e.url.origin))!;
  const ours = calls.filter((e) => e.url.origin === origin);
  const others = calls.filter((e) => e.url.origin !== origin);

  const envVars = new Set<string>();
  const bodyNotes = { nonJson: 0, template: 0 };
  const taken = new Set<string>();
  const groups = groupEntries(ours).sort((a, b) => b.entries.length - a.entries.length);
  const endpoints: DraftEndpoint[] = groups.map((g) => {
    const params: Record<string, DraftParam> = {};
    for (const [k, values] of g.params) params[k] = listParam(values);
    const path = g.template + queryTemplate(g, params, envVars);
    const headers = groupHeaders(g, envVars);
    const body = groupBody(g, envVars, bodyNotes);
    return {
      name: endpointName(g.method, g.template, taken),
      method: g.method,
      path,
      weight: g.entries.length,
      ...(Object.keys(params).length ? { params } : {}),
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(body !== undefined ? { body } : {}),
    };
  });

  const notes: string[] = [];
  if (assets.length) notes.push(`${assets.length} static asset request(s) left out (--keep-assets keeps them)`);
  if (others.length) {
    const hosts = [...new Set(others.map((e) => e.url.host))];
    notes.push(`${others.length} request(s) to ${hosts.length} other origin(s) left out (${hosts.slice(0, 3).join(', ')}${hosts.length > 3 ? ', …' : ''}): a profile has one target`);
  }
  if (nonHttp) notes.push(`${nonHttp} non-HTTP entr${nonHttp === 1 ? 'y' : 'ies'} (data:, ws:, extensions) left out`);
  if (bodyNotes.nonJson) notes.push(`${bodyNotes.nonJson} endpoint(s) with a non-JSON body sent without it: profiles send JSON bodies`);
  if (bodyNotes.template) notes.push(`${bodyNotes.template} endpoint(s) whose JSON body holds {name} text sent without it: a profile would read it as a template`);

  return {
    draft: importedDraft({
      name: profileNameFor(new URL(origin).hostname),
      target: opts.target ?? origin,
      intro: `Drafted by capplan init from ${opts.source}: ${ours.length} request(s) to ${origin}, ${endpoints.length} endpoint(s), weights = recorded counts.`,
      notes,
      endpoints,
      envVars,
    }),
    notes,
  };
}
