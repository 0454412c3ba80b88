import { readRunContext } from '../../../src/action/context.js';
import { InputError } from '../../../src/action/errors.js';
import { Inputs, inputVariable } from '../../../src/action/inputs.js';
import { jsonPath, parseHttpChecks, parseStatus, statusMatches } from '../../../src/verify/http.js';
import { parseJobCommand, readVerifyInputs } from '../../../src/verify/inputs.js';
import { parseThresholds } from '../../../src/verify/thresholds.js';
import { readBaseUrl, readUrl, resolutionHint } from '../../../src/verify/urls.js';

const context = readRunContext({ GITHUB_SHA: 'a'.repeat(40), GITHUB_WORKSPACE: '/work/space', GITHUB_REPOSITORY: 'acme/app' });
const read = (values: Record<string, string>) =>
  readVerifyInputs(new Inputs(Object.fromEntries(Object.entries(values).map(([name, value]) => [inputVariable(name), value]))), context);

/** The InputError thrown, for asserting on the input it names and its message. */
async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<InputError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('readUrl', () => {
  it('takes an absolute URL as it is', () => {
    expect(readUrl('https://shop.example.com/healthz?deep=1', '', 'http-checks')).toEqual({
      url: 'https://shop.example.com/healthz?deep=1',
      shown: 'https://shop.example.com/healthz?deep=1',
      authorization: undefined,
      secret: '',
    });
  });

  it('assumes http for a host without a scheme, as curl does', () => {
    expect(readUrl('web-preview.shop:8080/healthz', '', 'http-checks').url).toBe('http://web-preview.shop:8080/healthz');
    expect(readUrl('localhost:3000', '', 'http-checks').url).toBe('http://localhost:3000/');
    expect(readUrl('[::1]:8080/x', '', 'http-checks').url).toBe('http://[::1]:8080/x');
  });

  it("joins a path to the base, keeping the base's own path", () => {
    expect(readUrl('/healthz', 'http://web-preview.shop/', 'http-checks').url).toBe('http://web-preview.shop/healthz');
    expect(readUrl('/api/items?limit=2', 'http://h.example/app', 'http-checks').url).toBe('http://h.example/app/api/items?limit=2');
  });

  it('sends credentials written in the URL as Basic authentication, shown without the password', () => {
    const target = readUrl('https://ci:s3cret@shop.example.com/admin', '', 'http-checks');
    expect(target.url).toBe('https://shop.example.com/admin');
    expect(target.authorization).toBe(`Basic ${Buffer.from('ci:s3cret').toString('base64')}`);
    expect(target.shown).toBe('https://ci@shop.example.com/admin');
    expect(target.secret).toBe('s3cret');
  });

  it('refuses what is not an http URL, naming the input and the forms', async () => {
    const ftp = await refusal(() => readUrl('ftp://files.example.com/x', '', 'load-url'));
    expect(ftp.input).toBe('load-url');
    expect(ftp.message).toMatch(/'ftp:' URLs are not supported; expected an http or https URL, a host\[:port\]\/path/);
    const path = await refusal(() => readUrl('/healthz', '', 'http-checks', 'check 2'));
    expect(path.message).toBe(
      "input 'http-checks': check 2: '/healthz' is a path and preview-url is empty; expected a full URL, or preview-url set",
    );
    expect((await refusal(() => readUrl('http://exa mple.com', '', 'load-url'))).message).toMatch(/is not a URL/);
    expect((await refusal(() => readBaseUrl('/preview'))).input).toBe('preview-url');
  });

  it('explains that a cluster Service name resolves only inside the cluster', () => {
    const notFound = 'getaddrinfo ENOTFOUND';
    expect(resolutionHint('http://web-preview.shop.svc.cluster.local/healthz', notFound)).toMatch(/cluster Service name/);
    expect(resolutionHint('http://web-preview/healthz', notFound)).toMatch(/cluster Service name/);
    expect(resolutionHint('http://web-preview.shop/healthz', 'connect ECONNREFUSED')).toBe('');
    expect(resolutionHint('https://api.shop.example.com/', notFound)).toBe('');
    expect(resolutionHint('http://localhost:8080/', notFound)).toBe('');
  });
});

describe('parseStatus', () => {
  it('reads a code, a class, a range and lists of them', () => {
    expect(parseStatus(200).ranges).toEqual([[200, 200]]);
    expect(parseStatus('2xx').ranges).toEqual([[200, 299]]);
    expect(parseStatus('200-399').ranges).toEqual([[200, 399]]);
    expect(parseStatus('200, 204').ranges).toEqual([
      [200, 200],
      [204, 204],
    ]);
    expect(parseStatus([200, '3xx']).ranges).toEqual([
      [200, 200],
      [300, 399],
    ]);
    expect(parseStatus(undefined)).toEqual({ ranges: [[200, 299]], text: '2xx' });
    expect(statusMatches(parseStatus('2xx, 404'), 404)).toBe(true);
    expect(statusMatches(parseStatus('2xx'), 301)).toBe(false);
  });

  it('refuses anything else with the forms it takes', async () => {
    for (const bad of ['ok', '20x', '299-200', '700', '2XX-3XX']) {
      const error = await refusal(() => parseStatus(bad, 'check 1 (/x)'));
      expect(error.input).toBe('http-checks');
      expect(error.message).toMatch(/expected a status code \(200\), a class \(2xx\), a range \(200-299\)/);
    }
  });
});

describe('parseHttpChecks', () => {
  it('takes plain URLs and full checks', () => {
    const [plain, full] = parseHttpChecks(
      [
        '/healthz',
        {
          url: 'https://shop.example.com/api',
          name: 'api',
          method: 'post',
          headers: { 'X-Token': 'abc' },
          body: { ping: true },
          status: '200-299',
          'body-regex': 'pong',
          json: [
            { path: 'data.items[0].state', equals: 'ok' },
            { path: 'version', exists: true },
          ],
          'max-latency': '500ms',
          timeout: '2s',
        },
      ],
      'http://web-preview.shop',
    );
    expect(plain).toMatchObject({ index: 1, name: 'GET http://web-preview.shop/healthz', method: 'GET', timeoutMs: 10_000, json: [] });
    expect(full).toMatchObject({
      index: 2,
      name: 'api',
      method: 'POST',
      headers: { 'x-token': 'abc', 'content-type': 'application/json' },
      body: '{"ping":true}',
      maxLatencyMs: 500,
      timeoutMs: 2000,
    });
    expect(full.json[0]).toMatchObject({ path: 'data.items[0].state', segments: ['data', 'items', 0, 'state'], equals: 'ok' });
    expect(full.json[1]).toMatchObject({ exists: true });
    expect(full.bodyRegex?.source).toBe('pong');
  });

  it('names the check, the key and the form for every mistake', async () => {
    const cases: [unknown, RegExp][] = [
      [[{ url: '/x', stauts: 200 }], /check 1 has an unknown key 'stauts'; expected keys among url, name, method/],
      [[{ name: 'no url' }], /check 1 has no url/],
      [
        ['https://a.example', { url: 'https://b.example', 'body-regex': '(' }],
        /check 2 \(https:\/\/b.example\): body-regex '\(' is not a regular expression/,
      ],
      [[{ url: 'https://a.example', json: { path: 'a', equals: 1, exists: true } }], /needs exactly one of equals, matches, exists/],
      [[{ url: 'https://a.example', 'max-latency': 'fast' }], /max-latency 'fast' is not a duration/],
      [[42], /check 1 is not a URL or a mapping/],
    ];
    for (const [value, message] of cases) {
      const error = await refusal(() => parseHttpChecks(value, 'http://base'));
      expect(error.input).toBe('http-checks');
      expect(error.message).toMatch(message);
    }
  });

  it('reads JSON paths with dots and indexes', () => {
    expect(jsonPath('status')).toEqual(['status']);
    expect(jsonPath('$.data.items[2].name')).toEqual(['data', 'items', 2, 'name']);
    expect(jsonPath('items.0.name')).toEqual(['items', 0, 'name']);
  });
});

describe('parseThresholds', () => {
  it('reads latencies, error ratios and rates with their units', () => {
    expect(
      parseThresholds(['p95 < 300ms', 'errors < 1%', 'rps > 50', 'p99<=1.5s', 'mean < 120', 'error-rate <= 0.02', 'p(90) < 1s']),
    ).toEqual([
      { metric: 'p95', operator: '<', value: 300, text: 'p95 < 300ms' },
      { metric: 'errors', operator: '<', value: 0.01, text: 'errors < 1%' },
      { metric: 'rps', operator: '>', value: 50, text: 'rps > 50' },
      { metric: 'p99', operator: '<=', value: 1500, text: 'p99 <= 1.5s' },
      { metric: 'mean', operator: '<', value: 120, text: 'mean < 120' },
      { metric: 'errors', operator: '<=', value: 0.02, text: 'errors <= 0.02' },
      { metric: 'p90', operator: '<', value: 1000, text: 'p90 < 1s' },
    ]);
  });

  it('refuses a bad expression, naming the input, the line and the form', async () => {
    const cases: [string, RegExp][] = [
      ['p95 << 300ms', /'p95 << 300ms': '< 300ms' is not a duration/],
      ['p95 300ms', /'p95 300ms' is not a threshold; expected lines of METRIC OPERATOR VALUE, e.g. 'p95 < 300ms'/],
      ['p42 < 1s', /'p42' is not a metric/],
      ['errors < 5', /'5' is not an error ratio; expected a percentage such as '1%'/],
      ['rps > fast', /'fast' is not a rate/],
    ];
    for (const [line, message] of cases) {
      const error = await refusal(() => parseThresholds([line]));
      expect(error.input).toBe('load-thresholds');
      expect(error.message).toMatch(message);
    }
  });
});

describe('parseJobCommand', () => {
  it('runs a command line with sh and a JSON list as it is', () => {
    expect(parseJobCommand('npm test -- --ci')).toEqual(['/bin/sh', '-c', 'npm test -- --ci']);
    expect(parseJobCommand('["npm", "test"]')).toEqual(['npm', 'test']);
    expect(parseJobCommand('')).toBeUndefined();
  });

  it('refuses a list that is not of strings', async () => {
    expect((await refusal(() => parseJobCommand('["npm", 1]'))).input).toBe('job-command');
  });
});

describe('readVerifyInputs', () => {
  it('selects the kinds whose inputs are set, with the documented defaults', async () => {
    const inputs = await read({
      'preview-url': 'http://web-preview.shop',
      'http-checks': '- /healthz',
      'load-url': '/',
      'load-thresholds': 'p95 < 300ms',
      'job-image': 'ghcr.io/acme/tests:1',
      'job-command': 'npm run e2e',
      command: 'make smoke',
    });
    expect(inputs.http).toMatchObject({ count: 1, durationMs: undefined, intervalMs: 1000, passRatio: 1, retries: 2 });
    expect(inputs.load).toMatchObject({
      target: { url: 'http://web-preview.shop/' },
      method: 'GET',
      requests: 100,
      concurrency: 10,
      timeoutMs: 10_000,
      thresholds: [{ metric: 'p95', operator: '<', value: 300, text: 'p95 < 300ms' }],
    });
    expect(inputs.job).toEqual({ source: { image: 'ghcr.io/acme/tests:1', command: ['/bin/sh', '-c', 'npm run e2e'] } });
    expect(inputs.command).toEqual({ script: 'make smoke' });
    expect(inputs).toMatchObject({ revision: 'a'.repeat(40), timeoutMs: 300_000, namespace: '', kubeconfig: '', validateOnly: false });
  });

  it('reads repetition and load shapes', async () => {
    const http = await read({
      'http-checks': '- https://a.example',
      'http-duration': '30s',
      'http-pass-ratio': '95%',
      'http-retries': '0',
    });
    expect(http.http).toMatchObject({ durationMs: 30_000, passRatio: 0.95, retries: 0 });
    const rate = await read({ 'load-url': 'https://a.example', 'load-rate': '50/s', 'load-duration': '10s', 'load-concurrency': '4' });
    expect(rate.load).toMatchObject({ ratePerSecond: 50, durationMs: 10_000, requests: undefined, concurrency: 4 });
  });

  it('masks credentials written in URLs and the token', async () => {
    const inputs = await read({
      'http-checks': '- url: https://u:pw1@a.example\n  headers: {Authorization: Bearer tok2}',
      'load-url': 'https://u:pw3@a.example',
      'job-manifest': 'k8s/smoke.yaml',
      'env-repository': 'acme/env',
      ref: 'candidate',
      token: 'ghs_secret',
    });
    expect(inputs.secrets).toEqual(['pw1', 'Bearer tok2', 'pw3', 'ghs_secret']);
  });

  it('refuses each bad input by name, with the form expected', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{}, 'http-checks', /no check is asked for; expected at least one of http-checks, load-url, job-manifest or job-image, command/],
      [{ 'http-checks': '- [a' }, 'http-checks', /does not parse as YAML/],
      [{ 'http-checks': '- https://a.example', 'http-count': '3', 'http-duration': '1m' }, 'http-duration', /one of them/],
      [{ 'http-checks': '- https://a.example', 'http-pass-ratio': '120%' }, 'http-pass-ratio', /is not a ratio/],
      [{ 'http-count': '3', command: 'true' }, 'http-count', /http-checks is empty/],
      [{ 'load-url': 'https://a.example', 'load-thresholds': 'p95 > > 3' }, 'load-thresholds', /is not a/],
      [{ 'load-url': 'https://a.example', 'load-rate': '20' }, 'load-rate', /without load-duration or load-requests/],
      [{ 'load-url': 'https://a.example', 'load-concurrency': '0' }, 'load-concurrency', /a whole number from 1 to 1000/],
      [{ 'load-url': 'https://a.example', 'load-requests': '10', 'load-duration': '5s' }, 'load-duration', /one of them/],
      [{ 'job-image': 'a', 'job-manifest': 'b.yaml' }, 'job-image', /one of them/],
      [{ 'job-command': 'npm test' }, 'job-command', /without job-image/],
      [{ 'job-image': 'busybox', timeout: 'soon' }, 'timeout', /'soon' is not a positive duration; expected a Go duration/],
      [
        { 'load-url': 'https://a.example', 'load-duration': '7h' },
        'load-duration',
        /'7h' is longer than a GitHub job lasts \(6 h on hosted runners\); expected a Go duration .*, at most 6h/,
      ],
      [{ 'job-image': 'busybox', namespace: 'Shop' }, 'namespace', /not a valid namespace name/],
      [{ 'job-image': 'busybox', kubeconfig: 'missing/config' }, 'kubeconfig', /does not exist/],
      [{ 'job-manifest': '../x.yaml', 'env-repository': 'acme/env', ref: 'candidate' }, 'job-manifest', /outside the repository/],
      [{ 'job-manifest': 'x.yaml', ref: 'candidate' }, 'ref', /env-repository is empty/],
      [{ command: 'true', 'preview-url': 'ftp://x' }, 'preview-url', /not supported/],
    ];
    for (const [values, input, message] of cases) {
      const error = await refusal(read(values));
      expect([values, error.input]).toEqual([values, input]);
      expect(error.message).toMatch(message);
    }
  });
});
