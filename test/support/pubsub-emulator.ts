import { execFile, spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './registry.js';

/** Where the SDK's component puts the emulator's start script, relative to the SDK root. */
const EMULATOR_SCRIPT = join('platform', 'pubsub-emulator', 'bin', 'cloud-pubsub-emulator');
const HOW_TO_INSTALL =
  'install the Google Cloud SDK component: `gcloud components install pubsub-emulator`, or with a Debian-packaged SDK `apt-get install google-cloud-cli-pubsub-emulator`';

function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The emulator's start script in the installed Google Cloud SDK: beside the
 * real `gcloud` (the SDK root is two folders up), else where
 * `gcloud info` says the SDK is. PUBSUB_EMULATOR_SCRIPT overrides both.
 */
export async function findPubSubEmulator(): Promise<string> {
  if (process.env.PUBSUB_EMULATOR_SCRIPT) return process.env.PUBSUB_EMULATOR_SCRIPT;
  const gcloud = which('gcloud');
  if (!gcloud) throw new Error(`the Pub/Sub emulator needs the Google Cloud SDK, and gcloud is not on PATH; ${HOW_TO_INSTALL}`);
  const roots = [dirname(dirname(realpathSync(gcloud)))];
  try {
    const { stdout } = await promisify(execFile)(gcloud, ['info', '--format=value(installation.sdk_root)'], { timeout: 30_000 });
    if (stdout.trim()) roots.push(stdout.trim());
  } catch {
    // The path beside gcloud is the usual answer anyway.
  }
  const found = roots.map((root) => join(root, EMULATOR_SCRIPT)).find((script) => existsSync(script));
  if (!found)
    throw new Error(`the Pub/Sub emulator is not installed in the Google Cloud SDK (looked in ${roots.join(', ')}); ${HOW_TO_INSTALL}`);
  if (!which('java'))
    throw new Error('the Pub/Sub emulator runs on Java, and java is not on PATH; install a JRE (apt-get install default-jre-headless)');
  return found;
}

export interface PulledMessage {
  data: Buffer;
  attributes: Record<string, string>;
  messageId: string;
}

export interface PubSubEmulator {
  /** `host:port`, the value of PUBSUB_EMULATOR_HOST. */
  host: string;
  project: string;
  /** Creates a topic and a subscription to it; returns the topic's full name and the subscription's. */
  topicWithSubscription(topic: string): Promise<{ topic: string; subscription: string }>;
  /** Pulls (and acknowledges) what the subscription holds, waiting up to `timeoutMs` for at least `atLeast` messages. */
  pull(subscription: string, options?: { atLeast?: number; timeoutMs?: number }): Promise<PulledMessage[]>;
  log(): string;
  close(): Promise<void>;
}

/**
 * The real Pub/Sub emulator from the installed Google Cloud SDK on
 * 127.0.0.1, run as `gcloud beta emulators pubsub start` would run it but
 * without gcloud's Python in between. Tests drive it over its REST API, so
 * what they check does not go through the client library under test.
 */
export async function startPubSubEmulator({ project = 'gitops-delivery-test' } = {}): Promise<PubSubEmulator> {
  const script = await findPubSubEmulator();
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const base = `http://${host}/v1`;
  // Its own process group, so that closing stops the JVM the script execs and nothing else.
  const child = spawn(script, [`--host=127.0.0.1`, `--port=${port}`], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
    // Its pipes can outlive it, and would keep the test process from exiting.
    child.stdout!.destroy();
    child.stderr!.destroy();
  };

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Pub/Sub emulator: ${method} ${path}: HTTP ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the Pub/Sub emulator (${script}) exited ${child.exitCode}: ${output}`);
    const ready = await fetch(`http://${host}/`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await close();
      throw new Error(`the Pub/Sub emulator did not answer on ${host} within 60 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    host,
    project,
    async topicWithSubscription(id) {
      const topic = `projects/${project}/topics/${id}`;
      const subscription = `projects/${project}/subscriptions/${id}-sub`;
      await call('PUT', topic);
      await call('PUT', subscription, { topic, ackDeadlineSeconds: 60 });
      return { topic, subscription };
    },
    async pull(subscription, { atLeast = 1, timeoutMs = 10_000 } = {}) {
      const messages: PulledMessage[] = [];
      const until = Date.now() + timeoutMs;
      do {
        const reply = (await call('POST', `${subscription}:pull`, { maxMessages: 100, returnImmediately: true })) as {
          receivedMessages?: { ackId: string; message: { data?: string; attributes?: Record<string, string>; messageId: string } }[];
        };
        const received = reply.receivedMessages ?? [];
        if (received.length) await call('POST', `${subscription}:acknowledge`, { ackIds: received.map((entry) => entry.ackId) });
        for (const { message } of received) {
          messages.push({
            data: Buffer.from(message.data ?? '', 'base64'),
            attributes: message.attributes ?? {},
            messageId: message.messageId,
          });
        }
        if (messages.length >= atLeast) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      } while (Date.now() < until);
      return messages;
    },
    log: () => output,
    close,
  };
}
