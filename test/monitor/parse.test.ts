import { describe, expect, it } from 'vitest';
import { parsePrometheusText, promNumber, seriesKey } from '../../src/monitor/parse.js';

const TEXT = `# HELP http_requests_total Requests.
# TYPE http_requests_total counter
http_requests_total{method="post",code="200"} 1027 1395066363000
http_requests_total{method="post",code="400"}    3 1395066363000
# a comment
msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
metric_without_timestamp_and_labels 12.47
something_weird{problem="division by zero"} +Inf -3982045
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.5"} 4773
rpc_duration_seconds{quantile="0.99"} 76656
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.05"} 24054
http_request_duration_seconds_bucket{le="+Inf"} 144320
http_request_duration_seconds_sum 53423
http_request_duration_seconds_count 144320
# TYPE jvm_memory_used_bytes gauge
jvm_memory_used_bytes{area="heap"} 1.5e8
jvm_memory_used_bytes{area="nonheap"} NaN
`;

describe('parsePrometheusText', () => {
  it('flattens the exposition format example into samples', () => {
    const { samples: s, skipped } = parsePrometheusText(TEXT);
    expect(skipped).toBe(0);
    const get = (name: string, labels: Record<string, string> = {}) =>
      s.filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v)).map((x) => x.value);
    expect(get('http_requests_total', { code: '200' })).toEqual([1027]);
    expect(get('http_requests_total', { code: '400' })).toEqual([3]);
    expect(s.find((x) => x.name === 'msdos_file_access_time_seconds')!.labels).toEqual({ path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"' });
    expect(get('metric_without_timestamp_and_labels')).toEqual([12.47]);
    expect(get('something_weird')).toEqual([Infinity]);
    expect(get('rpc_duration_seconds', { quantile: '0.99' })).toEqual([76656]);
    expect(get('rpc_duration_seconds_count')).toEqual([2693]);
    expect(get('http_request_duration_seconds_sum')).toEqual([53423]);
    expect(get('http_request_duration_seconds_count')).toEqual([144320]);
    expect(get('jvm_memory_used_bytes', { area: 'heap' })).toEqual([1.5e8]);
    expect(get('jvm_memory_used_bytes', { area: 'nonheap' })[0]).toBeNaN();
    expect(s.some((x) => x.name === 'http_request_duration_seconds_bucket')).toBe(false);
  });

  it('an empty scrape has no samples', () => expect(parsePrometheusText('')).toEqual({ samples: [], skipped: 0 }));

  it('keeps the labels, _sum and _count of every labelled histogram series', () => {
    const { samples: s } = parsePrometheusText(
      '# TYPE y histogram\ny_bucket{endpoint="a",le="+Inf"} 2\ny_sum{endpoint="a"} 3\ny_count{endpoint="a"} 2\ny_bucket{endpoint="b",le="+Inf"} 5\ny_sum{endpoint="b"} 6\ny_count{endpoint="b"} 5\n',
    );
    expect(s).toEqual([
      { name: 'y_sum', labels: { endpoint: 'a' }, value: 3 },
      { name: 'y_count', labels: { endpoint: 'a' }, value: 2 },
      { name: 'y_sum', labels: { endpoint: 'b' }, value: 6 },
      { name: 'y_count', labels: { endpoint: 'b' }, value: 5 },
    ]);
  });

  it.each(['garbage here', 'm{a="unterminated} 1', 'm{a=1} 2', 'm 1 2 3', 'm', '{a="b"} 1', 'm abc'])('skips the malformed line %j and counts it', (line) => {
    expect(parsePrometheusText(`${line}\nok 1\n`)).toEqual({ samples: [{ name: 'ok', labels: {}, value: 1 }], skipped: 1 });
  });
});

describe('promNumber / seriesKey', () => {
  it.each([
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['1e3', 1000],
    ['-0.5', -0.5],
  ])('%s', (s, v) => expect(promNumber(s)).toBe(v));

  it('sorts labels and escapes values', () => {
    expect(seriesKey('up', {})).toBe('up');
    expect(seriesKey('m', { b: '2', a: 'x"y\\z\n' })).toBe('m{a="x\\"y\\\\z\\n",b="2"}');
  });
});
