import { InputError } from '../action/errors.js';
import { isTimeout, networkProblem } from '../http/fetch.js';
import { parseDuration } from '../kube/duration.js';
import { formatTally, percentile, tally, type CheckResult } from './check.js';
import { formatMs, formatPercent } from './thresholds.js';
import { readUrl, resolutionHint, type Target } from './urls.js';

const INPUT = 'http-checks';

/** Expected statuses: inclusive ranges, and the text they were read from. */
export interface StatusSpec {
  ranges: [number, number][];
  text: string;
}

export interface JsonMatch {
  path: string;
  segments: (string | number)[];
  equals?: unknown;
  matches?: RegExp;
  exists?: boolean;
}

export interface HttpCheck {
  /** 1-based position in http-checks, for messages. */
  index: number;
  name: string;
  target: Target;
  method: string;
  headers: Record<string, string>;
  body?: string;
  status: StatusSpec;
  bodyRegex?: RegExp;
  json: JsonMatch[];
  maxLatencyMs?: number;
  timeoutMs: number;
}

export interface HttpSettings {
  checks: HttpCheck[];
  /** Rounds: every check is sent once per round. */
  count: number;
  /** When set, rounds go on until this much time has passed (at least one round), instead of `count`. */
  durationMs?: number;
  /** Between the starts of consecutive rounds. */
  intervalMs: number;
  /** The share of a check's attempts that must pass, 0 to 1. */
  passRatio: number;
  /** Further tries of an attempt that could not connect; nothing else is retried. */
  retries: number;
}

export const HTTP_CHECK_FORM =
  'a YAML list of URLs, or of mappings with url and optionally name, method, headers, body, status (200, 2xx, 200-299 or a list), body-regex, json ({path, equals | matches | exists}, or a list of them), max-latency, timeout';
const KEYS = ['url', 'name', 'method', 'headers', 'body', 'status', 'body-regex', 'json', 'max-latency', 'timeout'];
const STATUS_FORM = "a status code (200), a class (2xx), a range (200-299), or a list of those ('200, 204' or [200, 204])";
const DEFAULT_TIMEOUT_MS = 10_000;

/** Reads the parsed `http-checks` YAML into checks; every problem names the check and the form expected. */
export function parseHttpChecks(value: unknown, base: string): HttpCheck[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, i) => parseHttpCheck(item, i + 1, base));
}

function parseHttpCheck(item: unknown, index: number, base: string): HttpCheck {
  const label = `check ${index}`;
  const spec = typeof item === 'string' ? { url: item } : item;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec))
    throw new InputError(INPUT, `${label} is not a URL or a mapping`, HTTP_CHECK_FORM);
  const fields = spec as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!KEYS.includes(key)) throw new InputError(INPUT, `${label} has an unknown key '${key}'`, `keys among ${KEYS.join(', ')}`);
  }
  if (typeof fields.url !== 'string') throw new InputError(INPUT, `${label} has no url`, HTTP_CHECK_FORM);
  const where = `${label} (${fields.url})`;
  const text = (key: string): string | undefined => {
    const found = fields[key];
    if (found === undefined || found === null) return undefined;
    if (typeof found === 'object') throw new InputError(INPUT, `${where}: '${key}' is not a single value`, `a string for ${key}`);
    return String(found);
  };
  const duration = (key: string): number | undefined => {
    const written = text(key);
    if (written === undefined) return undefined;
    const ms = /^\d+(\.\d+)?$/.test(written) ? Number(written) : parseDuration(written);
    if (ms === undefined || ms <= 0)
      throw new InputError(INPUT, `${where}: ${key} '${written}' is not a duration`, "a duration such as '500ms' or '2s'");
    return ms;
  };
  const regex = (key: string, source: string): RegExp => {
    try {
      return new RegExp(source);
    } catch (error) {
      throw new InputError(
        INPUT,
        `${where}: ${key} '${source}' is not a regular expression (${(error as Error).message})`,
        'a JavaScript regular expression',
      );
    }
  };

  const target = readUrl(fields.url, base, INPUT, label);
  const method = (text('method') ?? 'GET').toUpperCase();
  if (!/^[A-Z]+$/.test(method))
    throw new InputError(INPUT, `${where}: method '${method}' is not an HTTP method`, 'GET, HEAD, POST, PUT, …');
  const headers: Record<string, string> = {};
  if (fields.headers !== undefined) {
    if (!fields.headers || typeof fields.headers !== 'object' || Array.isArray(fields.headers))
      throw new InputError(INPUT, `${where}: headers is not a mapping`, 'a mapping of header names to values');
    for (const [name, headerValue] of Object.entries(fields.headers)) headers[name.toLowerCase()] = String(headerValue);
  }
  let body: string | undefined;
  if (fields.body !== undefined && fields.body !== null) {
    body = typeof fields.body === 'object' ? JSON.stringify(fields.body) : String(fields.body);
    if (typeof fields.body === 'object') headers['content-type'] ??= 'application/json';
  }
  const bodyRegexText = text('body-regex');
  const jsonSpecs = fields.json === undefined || fields.json === null ? [] : Array.isArray(fields.json) ? fields.json : [fields.json];
  return {
    index,
    name: typeof fields.name === 'string' && fields.name ? fields.name : `${method} ${target.shown}`,
    target,
    method,
    headers,
    body,
    status: parseStatus(fields.status, where),
    bodyRegex: bodyRegexText === undefined ? undefined : regex('body-regex', bodyRegexText),
    json: jsonSpecs.map((json) => parseJsonMatch(json, where, regex)),
    maxLatencyMs: duration('max-latency'),
    timeoutMs: duration('timeout') ?? DEFAULT_TIMEOUT_MS,
  };
}

/** `200`, `2xx`, `200-299`, `'200, 204'` or a YAML list of those; empty means 2xx. */
export function parseStatus(value: unknown, where = 'status'): StatusSpec {
  if (value === undefined || value === null || value === '') return { ranges: [[200, 299]], text: '2xx' };
  const parts = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const ranges = parts.map((part): [number, number] => {
    const text = part.trim().toLowerCase();
    let match: RegExpExecArray | null;
    if ((match = /^([1-5])xx$/.exec(text))) return [Number(match[1]) * 100, Number(match[1]) * 100 + 99];
    if ((match = /^(\d{3})\s*-\s*(\d{3})$/.exec(text)) && Number(match[1]) <= Number(match[2])) return [Number(match[1]), Number(match[2])];
    if (/^\d{3}$/.test(text)) return [Number(text), Number(text)];
    throw new InputError(INPUT, `${where}: status '${part.trim()}' is not a status`, STATUS_FORM);
  });
  for (const [low, high] of ranges) {
    if (low < 100 || high > 599) throw new InputError(INPUT, `${where}: status '${String(value)}' is outside 100-599`, STATUS_FORM);
  }
  return { ranges, text: parts.map((part) => part.trim()).join(', ') };
}

export function statusMatches(spec: StatusSpec, status: number): boolean {
  return spec.ranges.some(([low, high]) => status >= low && status <= high);
}

const JSON_FORM = '{path: a.b[0].c, equals: VALUE} or {path, matches: REGEX} or {path, exists: true|false}';

function parseJsonMatch(value: unknown, where: string, regex: (key: string, source: string) => RegExp): JsonMatch {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new InputError(INPUT, `${where}: json is not a mapping`, JSON_FORM);
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!['path', 'equals', 'matches', 'exists'].includes(key))
      throw new InputError(INPUT, `${where}: json has an unknown key '${key}'`, JSON_FORM);
  }
  if (typeof fields.path !== 'string' || !fields.path) throw new InputError(INPUT, `${where}: json has no path`, JSON_FORM);
  const tests = ['equals', 'matches', 'exists'].filter((key) => key in fields);
  if (tests.length !== 1)
    throw new InputError(INPUT, `${where}: json path '${fields.path}' needs exactly one of equals, matches, exists`, JSON_FORM);
  if ('exists' in fields && typeof fields.exists !== 'boolean')
    throw new InputError(INPUT, `${where}: json path '${fields.path}': exists is not true or false`, JSON_FORM);
  return {
    path: fields.path,
    segments: jsonPath(fields.path, where),
    ...('equals' in fields ? { equals: fields.equals } : {}),
    matches: 'matches' in fields ? regex('json matches', String(fields.matches)) : undefined,
    exists: fields.exists as boolean | undefined,
  };
}

/** `items[0].status` or `items.0.status` into keys and indexes. */
export function jsonPath(path: string, where = 'json'): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of path.replace(/^\$\.?/, '').split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match || (!match[1] && !match[2]))
      throw new InputError(
        INPUT,
        `${where}: json path '${path}' is not a path`,
        'keys separated by dots, with [N] for list items, e.g. data.items[0].status',
      );
    if (match[1]) segments.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

function lookup(value: unknown, segments: readonly (string | number)[]): { found: boolean; value?: unknown } {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return { found: false };
    current = (current as Record<string | number, unknown>)[segment];
  }
  return { found: true, value: current };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b;
  if (typeof a === 'boolean' && typeof b === 'string') return String(a) === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

const quote = (value: unknown) =>
  typeof value === 'string' ? `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"` : JSON.stringify(value);

/** What is wrong with an answer, or undefined when it satisfies the check. Latency is judged by the caller. */
export function judgeAnswer(check: HttpCheck, status: number, body: string, location?: string | null): string | undefined {
  if (!statusMatches(check.status, status)) {
    return `status ${status}${location ? ` (to ${location})` : ''}, expected ${check.status.text}`;
  }
  if (check.bodyRegex && !check.bodyRegex.test(body)) return `body does not match /${check.bodyRegex.source}/`;
  if (check.json.length) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return 'body is not JSON';
    }
    for (const match of check.json) {
      const { found, value } = lookup(parsed, match.segments);
      if (match.exists !== undefined) {
        if (found !== match.exists)
          return `json ${match.path} ${found ? 'exists' : 'is missing'}, expected ${match.exists ? 'present' : 'absent'}`;
      } else if (!found) return `json ${match.path} is missing`;
      else if (match.matches && !match.matches.test(typeof value === 'string' ? value : JSON.stringify(value)))
        return `json ${match.path} is ${quote(value)}, expected to match /${match.matches.source}/`;
      else if ('equals' in match && !sameValue(value, match.equals))
        return `json ${match.path} is ${quote(value)}, expected ${quote(match.equals)}`;
    }
  }
  return undefined;
}

/** Error codes of a connection that could not be made or was cut: the only failures worth another try. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

export function isConnectionError(error: unknown): boolean {
  const fields = error as { code?: string; cause?: { code?: string; errors?: { code?: string }[] } } | undefined;
  const codes = [fields?.code, fields?.cause?.code, ...(fields?.cause?.errors ?? []).map((e) => e.code)];
  return codes.some((code) => code !== undefined && CONNECTION_CODES.has(code));
}

export interface Attempt {
  passed: boolean;
  status?: number;
  latencyMs?: number;
  failure?: string;
  /** No connection could be made, however many tries. */
  unreachable?: boolean;
  tries: number;
}

export interface HttpDeps {
  fetch?: typeof fetch;
  /** Monotonic milliseconds. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Sends one attempt of a check: tries again only when no connection could be made. */
export async function sendAttempt(check: HttpCheck, retries: number, deps: HttpDeps = {}): Promise<Attempt> {
  const { fetch: fetchImpl = fetch, now = () => performance.now(), sleep = realSleep } = deps;
  const headers: Record<string, string> = { 'user-agent': 'gitops-delivery verify', ...check.headers };
  if (check.target.authorization) headers.authorization ??= check.target.authorization;
  for (let tries = 1; ; tries++) {
    const started = now();
    try {
      const response = await fetchImpl(check.target.url, {
        method: check.method,
        headers,
        body: check.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(check.timeoutMs),
      });
      const body = await response.text();
      const latencyMs = now() - started;
      let failure = judgeAnswer(check, response.status, body, response.headers.get('location'));
      if (!failure && check.maxLatencyMs !== undefined && latencyMs > check.maxLatencyMs)
        failure = `latency ${formatMs(latencyMs)} over ${formatMs(check.maxLatencyMs)}`;
      return { passed: !failure, status: response.status, latencyMs, failure, tries };
    } catch (error) {
      if (isTimeout(error)) return { passed: false, failure: `no answer within ${formatMs(check.timeoutMs)}`, tries };
      if (!isConnectionError(error)) return { passed: false, failure: networkProblem(error), tries };
      if (tries > retries || deps.signal?.aborted) return { passed: false, failure: networkProblem(error), unreachable: true, tries };
      await sleep(250 * 2 ** (tries - 1));
    }
  }
}

/**
 * Runs every check `count` times (or for `durationMs`), a round every
 * `intervalMs`, the checks of a round at once, and judges each check by the
 * share of its attempts that passed.
 */
export async function runHttpChecks(settings: HttpSettings, deps: HttpDeps = {}): Promise<CheckResult[]> {
  const { now = () => performance.now(), sleep = realSleep } = deps;
  const started = now();
  const attempts: Attempt[][] = settings.checks.map(() => []);
  for (let round = 0; ; round++) {
    const due = started + round * settings.intervalMs;
    if (round > 0) {
      if (settings.durationMs !== undefined ? due - started >= settings.durationMs : round >= settings.count) break;
      if (deps.signal?.aborted) break;
      await sleep(due - now());
    }
    const results = await Promise.all(settings.checks.map((check) => sendAttempt(check, settings.retries, deps)));
    results.forEach((result, i) => attempts[i].push(result));
  }
  const durationMs = now() - started;
  return settings.checks.map((check, i) => judgeCheck(check, attempts[i], settings, durationMs));
}

export function judgeCheck(
  check: HttpCheck,
  attempts: Attempt[],
  settings: Pick<HttpSettings, 'passRatio' | 'retries'>,
  durationMs: number,
): CheckResult {
  const passed = attempts.filter((attempt) => attempt.passed).length;
  const ratio = attempts.length ? passed / attempts.length : 0;
  const ok = attempts.length > 0 && ratio >= settings.passRatio - 1e-9;
  const statuses = tally(attempts.map((attempt) => (attempt.status === undefined ? 'no answer' : String(attempt.status))));
  const latencies = attempts
    .map((attempt) => attempt.latencyMs)
    .filter((latency): latency is number => latency !== undefined)
    .sort((a, b) => a - b);
  const failures = tally(attempts.filter((attempt) => attempt.failure).map((attempt) => attempt.failure!));
  const latency = latencies.length
    ? { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(latencies[latencies.length - 1]) }
    : undefined;

  const shown = [
    attempts.length === 1
      ? ''
      : `${passed}/${attempts.length} passed${settings.passRatio < 1 ? ` (${formatPercent(ratio)}, needs ${formatPercent(settings.passRatio)})` : ''}`,
    formatTally(statuses, true),
    latency
      ? latencies.length === 1
        ? formatMs(latency.max)
        : `p50 ${formatMs(latency.p50)}, p95 ${formatMs(latency.p95)}, max ${formatMs(latency.max)}`
      : '',
  ].filter(Boolean);

  let reason: string | undefined;
  if (!ok) {
    const unreachable = attempts.length > 0 && attempts.every((attempt) => attempt.unreachable);
    if (unreachable) {
      const tries = settings.retries + 1;
      reason = `input '${INPUT}' check ${check.index}: ${check.target.shown} is unreachable: ${failures[0][0]} (${tries} ${tries === 1 ? 'try' : 'tries'}${attempts.length > 1 ? ' each' : ''})${resolutionHint(check.target.url, failures[0][0])}; expected a URL this runner can reach`;
    } else {
      const of = attempts.length > 1;
      reason = failures.map(([failure, count]) => (of ? `${failure} (${count} of ${attempts.length})` : failure)).join('; ');
    }
  }
  return {
    kind: 'http',
    name: check.name,
    verdict: ok ? 'passed' : 'failed',
    figures: {
      url: check.target.shown,
      method: check.method,
      attempts: attempts.length,
      passed,
      passRatio: round(ratio, 4),
      requiredPassRatio: settings.passRatio,
      statuses: Object.fromEntries(statuses),
      ...(latency ? { latencyMs: latency } : {}),
      ...(failures.length ? { failures: Object.fromEntries(failures) } : {}),
    },
    shown: shown.join(' · '),
    reason,
    durationMs: Math.round(durationMs),
  };
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
