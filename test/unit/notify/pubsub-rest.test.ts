import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudEvent } from '../../../src/notify/cloudevent.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { googleAuthorization } from '../../../src/http/google-auth.js';
import { publishToPubSub, restPubSub } from '../../../src/notify/pubsub.js';
import { tempDir } from '../../support/temp.js';

/** A stand-in for Pub/Sub's REST endpoint that answers from a script; the real emulator is in test/integration/notify.test.ts. */
let server: Server;
let answers: [number, object][] = [];
const exchanges: URLSearchParams[] = [];
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
      if (request.url === '/sts/token') {
        // Google's Security Token Service, as workload identity federation calls it.
        exchanges.push(new URLSearchParams(body));
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            access_token: 'ya29.federated-token',
            issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
            token_type: 'Bearer',
            expires_in: 3600,
          }),
        );
        return;
      }
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
  exchanges.length = 0;
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

  it("authorizes with the runner's Google credentials: workload identity federation, as google-github-actions/auth sets it up", async () => {
    const dir = await tempDir('pubsub-credentials');
    const base = `http://${process.env.PUBSUB_EMULATOR_HOST}`;
    await writeFile(join(dir, 'oidc-token'), 'github-oidc-jwt');
    await writeFile(
      join(dir, 'credentials.json'),
      JSON.stringify({
        type: 'external_account',
        audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/github/providers/actions',
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: `${base}/sts/token`,
        credential_source: { file: join(dir, 'oidc-token') },
      }),
    );
    const saved = process.env.GOOGLE_APPLICATION_CREDENTIALS;
    process.env.GOOGLE_APPLICATION_CREDENTIALS = join(dir, 'credentials.json');
    try {
      const client = restPubSub(base, await googleAuthorization('https://www.googleapis.com/auth/pubsub', 'p1'));
      expect(await publishToPubSub([event], 'projects/p1/topics/deliveries', { createClient: async () => client })).toEqual(['1']);
    } finally {
      if (saved === undefined) delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
      else process.env.GOOGLE_APPLICATION_CREDENTIALS = saved;
    }
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0].get('subject_token')).toBe('github-oidc-jwt');
    expect(exchanges[0].get('scope')).toBe('https://www.googleapis.com/auth/pubsub');
    expect(received[0].headers.authorization).toBe('Bearer ya29.federated-token');
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
