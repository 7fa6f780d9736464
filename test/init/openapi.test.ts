import { describe, expect, it } from 'vitest';
import { draftFromOpenApi, FALLBACK_TARGET } from '../../src/init/openapi.js';
import { renderDraft } from '../../src/init/profile-text.js';
import { parseProfile } from '../../src/profile/load.js';
import { petstore } from './openapi-fixture.js';

function draft(doc: unknown, target?: string) {
  const r = draftFromOpenApi(doc, { source: 'pets.yaml', target });
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r;
}

describe('draftFromOpenApi', () => {
  it('makes one endpoint per path and method, equal weights, the server URL as target and prefix', () => {
    const { draft: d } = draft(petstore('https://api.example.com'));
    expect(d.target).toBe('https://api.example.com');
    expect(d.endpoints.map((e) => `${e.name} ${e.method} ${e.path} ×${e.weight}`)).toEqual([
      'listPets GET /v1/pets?limit={q_limit} ×1',
      'createPet POST /v1/pets ×1',
      'showPet GET /v1/pets/{petId} ×1',
      'put-pets-petid PUT /v1/pets/{petId} ×1',
      'get-owners-owner-id GET /v1/owners/{uuid} ×1',
    ]);
    expect(d.name).toBe('pet-store');
  });

  it('draws parameters from their schemas and builds bodies from examples and schemas', () => {
    const { draft: d } = draft(petstore('https://api.example.com'));
    const byName = Object.fromEntries(d.endpoints.map((e) => [e.name, e]));
    expect(byName.listPets.params).toEqual({ q_limit: { uniform: [1, 50] } });
    expect(byName.showPet.params).toEqual({ petId: { uniform: [1, 1000] } });
    expect(byName.createPet.body).toEqual({ name: 'Rex', age: 0, tag: 'dog', born: '2026-01-01' });
    expect(byName['put-pets-petid'].body).toEqual({ name: 'Max', age: 3 });
  });

  it('sends credentials from the security schemes as ${env:…}, per operation (security: [] sends none)', () => {
    const { draft: d } = draft(petstore('https://api.example.com'));
    expect(d.envVars).toEqual(['CAPPLAN_TOKEN']);
    expect(d.endpoints[0].headers).toEqual({ authorization: 'Bearer ${env:CAPPLAN_TOKEN}' });
    expect(d.endpoints.at(-1)!.headers).toBeUndefined();
  });

  it('uses --target, or a fallback with a note when the document has no absolute server', () => {
    expect(draft(petstore('https://api.example.com'), 'http://127.0.0.1:9999').draft.target).toBe('http://127.0.0.1:9999');
    const r = draft(petstore());
    expect(r.draft.target).toBe(FALLBACK_TARGET);
    expect(r.notes[0]).toContain('no absolute servers URL');
    expect(r.draft.endpoints[0].path).toBe('/pets?limit={q_limit}');
  });

  it('renders a profile the loader accepts as written', () => {
    const p = parseProfile(renderDraft(draft(petstore('https://api.example.com')).draft), 'pets.yaml');
    expect(p.endpoints).toHaveLength(5);
    expect(p.endpoints[1].body).toEqual({ name: 'Rex', age: 0, tag: 'dog', born: '2026-01-01' });
  });

  it.each([
    ['not a mapping', 'x', ': expected an OpenAPI 3 document'],
    ['swagger 2', { swagger: '2.0', paths: { '/a': {} } }, 'openapi: expected an OpenAPI 3 version like "3.0.3" or "3.1.0" (swagger 2.0; convert it to OpenAPI 3 first)'],
    ['no paths', { openapi: '3.1.0' }, 'paths: expected at least one path'],
    ['both', { paths: {} }, 'openapi: expected an OpenAPI 3 version like "3.0.3" or "3.1.0" (got null) | paths: expected at least one path'],
    ['no operations', { openapi: '3.0.0', paths: { '/a': { summary: 'x' } } }, 'paths: no operations found'],
  ])('refuses %s', (_, doc, expected) => {
    const r = draftFromOpenApi(doc, { source: 'x' });
    expect('problems' in r).toBe(true);
    if ('problems' in r) expect(r.problems.map((p) => `${p.path}: ${p.message}`).join(' | ')).toContain(expected);
  });
});
