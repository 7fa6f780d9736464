import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { goldenResult } from './fixture.js';
it('demo', () => {
  const f = (t: number) => (t < 20 ? 0.3 + (0.7 * t) / 20 : t < 40 ? 1 : t < 55 ? 3 : t < 75 ? 1 : 1 - (t - 75) / 30);
  const r = syntheticResult({
    name: 'checkout-spike', seconds: 90, seed: 7,
    endpoints: [
      { name: 'GET /products/{id}', rps: 60, medianMs: 9, errorRate: 0.002 },
      { name: 'POST /cart', rps: 20, medianMs: 25, sigma: 0.5, backpressureRate: 0.01 },
      { name: 'POST /checkout', rps: 8, medianMs: 80, sigma: 0.6, errorRate: 0.02, timeoutRate: 0.005 },
    ],
    rateFactor: f, slowdown: { from: 42, to: 56, factor: 3.5 }, dropped: { from: 45, to: 52, fraction: 0.08 },
    thresholds: { total: ['p99<800ms', 'error_rate<2%'], 'POST /checkout': ['p95<400ms'] },
    phases: [{ name: 'ramp-up', startSec: 0, endSec: 20 }, { name: 'steady', startSec: 20, endSec: 40 }, { name: 'spike', startSec: 40, endSec: 55 }, { name: 'recovery', startSec: 55, endSec: 75 }, { name: 'ramp-down', startSec: 75, endSec: 90 }],
  });
  writeFileSync('/tmp/h6-demo.json', JSON.stringify(r));
  writeFileSync('/tmp/h6-golden.json', JSON.stringify(goldenResult()));
  writeFileSync('/tmp/h6-hostile.json', JSON.stringify(goldenResult(['</script><script>alert(1)</script>', '<!--x'])));
});
