import { isTimeout, MAX_RETRY_AFTER_MS, networkProblem, retryAfterMs } from '../http/fetch.js';
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
  /** Wait before the second attempt; doubled before each later one, unless the hook said how long with Retry-After. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
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

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Connection errors, timeouts, 5xx and 429 are worth another try; any other answer is final. */
function retryable(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** What went wrong, without the URL: fetch's errors rarely quote it, but the URL is a secret and this message is printed. */
function describe(error: unknown, url: string): string {
  return (isTimeout(error) ? 'timed out' : networkProblem(error)).split(url).join('<webhook>');
}

/** POSTs the event; retries what may pass on a second try, and throws a WebhookError when no attempt succeeded. */
export async function postWebhook(event: CloudEvent, url: string, options: WebhookOptions = {}): Promise<WebhookResult> {
  const doFetch = options.fetch ?? fetch;
  const attempts = options.attempts ?? 3;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const sleep = options.sleep ?? sleepFor;
  const body = webhookBody(event);
  let problem = '';
  let askedWaitMs: number | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(askedWaitMs ?? (options.backoffMs ?? 1000) * 2 ** (attempt - 2));
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'gitops-delivery' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      // Read the body so the connection is released.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { status: response.status, attempts: attempt };
      problem = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      if (!retryable(response.status)) throw new WebhookError(problem, attempt);
      askedWaitMs = retryAfterMs(response.headers.get('retry-after'), options.now?.() ?? Date.now());
      if (askedWaitMs !== undefined && askedWaitMs > MAX_RETRY_AFTER_MS && attempt < attempts) {
        throw new WebhookError(
          `${problem}, retry asked for in ${Math.ceil(askedWaitMs / 1000)} s, longer than a notification waits`,
          attempt,
        );
      }
    } catch (error) {
      if (error instanceof WebhookError) throw error;
      problem = describe(error, url);
      askedWaitMs = undefined;
    }
  }
  throw new WebhookError(problem, attempts);
}
