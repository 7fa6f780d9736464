import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, requestedSize, sizedBody } from '../../src/target/payload.js';
import { startTarget, type RunningTarget } from '../../src/target/index.js';

describe('requestedSize', () => {
  it.each([
    ['/item/7', undefined],
    ['/item/7?x=1', undefined],
    ['/item/7?size=10240', { bytes: 10240 }],
    ['/item/7?a=b&size=0', { bytes: 0 }],
    [`/item/7?size=${MAX_PAYLOAD_BYTES}`, { bytes: MAX_PAYLOAD_BYTES }],
  ])('%s → %j', (url, expected) => {
    expect(requestedSize(url)).toEqual(expected);
  });

  it.each([`/item/7?size=${MAX_PAYLOAD_BYTES + 1}`, '/item/7?size=10KB', '/item/7?size=-1', '/item/7?size=', '/item/7?size=1.5'])('%s is refused', (url) => {
    const r = requestedSize(url);
    expect(r && 'error' in r ? r.error : '').toMatch(/^size: expected a whole number of bytes from 0 to 1048576 \(got /);
  });
});

describe('sizedBody', () => {
  const item = '{"id":"7","name":"item 7"}';
  it.each([0, 1, 10, 33, 34, 35, 1024, 10240, 102400])('exactly %i bytes', (n) => {
    const { body, contentType } = sizedBody(item, n);
    expect(Buffer.byteLength(body)).toBe(n);
    if (contentType === 'application/json') expect(JSON.parse(body)).toMatchObject({ id: '7', name: 'item 7' });
    else expect(body).toBe('x'.repeat(n));
  });

  it('the item fits from |item| + |,"pad":""| bytes on', () => {
    // '{"id":"7","name":"item 7"' (25) + ',"pad":"' (8) + '"}' (2) = 35
    expect(sizedBody(item, 34).contentType).toBe('text/plain');
    expect(sizedBody(item, 35)).toEqual({ body: '{"id":"7","name":"item 7","pad":""}', contentType: 'application/json' });
  });
});

describe('the built-in target serves the requested size', () => {
  let target: RunningTarget | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  it('?size=N answers N bytes; beyond the maximum 400 with the reason, and no worker is held', async () => {
    target = await startTarget({ workers: 2, serviceTimeMs: 1, queue: 10 });
    for (const n of [1024, 10240, 102400]) {
      const res = await fetch(`${target.url}/item/3?size=${n}`);
      expect(res.status).toBe(200);
      expect(Number(res.headers.get('content-length'))).toBe(n);
      expect((await res.arrayBuffer()).byteLength).toBe(n);
    }
    const bad = await fetch(`${target.url}/item/3?size=${MAX_PAYLOAD_BYTES + 1}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('from 0 to 1048576');
    expect(target.stats().served).toBe(3);
  });
});
