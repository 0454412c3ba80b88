import { isTimeout, networkProblem } from '../http/fetch.js';
import { isTransientError, transientResponse, withRetry } from '../http/retry.js';
import { eventText, type CloudEvent } from './cloudevent.js';

/**
 * The webhook body: the event in CloudEvents structured mode (the JSON
 * format's members at the top level) plus a `text` member, the one line a
 * Slack-compatible incoming webhook shows. It is sent as application/json
 * rather than application/cloudevents+json because chat webhooks accept only
 * the former; a CloudEvents receiver reads it as structured JSON.
 */
export function webhookBody(event: CloudEvent): string {
  return JSON.stringify({ ...event, text: eventText(event) });
}

export type Fetch = typeof fetch;

export interface WebhookOptions {
  fetch?: Fetch;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts in all, the first included. */
  attempts?: number;
  /** The ceiling of the wait before the second attempt, doubled for each later one (the wait is anywhere below it), unless the hook said how long with Retry-After. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The jitter of the waits, as Math.random. */
  random?: () => number;
  /** The clock a Retry-After date is read against. */
  now?: () => number;
}

export interface WebhookResult {
  status: number;
  attempts: number;
}

export class WebhookError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

/** What went wrong, without the URL: fetch's errors rarely quote it, but the URL is a secret and this message is printed. */
function describe(error: unknown, url: string): string {
  return (isTimeout(error) ? 'timed out' : networkProblem(error)).split(url).join('<webhook>');
}

const statusProblem = (response: Response) => `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;

/**
 * POSTs the event; retries what may pass on a second try (the shared policy:
 * 408, 425, 429, 500, 502, 503, 504, a connection reset, refused or timed
 * out), and throws a WebhookError when no attempt succeeded.
 */
export async function postWebhook(event: CloudEvent, url: string, options: WebhookOptions = {}): Promise<WebhookResult> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const body = webhookBody(event);
  const backoffMs = options.backoffMs ?? 1000;
  const settled = await withRetry(
    async () => {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'gitops-delivery' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      // Read the body so the connection is released.
      await response.arrayBuffer().catch(() => undefined);
      return response;
    },
    { attempts: options.attempts ?? 3, baseDelayMs: backoffMs, maxDelayMs: 8 * backoffMs },
    {
      sleep: options.sleep,
      random: options.random,
      now: options.now,
      judge: (response) => transientResponse(response, options.now),
      judgeError: (error) => (isTransientError(error) ? { reason: describe(error, url) } : undefined),
    },
  );
  const { tries } = settled;
  if (!settled.ok) throw new WebhookError(describe(settled.error, url), tries.attempts);
  const response = settled.value;
  if (response.ok) return { status: response.status, attempts: tries.attempts };
  const problem = statusProblem(response);
  if (tries.stopped === 'retry-after' && tries.transient?.retryAfterMs !== undefined) {
    throw new WebhookError(
      `${problem}, retry asked for in ${Math.ceil(tries.transient.retryAfterMs / 1000)} s, longer than a notification waits`,
      tries.attempts,
    );
  }
  throw new WebhookError(problem, tries.attempts);
}
