import type { CloudEvent } from '../../../src/notify/cloudevent.js';
import { deliveriesSummary, notify } from '../../../src/notify/notify.js';
import { publishToPubSub, type PubSubClient, type PubSubMessage } from '../../../src/notify/pubsub.js';
import { jest } from '@jest/globals';
import { retryAfterMs } from '../../../src/http/fetch.js';
import { postWebhook, WebhookError, type Fetch } from '../../../src/notify/webhook.js';

const event = {
  specversion: '1.0',
  id: 'id-1',
  source: 'https://github.com/acme/app',
  type: 'dev.gitops-delivery.build.succeeded',
  time: '2026-11-01T12:00:00.000Z',
  datacontenttype: 'application/json',
  data: {
    action: 'build-push',
    status: 'success',
    outputs: {},
    links: {},
    repository: 'acme/app',
    sha: '',
    ref: '',
    actor: '',
    workflow: '',
    runId: '',
    runAttempt: '',
  },
} satisfies CloudEvent;

/** A fetch that answers each call from a script, per URL or for all: a status, or an error to throw; 200 when the script is used up. */
function scriptedFetch(script: (number | Error)[] | Record<string, (number | Error)[]>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = (Array.isArray(script) ? script : (script[url] ?? [])).shift() ?? 200;
    if (next instanceof Error) throw next;
    return new Response(next === 204 ? null : 'x', { status: next });
  }) as unknown as Fetch;
  return { fetch, calls };
}

const noSleep = async () => undefined;
const URL_ = 'https://hooks.example.com/services/T0/B0/secret';

describe('webhook delivery', () => {
  it('posts JSON once when the hook answers 2xx', async () => {
    const { fetch, calls } = scriptedFetch([204]);
    expect(await postWebhook(event, URL_, { fetch, sleep: noSleep })).toEqual({ status: 204, attempts: 1 });
    expect(calls).toHaveLength(1);
    expect(calls[0].init).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(calls[0].init.body as string)).toMatchObject({ id: 'id-1', text: expect.stringContaining('build succeeded') });
  });

  it('retries 5xx, 429 and connection errors with doubling, fully jittered waits', async () => {
    const waits: number[] = [];
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const { fetch, calls } = scriptedFetch([503, refused, 429, 200]);
    const result = await postWebhook(event, URL_, {
      fetch,
      attempts: 4,
      backoffMs: 100,
      random: () => 0.5,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(result).toEqual({ status: 200, attempts: 4 });
    expect(calls).toHaveLength(4);
    expect(waits).toEqual([50, 100, 200]);
  });

  it('does not retry 501, or an error no other try mends, and says what it was', async () => {
    const notImplemented = scriptedFetch([501]);
    await expect(postWebhook(event, URL_, { fetch: notImplemented.fetch, sleep: noSleep })).rejects.toThrow(
      new WebhookError('HTTP 501', 1),
    );
    expect(notImplemented.calls).toHaveLength(1);
    const badPort = scriptedFetch([new TypeError('fetch failed', { cause: new Error('bad port') })]);
    await expect(postWebhook(event, URL_, { fetch: badPort.fetch, sleep: noSleep })).rejects.toThrow(new WebhookError('bad port', 1));
    expect(badPort.calls).toHaveLength(1);
  });

  it('waits as long as Retry-After says, in seconds or as a date', async () => {
    const now = Date.parse('2026-11-01T12:00:00Z');
    const waits: number[] = [];
    const answers = [
      new Response('slow down', { status: 429, headers: { 'retry-after': '7' } }),
      new Response('busy', { status: 503, headers: { 'retry-after': 'Sun, 01 Nov 2026 12:00:12 GMT' } }),
      new Response('busy', { status: 503, headers: { 'retry-after': 'whenever' } }),
      new Response(null, { status: 204 }),
    ];
    const fetch = (async () => answers.shift()!) as unknown as Fetch;
    const result = await postWebhook(event, URL_, {
      fetch,
      attempts: 4,
      backoffMs: 100,
      random: () => 0.999_999,
      now: () => now,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(result).toEqual({ status: 204, attempts: 4 });
    // An unreadable Retry-After falls back to the backoff, whose third ceiling is 400 ms.
    expect(waits).toEqual([7000, 12_000, 399]);
  });

  it('stops when Retry-After asks for longer than a notification waits', async () => {
    const fetch = (async () => new Response('later', { status: 429, headers: { 'retry-after': '3600' } })) as unknown as Fetch;
    const sleep = jest.fn(async () => undefined);
    await expect(postWebhook(event, URL_, { fetch, sleep })).rejects.toThrow(
      new WebhookError('HTTP 429, retry asked for in 3600 s, longer than a notification waits', 1),
    );
    expect(sleep).not.toHaveBeenCalled();
  });

  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Sun, 01 Nov 2026 11:59:00 GMT', 0],
    ['-5', undefined],
    ['soon', undefined],
    [null, undefined],
  ])('reads Retry-After %j as %j ms', (header, expected) => {
    expect(retryAfterMs(header, Date.parse('2026-11-01T12:00:00Z'))).toBe(expected);
  });

  it('stops at a 4xx answer, which another try would not change', async () => {
    const { fetch, calls } = scriptedFetch([404]);
    await expect(postWebhook(event, URL_, { fetch, sleep: noSleep })).rejects.toThrow(new WebhookError('HTTP 404', 1));
    expect(calls).toHaveLength(1);
  });

  it('gives up after the last attempt, saying why without the URL', async () => {
    const reset = () => new TypeError('fetch failed', { cause: Object.assign(new Error(`cannot reach ${URL_}`), { code: 'ECONNRESET' }) });
    const { fetch } = scriptedFetch([reset(), reset()]);
    const error = await postWebhook(event, URL_, { fetch, attempts: 2, sleep: noSleep }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookError);
    expect((error as WebhookError).attempts).toBe(2);
    expect((error as Error).message).toBe('cannot reach <webhook>');
  });
});

describe('Pub/Sub delivery', () => {
  function fakeClient(answer: (message: PubSubMessage) => Promise<string>) {
    const published: { topic: string; message: PubSubMessage }[] = [];
    const client: PubSubClient = {
      publish: (topic, message) => {
        published.push({ topic, message });
        return answer(message);
      },
    };
    return { client, published };
  }

  it('publishes every event, in order, with one client for the topic’s project', async () => {
    const fake = fakeClient(async () => String(fake.published.length));
    const projects: string[] = [];
    const ids = await publishToPubSub([event, { ...event, id: 'id-2' }], 'projects/my-project/topics/t', {
      createClient: async ({ projectId }) => (projects.push(projectId), fake.client),
    });
    expect(ids).toEqual(['1', '2']);
    expect(projects).toEqual(['my-project']);
    expect(fake.published.map(({ topic }) => topic)).toEqual(['projects/my-project/topics/t', 'projects/my-project/topics/t']);
    expect(fake.published.map(({ message }) => message.attributes['ce-id'])).toEqual(['id-1', 'id-2']);
  });

  it('gives up after its timeout', async () => {
    const fake = fakeClient(() => new Promise(() => undefined));
    await expect(
      publishToPubSub([event], 'projects/my-project/topics/t', { createClient: async () => fake.client, timeoutMs: 50 }),
    ).rejects.toThrow('no answer from Pub/Sub in 0.05 s');
  });
});

describe('notify', () => {
  it('never throws: each failed destination is a warning, the others still get the event', async () => {
    const warnings: string[] = [];
    const infos: string[] = [];
    const { fetch, calls } = scriptedFetch({ [URL_]: [500, 500, 500] });
    const deliveries = await notify(
      [event],
      { topic: 'projects/my-project/topics/t', webhooks: [URL_, 'https://other.example.com/hook'] },
      {
        logger: { info: (message) => void infos.push(message), warning: (message) => void warnings.push(message) },
        fetch,
        webhookBackoffMs: 0,
        createPubSub: async () => {
          throw new Error('Could not load the default credentials');
        },
      },
    );
    expect(deliveries.filter((delivery) => !delivery.ok).map((delivery) => delivery.destination)).toEqual([
      'projects/my-project/topics/t',
      'webhook 1 (hooks.example.com)',
    ]);
    expect(deliveriesSummary(deliveries)).toBe(
      [
        '',
        '#### Notifications',
        '',
        '| destination | event | result |',
        '| --- | --- | --- |',
        '| projects/my-project/topics/t | `dev.gitops-delivery.build.succeeded` | ❌ Could not load the default credentials |',
        '| webhook 1 (hooks.example.com) | `dev.gitops-delivery.build.succeeded` | ❌ HTTP 500 (3 attempts) |',
        '| webhook 2 (other.example.com) | `dev.gitops-delivery.build.succeeded` | ✅ HTTP 200 |',
      ].join('\n'),
    );
    expect(calls.map((call) => call.url).sort()).toEqual([URL_, URL_, URL_, 'https://other.example.com/hook'].sort());
    expect(warnings.sort()).toEqual([
      'notify: could not publish dev.gitops-delivery.build.succeeded to projects/my-project/topics/t: Could not load the default credentials',
      'notify: could not send dev.gitops-delivery.build.succeeded to webhook 1 (hooks.example.com) (3 attempts): HTTP 500',
    ]);
    expect(infos).toEqual(['notify: sent dev.gitops-delivery.build.succeeded to webhook 2 (other.example.com): HTTP 200']);
    expect([...warnings, ...infos].join('\n')).not.toContain('secret');
  });
});
