import { InputError } from '../action/errors.js';
import type { Inputs } from '../action/inputs.js';
import { formatDuration, JOB_LIMIT, jobDuration, MAX_JOB_MS, type DurationLimit } from '../kube/duration.js';
import type { MetricConfig } from './metrics.js';
import { checkThresholds, type Decision } from './score.js';

// Only light modules load here: a rejected input must not pay for the YAML
// parser, the judge or @actions/core. The metrics, which need YAML, are read
// by readCanaryMetrics, which loads what it needs when called.

export const PROVIDERS = ['prometheus', 'http', 'google-cloud-monitoring'] as const;
export type ProviderName = (typeof PROVIDERS)[number];
export const DECISIONS: readonly Decision[] = ['pass', 'marginal', 'fail', 'inconclusive'];
/** The judges (judge.ts's JUDGES, repeated here so that reading inputs loads no statistics). */
export const JUDGE_NAMES = ['default', 'kayenta'] as const;

export interface CanaryCheckInputs {
  provider: ProviderName;
  /** Which classifier judges each metric. */
  judge: (typeof JUDGE_NAMES)[number];
  /** The `metrics` input as given (YAML); {@link readCanaryMetrics} reads it. */
  metrics: string;
  /** Prometheus's base URL without credentials; '' for the http provider. */
  prometheusUrl: string;
  /** The Authorization header sent to Prometheus ('Bearer …', or 'Basic …' from credentials in the URL), or ''. */
  prometheusAuthorization: string;
  /** google-cloud-monitoring with no token: the runner's Google credentials authorize each query. */
  googleCredentials: boolean;
  /** What a query's `{{track}}` stands for on each side. */
  canaryTrack: string;
  baselineTrack: string;
  /** What `{{name}}` and `{{namespace}}` stand for. */
  name: string;
  namespace: string;
  /** The k-th analysis covers the k-th interval and is judged at its end; 0 judges at once. */
  intervalMs: number;
  count: number;
  lookbackMs: number;
  stepMs: number;
  confidence: number;
  passScore: number;
  marginalScore: number;
  canaryUrl: string;
  baselineUrl: string;
  paths: string[];
  requests: number;
  concurrency: number;
  requestTimeoutMs: number;
  /** Decisions that fail the step. */
  failOn: Decision[];
  /** Values the log must never show. */
  secrets: string[];
}

const URL_FORM = 'an http or https URL';

/**
 * What a lookback may span: it waits for nothing (the window ends when each
 * interval does), but one longer than a day mostly measures the time before
 * the canary existed.
 */
const LOOKBACK_BOUND: DurationLimit = {
  ms: 24 * 3_600_000,
  beyond: 'a day, most of which would precede the canary',
  atMost: 'at most 24h',
};

function duration(inputs: Inputs, name: string, fallback: string, options: { zero?: boolean; limit?: DurationLimit } = {}): number {
  return jobDuration(inputs.string(name, fallback), name, options);
}

function number(inputs: Inputs, name: string, fallback: number, check: (n: number) => boolean, expected: string): number {
  const text = inputs.raw(name);
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || !check(value)) throw new InputError(name, `'${text}' is out of range or not a number`, expected);
  return value;
}

function integer(inputs: Inputs, name: string, fallback: number, max: number): number {
  return number(inputs, name, fallback, (n) => Number.isInteger(n) && n >= 1 && n <= max, `a whole number from 1 to ${max}`);
}

/** An http(s) URL; credentials in it are split off, since fetch refuses URLs that carry them. */
function httpUrl(inputs: Inputs, name: string, needed: string): { url: string; username: string; password: string } {
  const text = inputs.required(name, `${URL_FORM} (${needed})`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(name, `'${text}' is not a URL`, URL_FORM);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError(name, `'${url.protocol}' URLs are not supported`, URL_FORM);
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return { url: url.href.replace(/\/+$/, ''), username, password };
}

type Targets = Pick<
  CanaryCheckInputs,
  'prometheusUrl' | 'prometheusAuthorization' | 'googleCredentials' | 'canaryUrl' | 'baselineUrl' | 'secrets'
>;

/** Where the prometheus provider asks, and how it authenticates: a token, or credentials in the URL, never both. */
function readPrometheus(inputs: Inputs): Targets {
  const token = inputs.string('prometheus-token');
  const { url, username, password } = httpUrl(
    inputs,
    'prometheus-url',
    'where the Prometheus HTTP API is, e.g. http://prometheus.monitoring:9090',
  );
  const secrets: string[] = [];
  let prometheusAuthorization = '';
  if (username || password) {
    if (token) throw new InputError('prometheus-token', 'is set, and prometheus-url carries credentials too', 'one or the other');
    prometheusAuthorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    secrets.push(password);
  } else if (token) {
    prometheusAuthorization = `Bearer ${token}`;
  }
  secrets.push(token, prometheusAuthorization.replace(/^\w+ /, ''));
  return { prometheusUrl: url, prometheusAuthorization, googleCredentials: false, canaryUrl: '', baselineUrl: '', secrets };
}

/** A Google Cloud project ID: 6 to 30 lowercase letters, digits and hyphens, starting with a letter. */
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/**
 * Cloud Monitoring's Prometheus-compatible API (Google Cloud Managed Service
 * for Prometheus): the project's endpoint, or prometheus-url where the API is
 * reached another way; authorized by prometheus-token when given (an access
 * token), else by the runner's Google credentials.
 */
function readGoogleCloudMonitoring(inputs: Inputs): Targets {
  const project = inputs.string('google-project');
  if (project && !PROJECT_ID.test(project))
    throw new InputError('google-project', `'${project}' is not a project ID`, 'a Google Cloud project ID such as my-project-123');
  if (!project && !inputs.string('prometheus-url'))
    throw new InputError('google-project', 'is empty', 'the Google Cloud project whose metrics are read (or prometheus-url)');
  if (project && inputs.string('prometheus-url'))
    throw new InputError('prometheus-url', 'is set, and google-project too', 'one or the other: google-project names the endpoint');
  const { url, username, password } = project
    ? { url: `https://monitoring.googleapis.com/v1/projects/${project}/location/global/prometheus`, username: '', password: '' }
    : httpUrl(inputs, 'prometheus-url', "Cloud Monitoring's Prometheus API");
  if (username || password)
    throw new InputError(
      'prometheus-url',
      'carries credentials',
      'a URL without credentials: Google credentials or prometheus-token authorize',
    );
  const token = inputs.string('prometheus-token');
  return {
    prometheusUrl: url,
    prometheusAuthorization: token ? `Bearer ${token}` : '',
    googleCredentials: !token,
    canaryUrl: '',
    baselineUrl: '',
    secrets: [token],
  };
}

/** The two URLs the http provider sends its requests to: different, and without credentials. */
function readHttpTargets(inputs: Inputs): Targets {
  const target = (name: string) => {
    const { url, username, password } = httpUrl(inputs, name, 'the http provider sends its requests there');
    if (username || password) throw new InputError(name, 'carries credentials', `${URL_FORM} without user or password`);
    return url;
  };
  const canaryUrl = target('canary-url');
  const baselineUrl = target('baseline-url');
  if (canaryUrl === baselineUrl)
    throw new InputError('baseline-url', `is the same as canary-url (${canaryUrl})`, 'the URL of the baseline, not the canary');
  return { prometheusUrl: '', prometheusAuthorization: '', googleCredentials: false, canaryUrl, baselineUrl, secrets: [] };
}

function readTracks(inputs: Inputs): Pick<CanaryCheckInputs, 'canaryTrack' | 'baselineTrack'> {
  const canaryTrack = inputs.string('canary-track', 'canary');
  const baselineTrack = inputs.string('baseline-track', 'baseline');
  if (canaryTrack === baselineTrack) {
    throw new InputError(
      'baseline-track',
      `is '${baselineTrack}', as canary-track is`,
      'the label value that selects the baseline, not the canary',
    );
  }
  return { canaryTrack, baselineTrack };
}

/** When the analyses run and what each looks back over: all of them within one job, each within what Prometheus answers. */
function readSchedule(inputs: Inputs): Pick<CanaryCheckInputs, 'count' | 'intervalMs' | 'lookbackMs' | 'stepMs'> {
  const count = integer(inputs, 'count', 1, 1000);
  const intervalMs = duration(inputs, 'interval', '5m', { zero: true });
  if (intervalMs === 0 && count > 1) {
    throw new InputError('interval', `is 0 with count ${count}`, 'a positive duration between analyses, or count 1');
  }
  // The analyses wait for their intervals one after another: together they must end within the job.
  if (intervalMs * count > MAX_JOB_MS) {
    throw new InputError(
      'interval',
      `'${inputs.string('interval', '5m')}' times count ${count} is ${formatDuration(intervalMs * count)}, longer than ${JOB_LIMIT}`,
      'an interval and a count whose product is at most 6h',
    );
  }
  const lookbackMs = duration(inputs, 'lookback', '5m', { limit: LOOKBACK_BOUND });
  const stepMs = duration(inputs, 'step', '15s');
  const step = inputs.string('step', '15s');
  if (stepMs > lookbackMs) throw new InputError('step', `'${step}' is longer than lookback`, 'a step no longer than lookback');
  if (lookbackMs / stepMs > 11_000) {
    throw new InputError('step', `'${step}' makes over 11000 points in lookback, more than Prometheus gives`, 'a longer step');
  }
  return { count, intervalMs, lookbackMs, stepMs };
}

/** The decisions that fail the step: 'fail' unless told otherwise, none for 'none'. */
function readFailOn(inputs: Inputs): Decision[] {
  const failOnText = inputs.lines('fail-on', { commas: true });
  const failOn = failOnText.length ? failOnText : ['fail'];
  if (!(failOn.length === 1 && failOn[0] === 'none')) {
    for (const decision of failOn) {
      if (!(DECISIONS as readonly string[]).includes(decision)) {
        throw new InputError(
          'fail-on',
          `'${decision}' is not a decision`,
          `decisions among ${DECISIONS.join(', ')}, comma-separated, or 'none'`,
        );
      }
    }
  }
  return failOn.filter((decision) => decision !== 'none') as Decision[];
}

export function readCanaryCheckInputs(inputs: Inputs): CanaryCheckInputs {
  const provider = inputs.oneOf('provider', PROVIDERS, 'prometheus');
  const targets =
    provider === 'prometheus' ? readPrometheus(inputs) : provider === 'http' ? readHttpTargets(inputs) : readGoogleCloudMonitoring(inputs);
  const judge = inputs.oneOf('judge', JUDGE_NAMES, 'default');
  const tracks = readTracks(inputs);
  const schedule = readSchedule(inputs);
  const passScore = number(inputs, 'pass-score', 95, () => true, 'a number from 0 to 100');
  const marginalScore = number(inputs, 'marginal-score', 75, () => true, 'a number from 0 to 100');
  checkThresholds({ passScore, marginalScore });
  const failOn = readFailOn(inputs);
  const paths = inputs.lines('paths');
  return {
    provider,
    judge,
    metrics: inputs.raw('metrics'),
    prometheusUrl: targets.prometheusUrl,
    prometheusAuthorization: targets.prometheusAuthorization,
    googleCredentials: targets.googleCredentials,
    ...tracks,
    name: inputs.string('name'),
    namespace: inputs.string('namespace'),
    intervalMs: schedule.intervalMs,
    count: schedule.count,
    lookbackMs: schedule.lookbackMs,
    stepMs: schedule.stepMs,
    confidence: number(
      inputs,
      'confidence',
      judge === 'kayenta' ? 0.98 : 0.99,
      (n) => n > 0 && n < 1,
      'a number between 0 and 1, e.g. 0.99',
    ),
    passScore,
    marginalScore,
    canaryUrl: targets.canaryUrl,
    baselineUrl: targets.baselineUrl,
    paths: paths.length ? paths : ['/'],
    requests: integer(inputs, 'requests', 200, 100_000),
    concurrency: integer(inputs, 'concurrency', 4, 256),
    requestTimeoutMs: duration(inputs, 'request-timeout', '10s'),
    failOn,
    secrets: targets.secrets.filter(Boolean),
  };
}

const PLACEHOLDER_INPUTS = ['name', 'namespace'] as const;

/**
 * The metrics to judge, from the `metrics` input or the provider's defaults.
 * A query's `{{name}}` or `{{namespace}}` needs that input set: left empty it
 * would select nothing, and the check would end inconclusive for no reason the
 * log could show.
 */
export async function readCanaryMetrics(settings: CanaryCheckInputs): Promise<MetricConfig[]> {
  const { parseMetrics } = await import('./metrics.js');
  if (settings.provider === 'http') {
    const { checkHttpMetrics, defaultHttpMetrics } = await import('./providers/http.js');
    return settings.metrics ? checkHttpMetrics(parseMetrics(settings.metrics, { requireQuery: false })) : defaultHttpMetrics();
  }
  const metrics = parseMetrics(settings.metrics);
  const seriesless = metrics.find((metric) => !metric.query);
  if (settings.judge === 'kayenta' && seriesless) {
    throw new InputError(
      'metrics',
      `metric '${seriesless.name}' has counters but no 'query', and judge 'kayenta' compares series`,
      "a 'query' for every metric, or judge 'default'",
    );
  }
  for (const input of PLACEHOLDER_INPUTS) {
    const uses = (text: string | undefined) => new RegExp(`\\{\\{\\s*${input}\\s*\\}\\}`).test(text ?? '');
    const user = metrics.find((metric) => uses(metric.query) || uses(metric.counts?.errors) || uses(metric.counts?.total));
    if (user && !settings[input]) {
      const source = settings.metrics ? `metric '${user.name}'` : `the default metric '${user.name}'`;
      throw new InputError(
        input,
        `is empty, and ${source} uses {{${input}}}`,
        input === 'name' ? "the workload's name (its app label)" : "the workload's namespace",
      );
    }
  }
  return metrics;
}
