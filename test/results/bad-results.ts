/** Bad result files: one mutation of a good file each, and the exact problems read must report (shared by the read and CLI tests). */

/** A copy of an encoded histogram whose zlib checksum no longer matches. */
export function corruptHistogram(encoded: string): string {
  const b = Buffer.from(encoded, 'base64');
  b[b.length - 1] ^= 0xff;
  return b.toString('base64');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** One bad case: its name (issue 9 item 5 names the first three), how to break a good file, and the `path: message` lines expected. */
export interface BadResultCase {
  name: string;
  mutate: (r: Json) => void;
  problems: string[];
}

/** Cases for a file from {@link syntheticResult} with endpoints `read` and `write` and at least 4 intervals. */
export const BAD_RESULT_CASES: BadResultCase[] = [
  {
    name: 'wrong types inside intervals (was "unexpected error: base64String.trim is not a function" from report, a pass from gate)',
    mutate: (r) => {
      r.intervals[3].endpoints.read.latency = 42;
      r.intervals[1].endpoints.write.completed = '7';
    },
    problems: ['intervals[1].endpoints.write.completed: expected a number (got "7")', 'intervals[3].endpoints.read.latency: expected an encoded histogram (got 42)'],
  },
  {
    name: 'a corrupt histogram (was "unexpected error: incorrect data check")',
    mutate: (r) => {
      r.intervals[2].endpoints.write.service = corruptHistogram(r.intervals[2].endpoints.write.service);
    },
    problems: ['intervals[2].endpoints.write.service: corrupt encoded histogram (incorrect data check)'],
  },
  {
    name: 'a version written as a string (was "version 1 is not supported (reads 1..1)")',
    mutate: (r) => {
      r.version = '1';
    },
    problems: ['version: expected a number (got "1")'],
  },
  {
    name: 'a histogram that is not base64',
    mutate: (r) => {
      r.intervals[0].endpoints.read.latency = 'not a histogram!';
    },
    problems: ['intervals[0].endpoints.read.latency: expected an encoded histogram (not base64 text)'],
  },
  {
    name: 'a missing histogram',
    mutate: (r) => {
      delete r.intervals[0].endpoints.read.service;
    },
    problems: ['intervals[0].endpoints.read.service: required: an encoded histogram'],
  },
  {
    name: 'intervals that are not a list',
    mutate: (r) => {
      r.intervals = { 0: {} };
    },
    problems: ['intervals: expected a list (got a mapping)'],
  },
  {
    name: 'missing sections and a bad model at once',
    mutate: (r) => {
      delete r.environment;
      r.profile.model = 'opne';
      r.summary.total.count = 2.5;
    },
    problems: ['profile.model: expected one of open, closed (got "opne")', 'environment: required: a mapping', 'summary.total.count: expected a whole number (got 2.5)'],
  },
  {
    name: 'negative counters and an error count as text',
    mutate: (r) => {
      r.intervals[0].endpoints.read.sent = -1;
      r.intervals[0].endpoints.read.errors = { http5xx: 'many' };
    },
    problems: ['intervals[0].endpoints.read.sent: must be ≥ 0 (got -1)', 'intervals[0].endpoints.read.errors.http5xx: expected a number (got "many")'],
  },
];
