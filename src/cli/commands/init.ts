import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parse as parseYamlValue } from 'yaml';
import type { CapplanCommand } from '../command.js';
import { ExitCode, InputError, UsageError, ValidationError, type ValidationIssue } from '../../errors.js';
import { readInputText } from '../../input/read-text.js';
import { parseProfile } from '../../profile/load.js';
import { draftFromHar } from '../../init/har.js';
import { draftFromOpenApi } from '../../init/openapi.js';
import { renderDraft } from '../../init/profile-text.js';
import { scaffoldDraft, type ScaffoldAnswers } from '../../init/scaffold.js';
import type { ProfileDraft } from '../../init/draft.js';
import { BUILTIN_TARGET, parseTarget } from '../../util/target-url.js';
import { parseDurationMs } from '../../util/duration.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { targetFlag } from '../target-flag.js';
import { numberFlag } from '../flags/values.js';
import { capplanCommand } from '../invocation.js';

interface InitFlags {
  out: string;
  fromHar?: string;
  fromOpenapi?: string;
  keepAssets?: boolean;
  target?: string;
  force?: boolean;
}

/** Where `init` writes when no --out is given. */
const DEFAULT_OUT = 'profile.yaml';

/** `capplan init [URL] [--out FILE]`, `capplan init --from-har FILE.har`, `capplan init --from-openapi SPEC`. */
export function define(cmd: CapplanCommand): void {
  cmd
    .argument('[url]', 'the URL to test, e.g. http://127.0.0.1:8080/health (default: ask on a terminal, else the built-in demo target)')
    .option('-o, --out <file>', 'where to write the profile (- for stdout)', DEFAULT_OUT)
    .option('--from-har <file>', 'draft the profile from a browser recording (HAR 1.2, DevTools → Network → Save all as HAR)')
    .option('--from-openapi <file>', 'draft the profile from an OpenAPI 3 document (.yaml or .json)')
    .option('--keep-assets', 'with --from-har: keep static assets (scripts, styles, images, fonts)')
    .option('-t, --target <url>', 'target origin to write, overriding the recording or the document (http(s)://host[:port])')
    .option('-f, --force', 'overwrite the --out file if it exists')
    .run(async (url: string | undefined, flags: InitFlags) => runInit(url, flags));
}

async function runInit(url: string | undefined, f: InitFlags): Promise<ExitCode> {
  const sources = [url !== undefined && 'URL', f.fromHar !== undefined && '--from-har', f.fromOpenapi !== undefined && '--from-openapi'].filter(Boolean);
  if (sources.length > 1) throw new UsageError(`give one source: ${sources.join(' or ')}, not both`);
  if (f.keepAssets && f.fromHar === undefined) throw new UsageError('--keep-assets: only with --from-har FILE.har');
  if (url !== undefined && f.target !== undefined) throw new UsageError('--target: give the URL once, as the argument (capplan init URL)');
  const target = f.target !== undefined ? targetFlag(f.target).target : undefined;
  if (f.out !== '-' && existsSync(f.out) && !f.force) throw new UsageError(`${f.out} exists: pass --force to overwrite it, or --out FILE`);

  const { draft, notes, source } = f.fromHar !== undefined
    ? await fromFile(f.fromHar, 'a HAR 1.2 recording (.har)', (doc) => draftFromHar(doc, { target, keepAssets: f.keepAssets, source: f.fromHar! }))
    : f.fromOpenapi !== undefined
      ? await fromFile(f.fromOpenapi, 'an OpenAPI 3 document (.yaml or .json)', (doc) => draftFromOpenApi(doc, { target, source: f.fromOpenapi! }))
      : { draft: scaffoldDraft(await scaffoldAnswers(url, target)), notes: [], source: undefined };

  const out = f.out;
  if (out !== '-') draft.intro.push(`Run it: ${capplanCommand('load', out, '--duration', '10s')} (a 10 s first try; drop --duration for the full ramp).`);
  const text = renderDraft(draft);
  // Every generated profile must load as written: a problem here is a bug in init, not the user's input.
  try {
    parseProfile(text, out === '-' ? 'the generated profile' : out);
  } catch (err) {
    if (err instanceof ValidationError) throw new Error(`init generated a profile that does not load:\n${err.message}`);
    throw err;
  }
  if (out === '-') {
    process.stdout.write(text);
  } else {
    await writeFileAtomic(out, text);
    const what = `${draft.endpoints.length} endpoint${draft.endpoints.length === 1 ? '' : 's'}${source ? ` from ${source}` : ''}`;
    process.stdout.write(`wrote ${out}: ${what}, target ${draft.target}\n`);
  }
  for (const n of notes) process.stderr.write(`note: ${n}\n`);
  if (draft.envVars.length > 0) process.stderr.write(`secrets: export ${draft.envVars.map((v) => `${v}=…`).join(' ')} before running (the profile reads them, never stores them)\n`);
  if (out !== '-') process.stderr.write(`next: ${capplanCommand('load', out, '--duration', '10s')}\n`);
  return ExitCode.Ok;
}

type Importer = (doc: unknown) => { draft: ProfileDraft; notes: string[] } | { problems: ValidationIssue[] };

/** Read and parse (YAML reads JSON too) an input document and run an importer; its problems become one ValidationError. */
async function fromFile(path: string, expected: string, importer: Importer): Promise<{ draft: ProfileDraft; notes: string[]; source: string }> {
  const text = await readInputText(path, expected);
  let doc: unknown;
  try {
    doc = parseYamlValue(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new InputError(`cannot parse (${(err as Error).message.split('\n')[0]}); expected ${expected}`, path);
  }
  const r = importer(doc);
  if ('problems' in r) throw new ValidationError(path, r.problems);
  return { ...r, source: path };
}

/** The scaffold's answers: from the URL argument and defaults; on a terminal, asked (Enter keeps the default). */
async function scaffoldAnswers(url: string | undefined, target: string | undefined): Promise<ScaffoldAnswers> {
  const fromUrl = (raw: string) => {
    const parsed = parseTarget(raw, { allowPath: true });
    if ('error' in parsed) throw new UsageError(`URL: ${parsed.error}`);
    return parsed;
  };
  const given = url !== undefined ? fromUrl(url) : { target: target ?? BUILTIN_TARGET, path: '/' };
  const answers: ScaffoldAnswers = { target: given.target, path: given.path, ratePerSec: 10, p99: '500ms' };
  if (!(process.stdin.isTTY && process.stderr.isTTY)) return answers;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const ask = async (q: string, def: string) => (await rl.question(`${q} [${def}]: `)).trim() || def;
    if (url === undefined && target === undefined) {
      for (;;) {
        const raw = await ask('URL to test (or builtin for the demo target)', BUILTIN_TARGET);
        const parsed = parseTarget(raw, { allowPath: true });
        if ('target' in parsed) {
          Object.assign(answers, parsed);
          break;
        }
        process.stderr.write(`  ${parsed.error}\n`);
      }
    }
    for (;;) {
      const raw = await ask('Peak rate in requests per second', String(answers.ratePerSec));
      try {
        answers.ratePerSec = numberFlag('rate', raw, { above: 0 });
        break;
      } catch (err) {
        process.stderr.write(`  ${(err as Error).message}\n`);
      }
    }
    for (;;) {
      const raw = await ask('p99 latency objective', answers.p99);
      if (parseDurationMs(raw) !== undefined) {
        answers.p99 = raw;
        break;
      }
      process.stderr.write(`  expected a duration such as 250ms or 1s (got "${raw}")\n`);
    }
  } finally {
    rl.close();
  }
  return answers;
}
