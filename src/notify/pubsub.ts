import { isTimeout, networkProblem } from '../http/fetch.js';
import { describeTries, isTransientError, transientResponse, withRetry, type RetryDeps, type RetryPolicy } from '../http/retry.js';
import { googleAuthorization, type Authorization } from '../http/google-auth.js';
import type { CloudEvent } from './cloudevent.js';

/**
 * Pub/Sub messages use the binary content mode of the CloudEvents Pub/Sub
 * binding (the one Eventarc uses): the message data is the event's data as
 * JSON, and each context attribute is a message attribute named `ce-<name>`,
 * with `content-type` for datacontenttype. Subscribers can then filter on
 * attributes (`attributes.ce-type = "dev.gitops-delivery.deploy.failed"`)
 * without parsing the body.
 */
export interface PubSubMessage {
  data: Buffer;
  attributes: Record<string, string>;
}

export function pubSubMessage(event: CloudEvent): PubSubMessage {
  const { data, datacontenttype, ...context } = event;
  const attributes: Record<string, string> = { 'content-type': datacontenttype };
  for (const [name, value] of Object.entries(context)) {
    if (value !== undefined && value !== '') attributes[`ce-${name}`] = String(value);
  }
  return { data: Buffer.from(JSON.stringify(data)), attributes };
}

/** Publishes one message to a topic and resolves with its ID; tests and callers may pass another. */
export interface PubSubClient {
  publish(topic: string, message: PubSubMessage): Promise<string>;
}

export type PubSubFactory = (options: { projectId: string }) => Promise<PubSubClient>;

const PUBSUB_SCOPE = 'https://www.googleapis.com/auth/pubsub';
const PUBSUB_ENDPOINT = 'https://pubsub.googleapis.com';
const ATTEMPTS = 3;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The real client: Pub/Sub's REST method `topics.publish`, with the runner's
 * Google credentials; with PUBSUB_EMULATOR_HOST set, plain HTTP to the
 * emulator, which needs none. One HTTPS call per event is all a step needs,
 * so the gRPC client and its protos (ten times this action's size) stay out.
 */
export const loadPubSub: PubSubFactory = async ({ projectId }) => {
  const emulator = process.env.PUBSUB_EMULATOR_HOST;
  if (emulator) return restPubSub(`http://${emulator}`, async () => ({}));
  return restPubSub(PUBSUB_ENDPOINT, await googleAuthorization(PUBSUB_SCOPE, projectId));
};

/** Publishes are tried three times, about half a second then a second apart: the step's whole publish has 30 s. */
export const PUBSUB_RETRY: RetryPolicy = { attempts: ATTEMPTS, baseDelayMs: 500, maxDelayMs: 4000 };

/** A Pub/Sub client of the REST API at `endpoint`, retrying what is unavailable or overloaded (the shared policy). */
export function restPubSub(endpoint: string, authorization: Authorization, retry: RetryDeps = {}): PubSubClient {
  return {
    async publish(topic, { data, attributes }) {
      const body = JSON.stringify({ messages: [{ data: data.toString('base64'), attributes }] });
      const url = `${endpoint}/v1/${topic}:publish`;
      let credentialsFailed = false;
      const settled = await withRetry(
        async () => {
          let headers: Headers;
          try {
            headers = new Headers(await authorization());
          } catch (error) {
            // No credentials is not a thing another try mends: that error goes out as it is.
            credentialsFailed = true;
            throw error;
          }
          headers.set('content-type', 'application/json');
          headers.set('user-agent', 'gitops-delivery');
          const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          const answer = (await response.json().catch(() => ({}))) as {
            messageIds?: string[];
            error?: { status?: string; message?: string };
          };
          return { response, answer };
        },
        PUBSUB_RETRY,
        {
          ...retry,
          judge: ({ response }) => transientResponse(response, retry.now),
          judgeError: (error) => (!credentialsFailed && isTransientError(error) ? { reason: networkProblem(error) } : undefined),
        },
      );
      if (!settled.ok) {
        if (credentialsFailed) throw settled.error;
        const problem = isTimeout(settled.error) ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : networkProblem(settled.error);
        throw new Error(`${problem} (${endpoint}${settled.tries.attempts > 1 ? `, ${describeTries(settled.tries)}` : ''})`);
      }
      const { response, answer } = settled.value;
      if (response.ok && answer.messageIds?.[0]) return answer.messageIds[0];
      throw new Error(
        `HTTP ${response.status}${answer.error ? ` ${answer.error.status ?? ''}: ${answer.error.message ?? ''}` : ''}`.trim() +
          (settled.tries.transient && settled.tries.attempts > 1 ? ` (${describeTries(settled.tries)})` : ''),
      );
    },
  };
}

export interface PublishOptions {
  createClient?: PubSubFactory;
  /** Whole publish, credentials included; retries stop there. */
  timeoutMs?: number;
}

/** Publishes events, in order, to `projects/P/topics/T`; resolves with their message IDs. */
export async function publishToPubSub(events: CloudEvent[], topic: string, options: PublishOptions = {}): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const publish = async () => {
    const client = await (options.createClient ?? loadPubSub)({ projectId: topic.split('/')[1] });
    const ids: string[] = [];
    for (const event of events) ids.push(await client.publish(topic, pubSubMessage(event)));
    return ids;
  };
  try {
    return await Promise.race([
      publish(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from Pub/Sub in ${timeoutMs / 1000} s`)), timeoutMs);
        // A publish still under way must not keep the step's process alive once it has given up.
        timer.unref();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
