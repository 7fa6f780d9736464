import { describe, expect, it } from 'vitest';
import { payloadCapacities, replicaCapacityFrom } from '../../../src/analysis/autoscale/replica-capacity.js';

describe('payloadCapacities (a payload sweep JSON holds one capacity per size)', () => {
  const sweep = { target: 'x', payloads: [{ bytes: 1024, analysis: { max: { throughput: 430.6, concurrency: 32 } } }, { bytes: 102400, analysis: { max: { throughput: 339.2, concurrency: 8 } } }] };
  it('lists each size with its measured maximum', () => {
    expect(payloadCapacities(sweep)).toEqual([{ bytes: 1024, maxThroughput: 430.6 }, { bytes: 102400, maxThroughput: 339.2 }]);
    // Not a plain sweep or saturation JSON: no single replica capacity.
    expect(replicaCapacityFrom(sweep, 'sweep.json')).toBeUndefined();
  });
  it.each([
    ['a plain sweep', { analysis: { max: { throughput: 1 } }, steps: [] }],
    ['a size without an analysis', { payloads: [{ bytes: 1024 }] }],
    ['payloads not a list', { payloads: {} }],
    ['null', null],
  ])('%s → undefined', (_n, data) => {
    expect(payloadCapacities(data)).toBeUndefined();
  });
});
