import { describe, expect, it } from 'vitest';
import { choiceFlag, durationFlagMs, durationListFlag, fractionFlag, integerListFlag, multiplierFlag, numberFlag } from '../../../src/cli/flags/values.js';
import { UsageError } from '../../../src/errors.js';

describe('flag values: parsed, or one UsageError in the form `--flag: expected … (got "…")`', () => {
  it.each([
    ['numberFlag 1k', () => numberFlag('--rate', '1k', { above: 0 }), 1000],
    ['fractionFlag 5%', () => fractionFlag('--alpha', '5%', { above: 0, below: 1 }), 0.05],
    ['multiplierFlag 2x', () => multiplierFlag('--spike', '2x', { above: 1 }), 2],
    ['durationFlagMs 1.5s', () => durationFlagMs('--grace', '1.5s'), 1500],
    ['choiceFlag', () => choiceFlag('--correction', 'holm', ['holm', 'bonferroni', 'none']), 'holm'],
    ['integerListFlag sorts and dedupes', () => integerListFlag('--concurrency', '8, 1,4,1'), [1, 4, 8]],
    ['integerListFlag 1k', () => integerListFlag('--concurrency', '1k'), [1000]],
    ['durationListFlag', () => durationListFlag('--matrix-service-times', '0.1s,5ms'), [5, 100]],
  ])('%s', (_name, parse, value) => expect(parse()).toEqual(value));

  it.each([
    [() => numberFlag('--rate', 'lots'), '--rate: expected a number such as 1000, 2.5 or 1k (got "lots")'],
    [() => numberFlag('--workers', '0', { integer: true, min: 1 }), '--workers: expected a number >= 1 (got "0")'],
    [() => numberFlag('--seed', '1.5', { integer: true }), '--seed: expected a number that is a whole number (got "1.5")'],
    [() => fractionFlag('--alpha', '2', { above: 0, below: 1 }), '--alpha: expected a fraction < 1 (got "2")'],
    [() => durationFlagMs('--grace', 'soon'), '--grace: expected a duration such as 250ms, 5s, 1h30m or 30d (got "soon")'],
    [() => choiceFlag('--correction', 'sidak', ['holm', 'none']), '--correction: expected one of holm, none (got "sidak")'],
    [() => integerListFlag('--concurrency', '1,2.5,a'), '--concurrency: expected a comma list of whole numbers >= 1 such as 1,2,4,8 (got "2.5", "a")'],
    [() => integerListFlag('--concurrency', ''), '--concurrency: expected a comma list of whole numbers >= 1 such as 1,2,4,8 (got "")'],
    [() => durationListFlag('--matrix-service-times', '0ms'), '--matrix-service-times: expected a comma list of durations > 0 such as 1ms,10ms,100ms (got "0ms")'],
  ])('%#: %s', (parse, message) => {
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
});
