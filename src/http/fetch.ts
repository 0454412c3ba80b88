/** What fetch's failures and answers say, read the same way by every client here. */

// Errors are read by their fields, not with instanceof: fetch's come from
// another realm under some test runners.
interface ErrorFields {
  name?: string;
  message?: string;
  code?: string;
  cause?: ErrorFields;
}

/** Whether fetch gave up because its AbortSignal.timeout ran out. */
export function isTimeout(error: unknown): boolean {
  return (error as ErrorFields | undefined)?.name === 'TimeoutError';
}

/** fetch's own message ("fetch failed") says nothing; its cause has the system's reason. */
export function networkProblem(error: unknown): string {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as ErrorFields;
  return fields.cause?.message || fields.cause?.code || fields.message || String(error);
}

/** The longest wait a Retry-After header is honoured for; a client that would wait longer gives up instead. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** A Retry-After header (delay seconds or an HTTP date) as milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date: `Sun, 01 Nov 2026 12:00:12 GMT`; Date.parse alone would also take `-5` as a year.
  const date = /^[A-Za-z]{3}, /.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface RequestFailureFields extends ErrorFields {
  status?: number;
  request?: { method?: string; url?: string };
  response?: { status?: number; url?: string };
}

/**
 * What an Octokit (or fetch) failure says, with what was asked: `GET
 * https://api.github.com/repos/o/r/pulls: HTTP 404: Not Found` when the
 * server answered, the system's reason (`bad port`, `connect ECONNREFUSED …`,
 * `Invalid URL`) with the URL when it could not be asked.
 */
export function describeRequestFailure(error: unknown): string {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as RequestFailureFields;
  const request = fields.request?.method && fields.request.url ? `${fields.request.method} ${fields.request.url}: ` : '';
  if (fields.response?.status) return `${request}HTTP ${fields.response.status}: ${fields.message || 'no message'}`;
  if (isTimeout(error) || isTimeout(fields.cause)) return `${request}no answer in time`;
  return `${request}${networkProblem(fields.cause ?? error)}`;
}
