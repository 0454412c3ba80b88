import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudEvent } from '../../../src/notify/cloudevent.js';
import { publishToPubSub } from '../../../src/notify/pubsub.js';

/** A stand-in for Pub/Sub's REST endpoint that answers from a script; the real emulator is in test/integration/notify.test.ts. */
let server: Server;
let answers: [number, object][] = [];
const received: {
  path: string;
  headers: Record<string, unknown>;
  body: { messages: { data: string; attributes: Record<string, string> }[] };
}[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: JSON.parse(body) });
      const [status, answer] = answers.shift() ?? [200, { messageIds: [String(received.length)] }];
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.PUBSUB_EMULATOR_HOST = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.PUBSUB_EMULATOR_HOST;
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  answers = [];
  received.length = 0;
});

const event = {
  specversion: '1.0',
  id: 'id-1',
  source: 'https://github.com/acme/app/actions/runs/1',
  type: 'dev.gitops-delivery.deploy.failed',
  time: '2026-11-01T12:00:00.000Z',
  datacontenttype: 'application/json',
  data: { action: 'deploy-candidate', status: 'failure' },
} as unknown as CloudEvent;

describe('Pub/Sub over REST', () => {
  it("posts topics.publish with the event's data base64-encoded and its context as attributes", async () => {
    expect(await publishToPubSub([event], 'projects/p1/topics/deliveries')).toEqual(['1']);
    const [{ path, headers, body }] = received;
    expect(path).toBe('/v1/projects/p1/topics/deliveries:publish');
    expect(headers['content-type']).toBe('application/json');
    expect(headers.authorization).toBeUndefined();
    expect(JSON.parse(Buffer.from(body.messages[0].data, 'base64').toString('utf8'))).toEqual(event.data);
    expect(body.messages[0].attributes).toMatchObject({
      'ce-type': 'dev.gitops-delivery.deploy.failed',
      'content-type': 'application/json',
    });
  });

  it('retries an unavailable service, then succeeds', async () => {
    answers = [[503, { error: { code: 503, status: 'UNAVAILABLE', message: 'try again' } }]];
    expect(await publishToPubSub([event], 'projects/p1/topics/deliveries')).toEqual(['2']);
    expect(received).toHaveLength(2);
  });

  it("does not retry a topic that does not exist, and quotes Pub/Sub's error", async () => {
    answers = [[404, { error: { code: 404, status: 'NOT_FOUND', message: 'Topic not found' } }]];
    await expect(publishToPubSub([event], 'projects/p1/topics/missing')).rejects.toThrow('HTTP 404 NOT_FOUND: Topic not found');
    expect(received).toHaveLength(1);
  });

  it('gives up after three unavailable answers', async () => {
    answers = [
      [503, { error: { status: 'UNAVAILABLE', message: 'down' } }],
      [503, { error: { status: 'UNAVAILABLE', message: 'down' } }],
      [503, { error: { status: 'UNAVAILABLE', message: 'still down' } }],
    ];
    await expect(publishToPubSub([event], 'projects/p1/topics/deliveries')).rejects.toThrow('HTTP 503 UNAVAILABLE: still down');
    expect(received).toHaveLength(3);
  });
});
