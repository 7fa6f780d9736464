import { describe, expect, it } from 'vitest';
import { recordedValue, templatePath } from '../../src/init/path-template.js';

describe('templatePath', () => {
  it.each([
    ['/', '/', {}],
    ['/api/users', '/api/users', {}],
    ['/api/users/42', '/api/users/{id}', { id: '42' }],
    ['/u/1/o/2/', '/u/{id}/o/{id2}/', { id: '1', id2: '2' }],
    ['/o/3F2A1B4C-5D6E-4F70-8A9B-0C1D2E3F4A5B', '/o/{id}', { id: '3F2A1B4C-5D6E-4F70-8A9B-0C1D2E3F4A5B' }],
    ['/v2/items', '/v2/items', {}],
    ['/a%7Bb%7D/x', '/a%7Bb%7D/x', {}],
    ['/a{b}', '/a%7Bb%7D', {}],
  ])('%s → %s', (path, template, values) => expect(templatePath(path)).toEqual({ template, values }));
});

describe('recordedValue', () => {
  it.each([
    ['42', 42],
    ['007', '007'],
    ['abc', 'abc'],
    ['99999999999999999999', '99999999999999999999'],
  ])('%s → %j', (text, value) => expect(recordedValue(text)).toEqual(value));
});
