import { describe, expect, it } from '@jest/globals';
import { MAX_RETRY_AFTER_MS } from '../../../src/http/fetch.js';
import {
  backoffMs,
  describeTries,
  isTransientError,
  isTransientStatus,
  transientResponse,
  withRetry,
  type RetryPolicy,
  type Transient,
} from '../../../src/http/retry.js';

/** A clock that only moves when slept on: every wait is recorded, none is real. */
function fakeClock(start = Date.parse('2026-11-01T12:00:00Z')) {
  let time = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => time,
    sleep: async (ms: number) => {
      waits.push(ms);
      time += ms;
    },
    advance: (ms: number) => (time += ms),
  };
}

const POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 8000 };

/** An operation that gives these answers in turn (throwing the errors), counting its calls. */
function scripted<T>(outcomes: (T | Error)[]) {
  let calls = 0;
  return {
    calls: () => calls,
    operation: async () => {
      const outcome = outcomes[Math.min(calls++, outcomes.length - 1)];
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
}

const systemError = (code: string, message = code) => new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
const status = (code: number, headers: Record<string, string> = {}) => new Response(null, { status: code, headers });

describe('what is transient', () => {
  it.each([408, 425, 429, 500, 502, 503, 504])('status %i is worth another try', (code) => {
    expect(isTransientStatus(code)).toBe(true);
  });

  it.each([200, 201, 301, 400, 401, 403, 404, 409, 422, 501, 505])('status %i is final', (code) => {
    expect(isTransientStatus(code)).toBe(false);
  });

  it.each([
    ['a reset', systemError('ECONNRESET', 'read ECONNRESET')],
    ['a refused connection', systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9')],
    ['a connect time-out', systemError('UND_ERR_CONNECT_TIMEOUT')],
    ['a socket closed by the other side', systemError('UND_ERR_SOCKET', 'other side closed')],
    ['a DNS server that could not answer yet', systemError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN registry.example')],
    ['a time limit reached', Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' })],
    [
      'refusals on every address tried',
      new TypeError('fetch failed', {
        cause: Object.assign(new AggregateError([systemError('ECONNREFUSED').cause, systemError('ECONNREFUSED').cause]), {}),
      }),
    ],
  ])('%s is worth another try', (_what, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a name that does not exist', systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND nowhere.example')],
    ['a blocked port', new TypeError('fetch failed', { cause: new Error('bad port') })],
    ['an invalid URL', Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' })],
    ['a refusal of our own making', new Error('registry refused the credentials')],
    ['not an error at all', 'ECONNRESET'],
  ])('%s is final', (_what, error) => {
    expect(isTransientError(error)).toBe(false);
  });

  it('reads Retry-After from a transient answer, and ignores it on a final one', () => {
    const now = () => Date.parse('2026-11-01T12:00:00Z');
    expect(transientResponse(status(503, { 'retry-after': '3' }), now)).toEqual({ reason: 'HTTP 503', retryAfterMs: 3000 });
    expect(transientResponse(status(429, { 'retry-after': 'Sun, 01 Nov 2026 12:00:12 GMT' }), now)).toEqual({
      reason: 'HTTP 429',
      retryAfterMs: 12_000,
    });
    expect(transientResponse(status(502, { 'retry-after': 'soon' }), now)).toEqual({ reason: 'HTTP 502' });
    expect(transientResponse(status(404, { 'retry-after': '3' }), now)).toBeUndefined();
  });
});

describe('backoff with full jitter', () => {
  it('doubles the ceiling from the base up to the cap', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffMs(retry, POLICY, top))).toEqual([999, 1999, 3999, 7999, 7999, 7999]);
  });

  it('waits anywhere from nothing to the ceiling', () => {
    for (let retry = 1; retry <= 6; retry++) {
      const ceiling = Math.min(POLICY.maxDelayMs, POLICY.baseDelayMs * 2 ** (retry - 1));
      expect(backoffMs(retry, POLICY, () => 0)).toBe(0);
      for (let i = 0; i < 200; i++) {
        const wait = backoffMs(retry, POLICY, Math.random);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThan(ceiling);
      }
    }
  });

  it('spreads clients that failed together', () => {
    const waits = Array.from({ length: 1000 }, () => backoffMs(3, POLICY, Math.random));
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    // Uniform on [0, 4000): the mean is near 2000 and the waits cover the range.
    expect(mean).toBeGreaterThan(1700);
    expect(mean).toBeLessThan(2300);
    expect(Math.min(...waits)).toBeLessThan(400);
    expect(Math.max(...waits)).toBeGreaterThan(3600);
  });
});

describe('withRetry', () => {
  const judge = (response: Response) => transientResponse(response);

  it('returns the first final answer, after the waits the jitter chose', async () => {
    const clock = fakeClock();
    const { operation, calls } = scripted([status(503), systemError('ECONNRESET'), status(502), status(200)]);
    const settled = await withRetry(operation, POLICY, { ...clock, random: () => 0.5, judge });
    expect(settled.ok && settled.value.status).toBe(200);
    expect(calls()).toBe(4);
    expect(clock.waits).toEqual([500, 1000, 2000]);
    expect(settled.tries).toEqual({ attempts: 4, elapsedMs: 3500 });
  });

  it('does not retry a final answer or a final error', async () => {
    const clock = fakeClock();
    const answered = await withRetry(scripted([status(404)]).operation, POLICY, { ...clock, judge });
    expect(answered.ok && answered.value.status).toBe(404);
    expect(answered.tries).toEqual({ attempts: 1, elapsedMs: 0 });

    const thrown = await withRetry(
      scripted<Response>([new TypeError('fetch failed', { cause: new Error('bad port') })]).operation,
      POLICY,
      {
        ...clock,
        judge,
      },
    );
    expect(thrown.ok).toBe(false);
    expect(!thrown.ok && (thrown.error as Error).message).toBe('fetch failed');
    expect(clock.waits).toEqual([]);
  });

  it('stops after the attempts, saying the last outcome was transient', async () => {
    const clock = fakeClock();
    const { operation, calls } = scripted([status(503)]);
    const settled = await withRetry(operation, POLICY, { ...clock, random: () => 0.999_999, judge });
    expect(calls()).toBe(5);
    expect(clock.waits).toEqual([999, 1999, 3999, 7999]);
    expect(settled.ok && settled.value.status).toBe(503);
    expect(settled.tries).toEqual({ attempts: 5, elapsedMs: 14_996, stopped: 'attempts', transient: { reason: 'HTTP 503' } });
    expect(describeTries(settled.tries)).toBe('5 times over 15.0 s');
  });

  it('starts no retry past the time budget, counting the time the tries took', async () => {
    const clock = fakeClock();
    let calls = 0;
    const slow = async () => {
      calls++;
      clock.advance(4000);
      return status(503);
    };
    const settled = await withRetry(slow, { ...POLICY, attempts: 10, budgetMs: 20_000 }, { ...clock, random: () => 0.999_999, judge });
    // 4 s, wait 1 s, 4 s, wait 2 s, 4 s, wait 4 s, 4 s: at 23 s the next try would start past the 20 s budget.
    expect(calls).toBe(4);
    expect(clock.waits).toEqual([999, 1999, 3999]);
    expect(settled.tries).toMatchObject({ attempts: 4, stopped: 'budget' });
    expect(settled.tries.elapsedMs).toBeLessThanOrEqual(23_000);
  });

  it('waits as long as Retry-After asks, up to the cap, without jitter', async () => {
    const clock = fakeClock();
    const { operation } = scripted([status(429, { 'retry-after': '7' }), status(503, { 'retry-after': '30' }), status(200)]);
    const settled = await withRetry(operation, POLICY, { ...clock, random: () => 0, judge });
    expect(settled.ok && settled.value.status).toBe(200);
    expect(clock.waits).toEqual([7000, MAX_RETRY_AFTER_MS]);
  });

  it('gives up at once when Retry-After asks for longer than the cap', async () => {
    const clock = fakeClock();
    const { operation, calls } = scripted([status(503, { 'retry-after': '31' })]);
    const settled = await withRetry(operation, POLICY, { ...clock, judge });
    expect(calls()).toBe(1);
    expect(clock.waits).toEqual([]);
    expect(settled.tries).toMatchObject({ attempts: 1, stopped: 'retry-after', transient: { retryAfterMs: 31_000 } });

    const capped = await withRetry(
      scripted([status(503, { 'retry-after': '5' }), status(200)]).operation,
      { ...POLICY, maxRetryAfterMs: 2000 },
      { ...clock, judge },
    );
    expect(capped.tries).toMatchObject({ attempts: 1, stopped: 'retry-after' });
  });

  it('gives up rather than wait past the budget for a Retry-After', async () => {
    const clock = fakeClock();
    const { operation, calls } = scripted([status(503, { 'retry-after': '25' })]);
    const settled = await withRetry(operation, { ...POLICY, budgetMs: 20_000 }, { ...clock, judge });
    expect(calls()).toBe(1);
    expect(settled.tries.stopped).toBe('budget');
  });

  it('releases an answer it gives up for another try, and tells of each retry', async () => {
    const clock = fakeClock();
    const discarded: number[] = [];
    const told: { attempt: number; of: number; delayMs: number; reason: string }[] = [];
    await withRetry(scripted([status(503), status(200)]).operation, POLICY, {
      ...clock,
      random: () => 0.25,
      judge,
      discard: (response) => void discarded.push(response.status),
      onRetry: (retry) => void told.push(retry),
    });
    expect(discarded).toEqual([503]);
    expect(told).toEqual([{ attempt: 2, of: 5, delayMs: 250, reason: 'HTTP 503' }]);
  });

  it('lets the caller judge answers and errors of its own kind', async () => {
    const clock = fakeClock();
    const busy = Object.assign(new Error('kubectl failed'), { stderr: 'Error from server (ServiceUnavailable)' });
    const judgeError = (error: unknown): Transient | undefined =>
      /ServiceUnavailable/.test((error as { stderr?: string }).stderr ?? '') ? { reason: 'ServiceUnavailable' } : undefined;
    const { operation, calls } = scripted<string>([busy, busy, 'applied']);
    const settled = await withRetry(operation, POLICY, { ...clock, random: () => 0, judgeError });
    expect(settled).toMatchObject({ ok: true, value: 'applied', tries: { attempts: 3 } });
    expect(calls()).toBe(3);
  });

  it('makes one try when the policy allows one', async () => {
    const { operation, calls } = scripted([status(503)]);
    const settled = await withRetry(operation, { ...POLICY, attempts: 0 }, { ...fakeClock(), judge });
    expect(calls()).toBe(1);
    expect(settled.tries).toMatchObject({ attempts: 1, stopped: 'attempts' });
  });
});

describe('describeTries', () => {
  it.each([
    [1, 0, 'once'],
    [2, 1234, 'twice over 1.2 s'],
    [5, 20_000, '5 times over 20.0 s'],
  ])('%i tries over %i ms read %j', (attempts, elapsedMs, text) => {
    expect(describeTries({ attempts, elapsedMs })).toBe(text);
  });
});
