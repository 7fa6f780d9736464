import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/mix/template.js';

describe('parseTemplate', () => {
  it.each([
    ['/item/{id}', [{ kind: 'literal', text: '/item/' }, { kind: 'var', name: 'id' }]],
    ['Bearer ${env:API_TOKEN}', [{ kind: 'literal', text: 'Bearer ' }, { kind: 'env', name: 'API_TOKEN' }]],
    ['{} {a b} {1x} ${env:} {', [{ kind: 'literal', text: '{} {a b} {1x} ${env:} {' }]],
    ['{a}{b}', [{ kind: 'var', name: 'a' }, { kind: 'var', name: 'b' }]],
    ['$' + '{uuid}', [{ kind: 'literal', text: '$' }, { kind: 'var', name: 'uuid' }]],
  ])('%s', (text, parts) => {
    expect(parseTemplate(text)).toEqual(parts);
  });
});
