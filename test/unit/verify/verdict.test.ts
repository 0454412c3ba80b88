import { silentLogger } from '../../../src/action/logger.js';
import { percentile } from '../../../src/verify/check.js';
import { judgeAnswer, judgeCheck, parseHttpChecks, runHttpChecks, sendAttempt, type Attempt } from '../../../src/verify/http.js';
import { generateLoad, judgeLoad, type LoadClient, type LoadRun, type LoadSettings } from '../../../src/verify/load.js';
import { failureMessage, verifyReport, verifySummary } from '../../../src/verify/summary.js';
import { parseThresholds } from '../../../src/verify/thresholds.js';
import { readUrl } from '../../../src/verify/urls.js';
import { verify } from '../../../src/verify/verify.js';

const check = (spec: unknown) => parseHttpChecks([spec], 'http://app.test')[0];

/** A fetch that answers from a table by URL, or fails as a refused connection would. */
function fakeFetch(answers: Record<string, { status: number; body?: string } | 'refused'>, calls: string[] = []): typeof fetch {
  return (async (url: string) => {
    calls.push(url);
    const answer = answers[url];
    if (!answer || answer === 'refused') {
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      });
    }
    return new Response(answer.body ?? '', { status: answer.status });
  }) as unknown as typeof fetch;
}

const noSleep = async () => undefined;

describe('judgeAnswer', () => {
  it('checks status, body and JSON fields, saying what differs', () => {
    const json = check({
      url: '/h',
      json: [
        { path: 'status', equals: 'ok' },
        { path: 'checks[0].up', equals: true },
      ],
    });
    expect(judgeAnswer(json, 200, '{"status":"ok","checks":[{"up":true}]}')).toBeUndefined();
    expect(judgeAnswer(json, 200, '{"status":"degraded","checks":[{"up":true}]}')).toBe('json status is "degraded", expected "ok"');
    expect(judgeAnswer(json, 200, '{"status":"ok"}')).toBe('json checks[0].up is missing');
    expect(judgeAnswer(json, 200, '<html>')).toBe('body is not JSON');
    expect(judgeAnswer(json, 503, '')).toBe('status 503, expected 2xx');
    expect(judgeAnswer(check({ url: '/h', 'body-regex': 'ready|ok' }), 200, 'not yet')).toBe('body does not match /ready|ok/');
    expect(judgeAnswer(check('/h'), 301, '', 'https://app.test/h')).toBe('status 301 (to https://app.test/h), expected 2xx');
    expect(judgeAnswer(check({ url: '/h', json: { path: 'version', matches: '^1\\.' } }), 200, '{"version":"2.0"}')).toBe(
      'json version is "2.0", expected to match /^1\\./',
    );
    expect(judgeAnswer(check({ url: '/h', json: { path: 'count', equals: 3 } }), 200, '{"count":3}')).toBeUndefined();
  });
});

describe('sendAttempt', () => {
  it('tries again only when no connection could be made', async () => {
    const calls: string[] = [];
    const refused = await sendAttempt(check('/down'), 2, { fetch: fakeFetch({}, calls), sleep: noSleep });
    expect(refused).toMatchObject({ passed: false, unreachable: true, tries: 3, failure: 'connect ECONNREFUSED 127.0.0.1:9' });
    expect(calls).toHaveLength(3);

    const wrong: string[] = [];
    const answered = await sendAttempt(check('/err'), 2, {
      fetch: fakeFetch({ 'http://app.test/err': { status: 500 } }, wrong),
      sleep: noSleep,
    });
    expect(answered).toMatchObject({ passed: false, status: 500, tries: 1, failure: 'status 500, expected 2xx' });
    expect(wrong).toHaveLength(1);
  });

  it('fails an answer slower than max-latency', async () => {
    let clock = 0;
    const slow = (async () => {
      clock += 800;
      return new Response('ok');
    }) as unknown as typeof fetch;
    const result = await sendAttempt(check({ url: '/h', 'max-latency': '500ms' }), 0, { fetch: slow, now: () => clock });
    expect(result).toMatchObject({ passed: false, latencyMs: 800, failure: 'latency 800 ms over 500 ms' });
  });
});

describe('judgeCheck', () => {
  const attempts = (passed: number, failed: number): Attempt[] => [
    ...Array.from({ length: passed }, () => ({ passed: true, status: 200, latencyMs: 10, tries: 1 })),
    ...Array.from({ length: failed }, () => ({ passed: false, status: 503, latencyMs: 5, failure: 'status 503, expected 2xx', tries: 1 })),
  ];

  it('passes at the required ratio and fails below it, giving the reason once with its count', () => {
    const c = check('/h');
    expect(judgeCheck(c, attempts(19, 1), { passRatio: 0.95, retries: 2 }, 1000).verdict).toBe('passed');
    const failed = judgeCheck(c, attempts(18, 2), { passRatio: 0.95, retries: 2 }, 1000);
    expect(failed.verdict).toBe('failed');
    expect(failed.reason).toBe('status 503, expected 2xx (2 of 20)');
    expect(failed.shown).toBe('18/20 passed (90 %, needs 95 %) · 200 ×18, 503 ×2 · p50 10 ms, p95 10 ms, max 10 ms');
    expect(failed.figures).toMatchObject({
      attempts: 20,
      passed: 18,
      passRatio: 0.9,
      requiredPassRatio: 0.95,
      statuses: { '200': 18, '503': 2 },
    });
  });

  it('calls a URL that never connected unreachable, naming the input and the check', () => {
    const unreachable: Attempt = { passed: false, failure: 'getaddrinfo ENOTFOUND web-preview.shop', unreachable: true, tries: 3 };
    const result = judgeCheck(check('http://web-preview.shop/healthz'), [unreachable], { passRatio: 1, retries: 2 }, 10);
    expect(result.reason).toMatch(
      /^input 'http-checks' check 1: http:\/\/web-preview.shop\/healthz is unreachable: getaddrinfo ENOTFOUND web-preview.shop \(3 tries\); if 'web-preview.shop' is a cluster Service name, it resolves only on a runner inside the cluster/,
    );
    expect(result.reason).toMatch(/expected a URL this runner can reach$/);
  });
});

describe('runHttpChecks', () => {
  it('sends every check once per round and judges each on its own', async () => {
    const calls: string[] = [];
    const results = await runHttpChecks(
      {
        checks: parseHttpChecks(['/ok', '/bad'], 'http://app.test'),
        count: 3,
        intervalMs: 0,
        passRatio: 1,
        retries: 0,
      },
      { fetch: fakeFetch({ 'http://app.test/ok': { status: 200 }, 'http://app.test/bad': { status: 500 } }, calls), sleep: noSleep },
    );
    expect(calls).toHaveLength(6);
    expect(results.map((r) => [r.name, r.verdict, r.reason])).toEqual([
      ['GET http://app.test/ok', 'passed', undefined],
      ['GET http://app.test/bad', 'failed', 'status 500, expected 2xx (3 of 3)'],
    ]);
  });
});

describe('load', () => {
  const target = readUrl('http://app.test/', '', 'load-url');
  const settings = (extra: Partial<LoadSettings>): LoadSettings => ({
    target,
    method: 'GET',
    concurrency: 4,
    timeoutMs: 1000,
    thresholds: parseThresholds(['p95 < 300ms', 'errors < 1%', 'rps > 50']),
    ...extra,
  });

  /** A client whose every request takes `latencyMs` on a shared simulated clock; `status(i)` answers the i-th. */
  function simulated(latencyMs: number, status: (i: number) => number | undefined) {
    let time = 0;
    let sent = 0;
    const client: LoadClient = {
      send: async () => {
        const i = sent++;
        time += latencyMs / 4;
        const code = status(i);
        return code === undefined ? { error: 'ECONNREFUSED: connect ECONNREFUSED', connection: true } : { status: code };
      },
      close: () => undefined,
    };
    return { client, now: () => time };
  }

  it('sends exactly the requests asked for, at the concurrency asked for', async () => {
    let inFlight = 0;
    let most = 0;
    const client: LoadClient = {
      send: async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return { status: 200 };
      },
      close: () => undefined,
    };
    const run = await generateLoad(settings({ requests: 50, concurrency: 5 }), client);
    expect(run.requests).toBe(50);
    expect(run.latencies).toHaveLength(50);
    expect(most).toBe(5);
  });

  it('paces requests at the rate for the duration', async () => {
    let time = 0;
    const run = await generateLoad(
      settings({ ratePerSecond: 20, durationMs: 1000, concurrency: 2 }),
      { send: async () => ({ status: 200 }), close: () => undefined },
      {
        now: () => time,
        sleep: async (ms) => void (time += ms),
      },
    );
    expect(run.requests).toBe(20);
  });

  it.each([0, 12345.678, 98765.4321])(
    'sends exactly rate × duration requests whatever the clock reads at the start (%p)',
    async (start) => {
      let time = start;
      const run = await generateLoad(
        settings({ ratePerSecond: 40, durationMs: 1000, concurrency: 4 }),
        { send: async () => ({ status: 200 }), close: () => undefined },
        { now: () => time, sleep: async (ms) => void (time += ms) },
      );
      expect(run.requests).toBe(40);
    },
  );

  it('passes when every threshold holds', async () => {
    const { client, now } = simulated(8, () => 200);
    const result = judgeLoad(settings({ requests: 200 }), await generateLoad(settings({ requests: 200 }), client, { now }));
    expect(result.verdict).toBe('passed');
    expect(result.figures).toMatchObject({ requests: 200, errors: 0, errorRatio: 0 });
    expect(result.shown).toMatch(/^200 requests, 4 at a time · \d+ req\/s · p50 .* ms, p95 .* ms, p99 .* ms · errors 0 %$/);
  });

  it('fails on each threshold missed, saying by how much, and what the errors were', async () => {
    const { client, now } = simulated(8, (i) => (i % 10 === 0 ? 503 : 200));
    const result = judgeLoad(settings({ requests: 100 }), await generateLoad(settings({ requests: 100 }), client, { now }));
    expect(result.verdict).toBe('failed');
    expect(result.reason).toBe('errors 10 %, needs < 1 %; errors: status 503 ×10');
  });

  it('calls a load URL that never connected unreachable, naming the input', async () => {
    const { client, now } = simulated(1, () => undefined);
    const result = judgeLoad(settings({ requests: 10 }), await generateLoad(settings({ requests: 10 }), client, { now }));
    expect(result.reason).toMatch(
      /^input 'load-url': http:\/\/app.test\/ is unreachable: ECONNREFUSED.*expected a URL this runner can reach$/,
    );
  });

  it('reads percentiles by nearest rank', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 100)]).toEqual([50, 95, 99, 100]);
    expect(percentile(new Float64Array(0), 50)).toBeNaN();
    const run: LoadRun = {
      latencies: new Float64Array(0),
      requests: 0,
      errors: 0,
      unreachable: 0,
      statuses: [],
      problems: [],
      elapsedMs: 0,
    };
    expect(judgeLoad(settings({ requests: 0 }), run).reason).toMatch(/p95: no request was answered/);
  });
});

describe('verify', () => {
  const deps = { logger: silentLogger, kubectl: () => Promise.reject(new Error('no cluster here')), workspace: '/tmp', workdir: '/tmp' };

  it('fails when any check fails, and the summary names each failure once', async () => {
    const result = await verify(
      {
        http: { checks: parseHttpChecks(['/ok', '/bad'], 'http://app.test'), count: 1, intervalMs: 0, passRatio: 1, retries: 0 },
        namespace: '',
        kubeconfig: '',
        context: '',
        timeoutMs: 1000,
        revision: 'abc1234def',
        environment: 'staging',
        previewUrl: 'http://app.test',
        validateOnly: false,
        secrets: [],
      },
      { ...deps, fetch: fakeFetch({ 'http://app.test/ok': { status: 200, body: 'ok' }, 'http://app.test/bad': { status: 502 } }) },
    );
    expect(result.result).toBe('failed');
    const summary = verifySummary(result);
    expect(summary).toMatch(/^### Verify: ❌ failed, 1 of 2 checks\n\nrevision `abc1234def` · environment `staging`/);
    expect(summary).toContain('| http: GET http://app.test/bad | ❌ failed | 502 · ');
    expect(summary.match(/status 502, expected 2xx/g)).toHaveLength(1);
    expect(failureMessage(result)).toBe('1 of 2 checks failed: http GET http://app.test/bad: status 502, expected 2xx');
    const report = JSON.parse(verifyReport(result));
    expect(report).toMatchObject({ result: 'failed', revision: 'abc1234def', environment: 'staging' });
    expect(report.checks.map((c: { verdict: string; reason?: string }) => [c.verdict, c.reason])).toEqual([
      ['passed', undefined],
      ['failed', 'status 502, expected 2xx'],
    ]);
  });
});
