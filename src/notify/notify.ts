import { describeError } from '../action/errors.js';
import type { Logger } from '../action/logger.js';
import { table } from '../action/markdown.js';
import type { CloudEvent } from './cloudevent.js';
import type { NotifyConfig } from './config.js';
import { publishToPubSub, type PubSubFactory } from './pubsub.js';
import { postWebhook, type Fetch } from './webhook.js';

export interface NotifyDeps {
  logger: Pick<Logger, 'info' | 'warning'>;
  fetch?: Fetch;
  createPubSub?: PubSubFactory;
  webhookTimeoutMs?: number;
  webhookAttempts?: number;
  webhookBackoffMs?: number;
  pubSubTimeoutMs?: number;
}

/** Names a webhook in the log by position and host only: the rest of the URL is the secret. */
export function webhookLabel(url: string, index: number): string {
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    // Checked when the inputs were read; nothing more to say here.
  }
  return `webhook ${index + 1}${host ? ` (${host})` : ''}`;
}

/** One event's delivery to one destination, as the log and the job summary report it. */
export interface Delivery {
  /** The topic, or the webhook's label: never its URL. */
  destination: string;
  event: string;
  ok: boolean;
  /** `message 42`, `HTTP 200 after 2 attempts`, or why it did not go out. */
  detail: string;
}

/**
 * Sends every event to every destination, destinations in parallel, events in
 * order. Never throws: a notification that did not go out is a warning, and
 * the step's own result stands. Resolves with one record per event and
 * destination.
 */
export async function notify(events: CloudEvent[], config: NotifyConfig, deps: NotifyDeps): Promise<Delivery[]> {
  const sent: Promise<Delivery[]>[] = [];
  if (config.topic) {
    const topic = config.topic;
    sent.push(
      (async () => {
        try {
          const ids = await publishToPubSub(events, topic, { createClient: deps.createPubSub, timeoutMs: deps.pubSubTimeoutMs });
          return events.map((event, index) => {
            deps.logger.info(`notify: published ${event.type} to ${topic} (message ${ids[index]})`);
            return { destination: topic, event: event.type, ok: true, detail: `message ${ids[index]}` };
          });
        } catch (error) {
          const types = events.map((event) => event.type).join(', ');
          deps.logger.warning(`notify: could not publish ${types} to ${topic}: ${describeError(error)}`);
          return events.map((event) => ({ destination: topic, event: event.type, ok: false, detail: describeError(error) }));
        }
      })(),
    );
  }
  config.webhooks.forEach((url, index) => {
    const label = webhookLabel(url, index);
    sent.push(
      (async () => {
        const deliveries: Delivery[] = [];
        for (const event of events) {
          try {
            const result = await postWebhook(event, url, {
              fetch: deps.fetch,
              timeoutMs: deps.webhookTimeoutMs,
              attempts: deps.webhookAttempts,
              backoffMs: deps.webhookBackoffMs,
            });
            const detail = `HTTP ${result.status}${result.attempts > 1 ? ` after ${result.attempts} attempts` : ''}`;
            deps.logger.info(`notify: sent ${event.type} to ${label}: ${detail}`);
            deliveries.push({ destination: label, event: event.type, ok: true, detail });
          } catch (error) {
            const message = describeError(error).split(url).join('<webhook>');
            const attempts = (error as { attempts?: number }).attempts;
            const detail = `${message}${attempts ? ` (${attempts} attempts)` : ''}`;
            deps.logger.warning(`notify: could not send ${event.type} to ${label}${attempts ? ` (${attempts} attempts)` : ''}: ${message}`);
            // Later events would be out of order at the receiver; they are not sent.
            deliveries.push(
              ...events.slice(deliveries.length).map((later) => ({
                destination: label,
                event: later.type,
                ok: false,
                detail: later === event ? detail : 'not sent: an earlier event failed',
              })),
            );
            break;
          }
        }
        return deliveries;
      })(),
    );
  });
  return (await Promise.all(sent)).flat();
}

/** The job summary's account of the notifications, so that a reader sees who was told what. */
export function deliveriesSummary(deliveries: Delivery[]): string {
  if (!deliveries.length) return '';
  const rows = deliveries.map(({ destination, event, ok, detail }) => [destination, `\`${event}\``, `${ok ? '✅' : '❌'} ${detail}`]);
  // A blank line first, so that the heading stands apart from whatever the step wrote before it.
  return `\n#### Notifications\n\n${table(['destination', 'event', 'result'], rows)}`;
}
