import { describe, expect, it } from 'vitest';
import { scaffoldDraft } from '../../src/init/scaffold.js';
import { renderDraft } from '../../src/init/profile-text.js';
import { parseProfile } from '../../src/profile/load.js';
import { expectGolden } from '../helpers/golden.js';

describe('scaffoldDraft + renderDraft', () => {
  it('writes the first profile for a URL: target, gentle ramp, one endpoint, SLOs (golden)', async () => {
    const text = renderDraft(scaffoldDraft({ target: 'http://127.0.0.1:8080', path: '/health?full=1', ratePerSec: 10, p99: '500ms' }));
    await expectGolden('init/scaffold-url.yaml', text);
    const p = parseProfile(text, 'profile.yaml');
    expect(p.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /health?full=1']);
    expect(p.thresholds).toBeDefined();
  });

  it.each([
    [{ target: 'builtin', path: '/', ratePerSec: 10, p99: '500ms' }, 'GET /item/{id}', 10],
    [{ target: 'https://api.example.com', path: '/', ratePerSec: 2.5, p99: '1s' }, 'GET /', 2.5],
    [{ target: 'http://a:1', path: '/x/{y}', ratePerSec: 1, p99: '20ms' }, 'GET /x/%7By%7D', 1],
  ])('%j loads as written', (answers, endpoint, peak) => {
    const p = parseProfile(renderDraft(scaffoldDraft(answers)), 'p.yaml');
    expect(`${p.endpoints[0].method} ${p.endpoints[0].path}`).toBe(endpoint);
    expect(p.target).toBe(answers.target);
    expect(JSON.stringify(p.shape)).toContain(String(peak));
  });

  it('keeps control characters out of comments', () => {
    const d = scaffoldDraft({ target: 'builtin', path: '/', ratePerSec: 1, p99: '1s' });
    d.intro.push('evil\nname: injected\u001b[31m');
    const text = renderDraft(d);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('# evil name: injected');
    expect(parseProfile(text, 'p.yaml').name).toBe('first-profile');
  });
});
