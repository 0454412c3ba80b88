import { InputError } from '../action/errors.js';
import type { Env, Inputs } from '../action/inputs.js';

/** Where a step's event goes; read from the `notify-*` inputs every action has. */
export interface NotifyConfig {
  /** Full topic name, `projects/P/topics/T`. */
  topic?: string;
  /** Webhook URLs; secrets (a Slack webhook URL is its own credential). */
  webhooks: string[];
}

// Pub/Sub's own rules: https://cloud.google.com/pubsub/docs/create-topic#resource_names
const TOPIC_ID = /^[A-Za-z][A-Za-z0-9\-_.~+%]{2,254}$/;
// A project ID, optionally domain-scoped (`example.com:my-project`).
const PROJECT_ID = /^(?:[a-z0-9][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const TOPIC_EXPECTED = "'projects/PROJECT/topics/TOPIC', or a topic ID with notify-pubsub-project or GOOGLE_CLOUD_PROJECT set";
const WEBHOOK_EXPECTED = 'https URLs, one per line or comma-separated (http only for localhost, 127.0.0.1 or ::1)';

/** The variables google-github-actions/auth and gcloud set for the project. */
const PROJECT_VARIABLES = ['GOOGLE_CLOUD_PROJECT', 'CLOUDSDK_CORE_PROJECT', 'GCLOUD_PROJECT'];

function checkTopicId(id: string, shown: string): void {
  if (!TOPIC_ID.test(id) || id.toLowerCase().startsWith('goog')) {
    throw new InputError(
      'notify-pubsub-topic',
      `'${shown}' is not a valid topic name (a topic ID is 3 to 255 letters, digits or - _ . ~ + %, starts with a letter, not with 'goog')`,
      TOPIC_EXPECTED,
    );
  }
}

function checkProject(project: string, input: string): void {
  if (!PROJECT_ID.test(project)) {
    throw new InputError(
      input,
      `'${project}' is not a Google Cloud project ID`,
      '6 to 30 lowercase letters, digits or hyphens, starting with a letter',
    );
  }
}

export function parseTopic(topic: string, project: string, env: Env): string {
  const full = /^projects\/([^/]+)\/topics\/([^/]+)$/.exec(topic);
  if (full) {
    checkProject(full[1], 'notify-pubsub-topic');
    checkTopicId(full[2], topic);
    return topic;
  }
  if (topic.includes('/')) throw new InputError('notify-pubsub-topic', `'${topic}' is not a topic name`, TOPIC_EXPECTED);
  checkTopicId(topic, topic);
  if (project) {
    checkProject(project, 'notify-pubsub-project');
    return `projects/${project}/topics/${topic}`;
  }
  const fromEnv = PROJECT_VARIABLES.map((name) => env[name]?.trim()).find(Boolean);
  if (!fromEnv) throw new InputError('notify-pubsub-topic', `'${topic}' names no project`, TOPIC_EXPECTED);
  if (!PROJECT_ID.test(fromEnv)) {
    throw new InputError(
      'notify-pubsub-topic',
      `the project from the environment, '${fromEnv}', is not a Google Cloud project ID`,
      TOPIC_EXPECTED,
    );
  }
  return `projects/${fromEnv}/topics/${topic}`;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks one webhook URL without ever quoting it: the URL is a secret, and an
 * error message ends up in the log and in the failure event. Entries are
 * numbered from 1 in the messages.
 */
export function parseWebhook(text: string, index: number): string {
  const which = `entry ${index + 1}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError('notify-webhooks', `${which} is not a URL`, WEBHOOK_EXPECTED);
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname.toLowerCase())) {
    throw new InputError('notify-webhooks', `${which} is plain http to a host that is not loopback`, WEBHOOK_EXPECTED);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError('notify-webhooks', `${which} has protocol '${url.protocol}'`, WEBHOOK_EXPECTED);
  }
  if (url.username || url.password) {
    throw new InputError('notify-webhooks', `${which} has a user or password in it`, `${WEBHOOK_EXPECTED}, without user:password@`);
  }
  return text;
}

/**
 * Every entry of notify-webhooks, unchecked: what to mask before anything can
 * print one. A comma separates entries only before the next URL's scheme, so
 * a comma inside a URL's query stays part of it.
 */
export function webhookEntries(inputs: Inputs): string[] {
  return inputs
    .lines('notify-webhooks')
    .flatMap((line) => line.split(/,(?=\s*[A-Za-z][A-Za-z0-9+.-]*:\/\/)/))
    .map((entry) => entry.trim().replace(/,+$/, '').trim())
    .filter(Boolean);
}

/** Undefined when no notification is asked for. */
export function readNotifyConfig(inputs: Inputs, env: Env): NotifyConfig | undefined {
  const topicInput = inputs.raw('notify-pubsub-topic');
  const project = inputs.raw('notify-pubsub-project');
  const entries = webhookEntries(inputs);
  if (project && !topicInput) {
    throw new InputError('notify-pubsub-project', 'is set but notify-pubsub-topic is empty', 'a topic ID in notify-pubsub-topic');
  }
  if (!topicInput && !entries.length) return undefined;
  const topic = topicInput ? parseTopic(topicInput, project, env) : undefined;
  const webhooks = entries.map(parseWebhook);
  return { topic, webhooks };
}
