import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The few methods of @google-cloud/pubsub's PubSub used here, so tests and callers may pass another. */
export interface PubSubClient {
  topic(name: string, options?: object): { publishMessage(message: PubSubMessage): Promise<string> };
  close(): Promise<void>;
}

export type PubSubFactory = (options: { projectId: string }) => Promise<PubSubClient>;

/**
 * The real client, loaded on first use: it brings gRPC and its protos, which
 * a step that publishes nothing should not load. It honours
 * PUBSUB_EMULATOR_HOST, and otherwise finds credentials the usual way
 * (GOOGLE_APPLICATION_CREDENTIALS, as google-github-actions/auth sets it).
 */
export const loadPubSub: PubSubFactory = async ({ projectId }) => {
  // google-gax, a CommonJS module, reads __dirname when it loads; the ESM
  // bundles have none. It only names the folder of protos it loads from files,
  // which the Pub/Sub client never does (its protos are bundled JSON).
  const scope = globalThis as { __dirname?: string };
  scope.__dirname ??= dirname(fileURLToPath(import.meta.url));
  // The emulator takes no credentials; without this the auth library still
  // probes for a GCE metadata server and warns on stderr when there is none.
  if (process.env.PUBSUB_EMULATOR_HOST) process.env.METADATA_SERVER_DETECTION ??= 'none';
  const { PubSub } = await import('@google-cloud/pubsub');
  return new PubSub({ projectId }) as unknown as PubSubClient;
};

export interface PublishOptions {
  createClient?: PubSubFactory;
  /** Whole publish, client start included; the client's own retries stop there. */
  timeoutMs?: number;
}

/** Publishes events, in order, to `projects/P/topics/T` with one client; resolves with their message IDs. */
export async function publishToPubSub(events: CloudEvent[], topic: string, options: PublishOptions = {}): Promise<string[]> {
  const projectId = topic.split('/')[1];
  const timeoutMs = options.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  let client: PubSubClient | undefined;
  const publish = async () => {
    client = await (options.createClient ?? loadPubSub)({ projectId });
    const publisher = client.topic(topic, { batching: { maxMessages: 1, maxMilliseconds: 0 } });
    const ids: string[] = [];
    for (const event of events) ids.push(await publisher.publishMessage(pubSubMessage(event)));
    return ids;
  };
  try {
    return await Promise.race([
      publish(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from Pub/Sub in ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    // An open gRPC channel would keep the step's process alive.
    await (client as PubSubClient | undefined)?.close().catch(() => undefined);
  }
}
