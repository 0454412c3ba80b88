import type { Logger } from '../action/logger.js';
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

/**
 * Sends every event to every destination, destinations in parallel, events in
 * order. Never throws: a notification that did not go out is a warning, and
 * the step's own result stands. Resolves with the number of deliveries that
 * failed.
 */
export async function notify(events: CloudEvent[], config: NotifyConfig, deps: NotifyDeps): Promise<number> {
  const deliveries: Promise<boolean>[] = [];
  if (config.topic) {
    const topic = config.topic;
    deliveries.push(
      (async () => {
        try {
          const ids = await publishToPubSub(events, topic, { createClient: deps.createPubSub, timeoutMs: deps.pubSubTimeoutMs });
          events.forEach((event, index) => deps.logger.info(`notify: published ${event.type} to ${topic} (message ${ids[index]})`));
          return true;
        } catch (error) {
          const types = events.map((event) => event.type).join(', ');
          deps.logger.warning(`notify: could not publish ${types} to ${topic}: ${error instanceof Error ? error.message : String(error)}`);
          return false;
        }
      })(),
    );
  }
  config.webhooks.forEach((url, index) => {
    const label = webhookLabel(url, index);
    deliveries.push(
      (async () => {
        for (const event of events) {
          try {
            const result = await postWebhook(event, url, {
              fetch: deps.fetch,
              timeoutMs: deps.webhookTimeoutMs,
              attempts: deps.webhookAttempts,
              backoffMs: deps.webhookBackoffMs,
            });
            const retried = result.attempts > 1 ? ` after ${result.attempts} attempts` : '';
            deps.logger.info(`notify: sent ${event.type} to ${label}: HTTP ${result.status}${retried}`);
          } catch (error) {
            const message = (error instanceof Error ? error.message : String(error)).split(url).join('<webhook>');
            const attempts = (error as { attempts?: number }).attempts;
            deps.logger.warning(`notify: could not send ${event.type} to ${label}${attempts ? ` (${attempts} attempts)` : ''}: ${message}`);
            return false;
          }
        }
        return true;
      })(),
    );
  });
  const results = await Promise.all(deliveries);
  return results.filter((ok) => !ok).length;
}
