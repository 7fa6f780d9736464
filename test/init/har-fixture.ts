/** A HAR 1.2 recording built in code: API calls to one origin, static assets, a CDN, secrets and JSON bodies. */

export const SECRET_TOKEN = 'Bearer eyJhbGciOiJIUzI1NiJ9.secret-recorded-token';
export const SECRET_COOKIE = 'session=recorded-cookie-value-42';
export const SECRET_PASSWORD = 'hunter2-recorded';

type Header = { name: string; value: string };

function entry(method: string, url: string, opts: { headers?: Header[]; body?: { mimeType: string; text: string }; responseMime?: string; cookies?: unknown[] } = {}) {
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 12,
    request: {
      method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: opts.headers ?? [],
      cookies: opts.cookies ?? [],
      queryString: [],
      headersSize: -1,
      bodySize: opts.body ? opts.body.text.length : 0,
      ...(opts.body ? { postData: opts.body } : {}),
    },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: opts.responseMime ?? 'application/json' }, redirectURL: '', headersSize: -1, bodySize: 0 },
    cache: {},
    timings: { send: 0, wait: 10, receive: 2 },
  };
}

/** `origin` is the API's origin (the most frequent); every secret appears in the recording. */
export function sampleHar(origin: string) {
  const auth = [
    { name: 'Authorization', value: SECRET_TOKEN },
    { name: 'Accept', value: 'application/json' },
    { name: 'User-Agent', value: 'Mozilla/5.0' },
    { name: ':authority', value: 'example' },
  ];
  const uuid = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
  return {
    log: {
      version: '1.2',
      creator: { name: 'test', version: '1' },
      entries: [
        entry('GET', `${origin}/`, { responseMime: 'text/html' }),
        entry('GET', `${origin}/static/app.js`, { responseMime: 'application/javascript' }),
        entry('GET', `${origin}/static/logo.png`, { responseMime: 'image/png' }),
        entry('GET', 'https://cdn.example.net/lib.js', { responseMime: 'application/javascript' }),
        entry('GET', 'https://metrics.example.net/collect?x=1', { responseMime: 'text/plain' }),
        entry('GET', `${origin}/api/users/42`, { headers: [...auth, { name: 'Cookie', value: SECRET_COOKIE }] }),
        entry('GET', `${origin}/api/users/7`, { headers: auth }),
        entry('GET', `${origin}/api/users/42`, { headers: auth }),
        entry('GET', `${origin}/api/users/42/orders/${uuid}`, { headers: auth }),
        entry('GET', `${origin}/api/search?q=shoes&page=1&token=abc-secret-query`, { headers: auth }),
        entry('GET', `${origin}/api/search?q=hats&page=1&token=abc-secret-query`, { headers: auth }),
        entry('POST', `${origin}/api/orders`, {
          headers: [...auth, { name: 'Content-Type', value: 'application/json' }],
          body: { mimeType: 'application/json', text: JSON.stringify({ item: 42, qty: 2, note: 'gift' }) },
        }),
        entry('POST', `${origin}/api/login`, {
          headers: [{ name: 'Content-Type', value: 'application/json' }],
          body: { mimeType: 'application/json', text: JSON.stringify({ user: 'ann', password: SECRET_PASSWORD }) },
        }),
        entry('GET', 'data:image/png;base64,AAAA'),
      ],
    },
  };
}
