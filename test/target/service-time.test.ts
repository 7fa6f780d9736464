import { describe, expect, it } from 'vitest';
import { Random } from '../../src/mix/random.js';
import { meanServiceTimeMs, nominalCapacityPerSec, serviceSampler } from '../../src/target/service-time.js';
import { endpointKey, matchRoute } from '../../src/target/routes.js';
import { serviceTimeFlag } from '../../src/cli/flags/service-time.js';

const parseServiceTimeFlag = (raw: string) => serviceTimeFlag('--service-time', raw);

describe('serviceSampler', () => {
  it.each(['constant', 'exponential', 'lognormal'] as const)('%s has the requested mean (20 000 seeded draws, ±3%)', (dist) => {
    const rnd = new Random(7);
    const sample = serviceSampler(dist, () => rnd.float());
    let sum = 0;
    let min = Infinity;
    for (let i = 0; i < 20_000; i++) {
      const s = sample(10);
      sum += s;
      min = Math.min(min, s);
    }
    expect(sum / 20_000).toBeGreaterThan(9.7);
    expect(sum / 20_000).toBeLessThan(10.3);
    expect(min).toBeGreaterThanOrEqual(0);
    if (dist === 'constant') expect(min).toBe(10);
  });
});

describe('service time specs', () => {
  it.each([
    [5, 'GET /item', 5],
    [{ 'GET /item': 5, 'POST /item': 20 }, 'POST /item', 20],
    [{ 'GET /item': 5, '*': 7 }, 'GET /other', 7],
    [{ 'GET /item': 5 }, 'GET /other', 5],
  ])('meanServiceTimeMs(%j, %s) = %d', (spec, key, ms) => {
    expect(meanServiceTimeMs(spec, key)).toBe(ms);
  });

  it.each([
    ['5ms', 5],
    ['0.1s', 100],
    ['GET /item=5ms, post /item=20ms,*=1ms', { 'GET /item': 5, 'POST /item': 20, '*': 1 }],
  ])('parseServiceTimeFlag(%s)', (flag, expected) => {
    expect(parseServiceTimeFlag(flag)).toEqual(expected);
  });

  it.each(['0ms', 'soon', '=5ms', 'GET /item=x'])('parseServiceTimeFlag refuses %s', (flag) => {
    expect(() => parseServiceTimeFlag(flag)).toThrow(/--service-time/);
  });

  it('capacity = workers × 1000 / service time', () => {
    expect(nominalCapacityPerSec(64, 5)).toBe(12800);
    expect(nominalCapacityPerSec(4, 10)).toBe(400);
  });
});

describe('routes', () => {
  it.each([
    ['GET', '/health', { kind: 'health' }],
    ['GET', '/stats', { kind: 'stats' }],
    ['GET', '/item/42?x=1', { kind: 'getItem', id: '42' }],
    ['GET', '/item/a%20b', { kind: 'getItem', id: 'a b' }],
    ['POST', '/item', { kind: 'postItem' }],
    ['GET', '/item/', { kind: 'notFound' }],
    ['GET', '/item/1/2', { kind: 'notFound' }],
    ['DELETE', '/item/1', { kind: 'notFound' }],
  ])('%s %s', (method, url, route) => {
    expect(matchRoute(method, url)).toEqual(route);
  });

  it.each([
    ['GET', '/item/42', 'GET /item'],
    ['POST', '/item', 'POST /item'],
    ['HEAD', '/item/1?q', 'GET /item'],
  ])('endpointKey(%s %s) = %s', (method, url, key) => {
    expect(endpointKey(method, url)).toBe(key);
  });
});
