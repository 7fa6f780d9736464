import { describe, expect, it } from 'vitest';
import { applyChaosPatch, CHAOS_OFF, decideChaos, describeChaos, parseDelayRange } from '../../src/chaos/config.js';
import { Random } from '../../src/mix/random.js';

describe('applyChaosPatch', () => {
  it.each([
    [{ errorRate: 0.1 }, { errorRate: 0.1 }],
    [{ errorRate: '25%' }, { errorRate: 0.25 }],
    [{ slowRate: 0.5, slowMinMs: 100, slowMaxMs: '0.5s' }, { slowRate: 0.5, slowMinMs: 100, slowMaxMs: 500 }],
    [{ resetRate: 1 }, { resetRate: 1 }],
    [{}, {}],
  ])('accepts %j', (patch, expected) => {
    const r = applyChaosPatch(CHAOS_OFF, patch);
    expect(r).toEqual({ ok: true, config: { ...CHAOS_OFF, ...expected } });
  });

  it('merges into the current config; off resets everything before the other keys', () => {
    const on = { ...CHAOS_OFF, errorRate: 0.2, slowRate: 0.1, slowMinMs: 10, slowMaxMs: 20 };
    expect(applyChaosPatch(on, { errorRate: 0.3 })).toEqual({ ok: true, config: { ...on, errorRate: 0.3 } });
    expect(applyChaosPatch(on, { off: true })).toEqual({ ok: true, config: CHAOS_OFF });
    expect(applyChaosPatch(on, { off: true, resetRate: 0.5 })).toEqual({ ok: true, config: { ...CHAOS_OFF, resetRate: 0.5 } });
  });

  it('lists every problem at once', () => {
    const r = applyChaosPatch(CHAOS_OFF, { errorRate: 1.5, slowRate: 'lots', bogus: 1, slowMinMs: -1, off: 'yes' });
    expect(r.ok).toBe(false);
    const problems = (r as { problems: string[] }).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/errorRate must be a fraction 0\.\.1.*got 1\.5/);
    expect(problems.join('\n')).toMatch(/unknown key "bogus"/);
    expect(problems.join('\n')).toMatch(/off must be true or false \(got "yes"\)/);
  });

  it.each([
    [[1, 2], /body must be a JSON object/],
    [null, /body must be a JSON object/],
    [{ slowMinMs: 500, slowMaxMs: 100 }, /slowMinMs \(500\) must be ≤ slowMaxMs \(100\)/],
    [{ slowRate: 0.5 }, /slowRate > 0 needs a delay/],
  ])('refuses %j', (patch, message) => {
    const r = applyChaosPatch(CHAOS_OFF, patch);
    expect(r.ok).toBe(false);
    expect((r as { problems: string[] }).problems.join('; ')).toMatch(message);
  });
});

describe('decideChaos', () => {
  it('off passes everything and draws nothing', () => {
    let draws = 0;
    expect(decideChaos(CHAOS_OFF, () => (draws++, 0))).toEqual({ kind: 'pass' });
    expect(draws).toBe(0);
  });

  it('hits the configured fractions over 100 000 seeded draws (±1 percentage point)', () => {
    const rnd = new Random(7);
    const c = { errorRate: 0.1, resetRate: 0.05, slowRate: 0.2, slowMinMs: 100, slowMaxMs: 300 };
    const n = { pass: 0, error: 0, reset: 0, slow: 0 };
    let minDelay = Infinity;
    let maxDelay = 0;
    for (let i = 0; i < 100_000; i++) {
      const d = decideChaos(c, () => rnd.float());
      n[d.kind]++;
      if (d.kind === 'slow') {
        minDelay = Math.min(minDelay, d.delayMs);
        maxDelay = Math.max(maxDelay, d.delayMs);
      }
    }
    // P(error) = 0.1; P(reset) = 0.9·0.05 = 0.045; P(slow) = 0.9·0.95·0.2 = 0.171
    expect(Math.abs(n.error / 1e5 - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(n.reset / 1e5 - 0.045)).toBeLessThan(0.01);
    expect(Math.abs(n.slow / 1e5 - 0.171)).toBeLessThan(0.01);
    expect(minDelay).toBeGreaterThanOrEqual(100);
    expect(maxDelay).toBeLessThanOrEqual(300);
  });
});

describe('parseDelayRange / describeChaos', () => {
  it.each([
    ['100ms..500ms', [100, 500]],
    ['1s', [1000, 1000]],
    ['0ms..2s', [0, 2000]],
    ['500ms..100ms', undefined],
    ['x..y', undefined],
    ['1s..2s..3s', undefined],
  ])('%s', (input, expected) => expect(parseDelayRange(input)).toEqual(expected));

  it('describes on and off', () => {
    expect(describeChaos(CHAOS_OFF)).toBe('chaos: off');
    expect(describeChaos({ ...CHAOS_OFF, errorRate: 0.1, slowRate: 0.2, slowMinMs: 100, slowMaxMs: 500 })).toBe('chaos: 500 for 10%, slow 20% by 100ms..500ms');
  });
});
