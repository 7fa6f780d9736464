import { describe, expect, it } from 'vitest';
import { GENERATOR_RATE_PER_CORE, shardsForRate, sizeShard } from '../../src/shard/sizing.js';

describe('sizeShard', () => {
  it.each([
    ['open, 3000 req/s over 3 shards', 'open', 3000, 3, undefined, { workers: 1, cpu: '1', memory: '320Mi', peakRatePerShard: 1000 }],
    ['open, 30 000 req/s over 3 shards', 'open', 30_000, 3, undefined, { workers: 2, cpu: '2', memory: '384Mi', peakRatePerShard: 10_000 }],
    ['open, 100 000 req/s over 4 shards', 'open', 100_000, 4, undefined, { workers: 5, cpu: '5', memory: '576Mi', peakRatePerShard: 25_000 }],
    ['open, workers given', 'open', 100, 1, 3, { workers: 3, cpu: '3', memory: '448Mi', peakRatePerShard: 100 }],
    ['closed, 1000 users over 3 shards', 'closed', 1000, 3, undefined, { workers: 1, cpu: '1', memory: '320Mi', peakUsersPerShard: 334 }],
  ] as const)('%s', (_name, model, peak, shards, workers, sizing) => {
    expect(sizeShard(model, peak, shards, workers)).toEqual(sizing);
  });
});

describe('shardsForRate', () => {
  it.each([
    [1, 1, 1],
    [GENERATOR_RATE_PER_CORE, 1, 1],
    [GENERATOR_RATE_PER_CORE + 1, 1, 2],
    [100_000, 2, 10],
    [100_000, 4, 5],
    [0, 1, 1],
  ])('%i req/s with %i cores per shard → %i shards', (rate, cores, shards) => {
    expect(shardsForRate(rate, cores)).toBe(shards);
  });
});
