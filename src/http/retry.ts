import { isTimeout, MAX_RETRY_AFTER_MS, retryAfterMs as readRetryAfter } from './fetch.js';

/**
 * One retry policy for every client here (registry, webhooks, Pub/Sub,
 * Prometheus, kubectl apply): which failures may pass on their own, how long
 * to wait before the next try, and when to stop.
 */

/** Answers that say "not now" rather than "no": timeouts, too early, too many requests, and the server's or a gateway's trouble. */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status);
}

/**
 * The system's and undici's codes for a connection reset, refused or timed
 * out, and for a DNS server that could not answer yet (EAI_AGAIN; ENOTFOUND,
 * a name that does not exist, is final).
 */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

interface ErrorFields {
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Whether a thrown error is a connection that failed in a way another try may
 * not: read by fields along the cause chain (fetch wraps the system's error
 * in "fetch failed"; a connection tried on several addresses fails with an
 * AggregateError of them), never with instanceof.
 */
export function isTransientError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  if (isTimeout(error)) return true;
  const { code, cause, errors } = error as ErrorFields;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  if (Array.isArray(errors) && errors.some((inner) => isTransientError(inner, depth + 1))) return true;
  return isTransientError(cause, depth + 1);
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The ceiling of the first wait; it doubles for each later one. */
  baseDelayMs: number;
  /** The ceiling no wait exceeds, however many tries came before. */
  maxDelayMs: number;
  /** No retry starts later than this after the first try began; unset, only `attempts` bounds the tries. */
  budgetMs?: number;
  /** The longest Retry-After honoured; an answer asking for longer is final. Default MAX_RETRY_AFTER_MS. */
  maxRetryAfterMs?: number;
}

/** Waiting, chance and the clock, passed in so that tests need neither wait nor guess. */
export interface RetryDeps {
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1), as Math.random. */
  random?: () => number;
  /** Milliseconds; only differences are used, and Retry-After dates are read against it. */
  now?: () => number;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * The wait before retry number `retry` (1 for the second try): full jitter,
 * anywhere from 0 to the doubled ceiling, so that clients failed together
 * do not come back together.
 */
export function backoffMs(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
}

/** What made one try worth another; `retryAfterMs` when the other side said how long to wait. */
export interface Transient {
  reason: string;
  retryAfterMs?: number;
}

/** How the tries went: enough to say "HTTP 503 5 times over 12.4 s". */
export interface Tries {
  attempts: number;
  elapsedMs: number;
  /** Set when the last outcome was transient and no further try was made: why not. */
  stopped?: 'attempts' | 'budget' | 'retry-after';
  /** The last transient outcome's reason, when the tries ended on one. */
  transient?: Transient;
}

export type Settled<T> = ({ ok: true; value: T } | { ok: false; error: unknown }) & { tries: Tries };

export interface RetryOptions<T> extends RetryDeps {
  /** Whether an answer that came back is worth another try; by default none is. */
  judge?: (value: T) => Transient | undefined;
  /** Whether an error is worth another try; by default, a transient connection failure. */
  judgeError?: (error: unknown) => Transient | undefined;
  /** Releases an answer given up for another try (a response's body). */
  discard?: (value: T) => Promise<unknown> | unknown;
  /** Told of each retry before its wait, for the job log. */
  onRetry?: (retry: { attempt: number; of: number; delayMs: number; reason: string }) => void;
}

/**
 * Runs `operation` until it gives a final outcome, or a transient one that
 * the policy will not retry: the number of tries, the time budget or a
 * Retry-After beyond the cap stops it. Never throws what the operation threw:
 * the outcome comes back settled, with how the tries went, for the caller to
 * word (an outage is not a wrong input).
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  options: RetryOptions<T> = {},
): Promise<Settled<T>> {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const judgeError = options.judgeError ?? ((error: unknown) => (isTransientError(error) ? { reason: String(error) } : undefined));
  const attempts = Math.max(1, policy.attempts);
  const maxRetryAfterMs = policy.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    let transient: Transient | undefined;
    try {
      outcome = { ok: true, value: await operation(attempt) };
      transient = options.judge?.(outcome.value);
    } catch (error) {
      outcome = { ok: false, error };
      transient = judgeError(error);
    }
    const tries = (stopped?: Tries['stopped']): Tries => ({
      attempts: attempt,
      elapsedMs: now() - started,
      ...(transient && { stopped, transient }),
    });
    if (!transient) return { ...outcome, tries: tries() };
    if (attempt >= attempts) return { ...outcome, tries: tries('attempts') };
    if (transient.retryAfterMs !== undefined && transient.retryAfterMs > maxRetryAfterMs) {
      return { ...outcome, tries: tries('retry-after') };
    }
    const delayMs = transient.retryAfterMs ?? backoffMs(attempt, policy, random);
    if (policy.budgetMs !== undefined && now() - started + delayMs > policy.budgetMs) return { ...outcome, tries: tries('budget') };
    if (outcome.ok) await options.discard?.(outcome.value);
    options.onRetry?.({ attempt: attempt + 1, of: attempts, delayMs, reason: transient.reason });
    await sleep(delayMs);
  }
}

/** The outcome's value, or what the operation threw. */
export function unwrap<T>(settled: Settled<T>): T {
  if (settled.ok) return settled.value;
  throw settled.error;
}

/** A response worth another try: a transient status, with the wait its Retry-After asks for. */
export function transientResponse(response: Response, now: () => number = Date.now): Transient | undefined {
  if (!isTransientStatus(response.status)) return undefined;
  const reason = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const header = response.headers.get('retry-after');
  const retryAfterMs = header ? readRetryAfter(header, now()) : undefined;
  return retryAfterMs === undefined ? { reason } : { reason, retryAfterMs };
}

/** "5 times over 12.4 s", "once": how often and how long a failure went on. */
export function describeTries(tries: Pick<Tries, 'attempts' | 'elapsedMs'>): string {
  const times = tries.attempts === 1 ? 'once' : tries.attempts === 2 ? 'twice' : `${tries.attempts} times`;
  return tries.attempts === 1 ? times : `${times} over ${(tries.elapsedMs / 1000).toFixed(1)} s`;
}

/** Why the tries stopped, when it was not for want of tries: a Retry-After too long, or the time budget spent. */
export function describeStop(tries: Tries): string {
  if (tries.stopped === 'retry-after' && tries.transient?.retryAfterMs !== undefined) {
    return `; it asked to be retried in ${Math.ceil(tries.transient.retryAfterMs / 1000)} s, longer than this step waits`;
  }
  return '';
}
