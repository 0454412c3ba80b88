import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunContext } from '../action/context.js';
import { InputError } from '../action/errors.js';
import type { Inputs } from '../action/inputs.js';
import { resolveRemote } from '../git/remote.js';
import { isInlineKubeconfig } from '../kube/deploy-inputs.js';
import { jobDuration } from '../kube/duration.js';
import type { CommandSettings } from './command.js';
import type { HttpSettings } from './http.js';
import type { JobSource } from './job.js';
import type { LoadSettings } from './load.js';
import { parseThresholds } from './thresholds.js';
import { readBaseUrl, readUrl } from './urls.js';

// Only light modules load here: a rejected input must not pay for the YAML
// parser, the HTTP client or kubectl. The http-checks YAML is parsed by a
// parser loaded when there is some.

export interface VerifyInputs {
  http?: HttpSettings;
  load?: Omit<LoadSettings, 'thresholds'> & { thresholds: LoadSettings['thresholds'] };
  job?: { source: JobSource };
  command?: Pick<CommandSettings, 'script'>;
  /** The Job's namespace when its manifest names none; '' for the kubeconfig context's. */
  namespace: string;
  /** A kubeconfig path (absolute), or its YAML content; '' for kubectl's own default. */
  kubeconfig: string;
  context: string;
  /** How long the Job, and the command, may run. */
  timeoutMs: number;
  revision: string;
  environment: string;
  previewUrl: string;
  validateOnly: boolean;
  /** Values the log must never show. */
  secrets: string[];
}

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const KINDS_FORM = 'at least one of http-checks, load-url, job-manifest or job-image, command';

/** A positive duration no longer than a job runs, or undefined when the input is empty and has no fallback. */
function duration(inputs: Inputs, name: string, fallback = ''): number | undefined {
  const text = inputs.string(name, fallback);
  return text ? jobDuration(text, name) : undefined;
}

function count(inputs: Inputs, name: string, max: number, { zero = false } = {}): number | undefined {
  const text = inputs.raw(name);
  if (!text) return undefined;
  const value = Number(text);
  const min = zero ? 0 : 1;
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new InputError(name, `'${text}' is not a whole number from ${min} to ${max}`, `a whole number from ${min} to ${max}`);
  return value;
}

/** `0.95` or `95%`. */
function ratio(inputs: Inputs, name: string, fallback: number): number {
  const text = inputs.raw(name);
  if (!text) return fallback;
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  const value = percent ? Number(percent[1]) / 100 : /^\d*\.?\d+$/.test(text) ? Number(text) : NaN;
  if (!(value > 0 && value <= 1))
    throw new InputError(name, `'${text}' is not a ratio`, "a ratio above 0 and at most 1 ('0.95') or a percentage ('95%')");
  return value;
}

/** `[ "npm", "test" ]` runs as it is (exec form); anything else runs with `/bin/sh -c`, as a Dockerfile reads CMD. */
export function parseJobCommand(text: string): string[] | undefined {
  if (!text) return undefined;
  if (!text.startsWith('[')) return ['/bin/sh', '-c', text];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.length || !parsed.every((part) => typeof part === 'string'))
    throw new InputError(
      'job-command',
      `'${text}' is not a list of strings`,
      `a JSON list such as ["npm", "test"], or a shell command line`,
    );
  return parsed as string[];
}

export async function readVerifyInputs(inputs: Inputs, context: RunContext): Promise<VerifyInputs> {
  const secrets: string[] = [];
  const previewUrl = readBaseUrl(inputs.string('preview-url'));

  // http: checks read from YAML, repeated by count or for a duration.
  let http: HttpSettings | undefined;
  const httpText = inputs.raw('http-checks');
  if (httpText) {
    const { parse } = await import('yaml');
    let value: unknown;
    try {
      value = parse(httpText);
    } catch (error) {
      throw new InputError('http-checks', `does not parse as YAML: ${(error as Error).message.split('\n')[0]}`, 'a YAML list of checks');
    }
    const { parseHttpChecks } = await import('./http.js');
    const checks = parseHttpChecks(value, previewUrl);
    if (!checks.length) throw new InputError('http-checks', 'lists no check', 'a YAML list of URLs or of checks with a url');
    secrets.push(
      ...checks.map((check) => check.target.secret),
      ...checks.flatMap((check) => (check.headers.authorization ? [check.headers.authorization] : [])),
    );
    const runs = count(inputs, 'http-count', 100_000);
    const durationMs = duration(inputs, 'http-duration');
    if (runs !== undefined && durationMs !== undefined)
      throw new InputError(
        'http-duration',
        'is set, and http-count too',
        'one of them: a number of rounds, or a duration to repeat the checks for',
      );
    http = {
      checks,
      count: runs ?? 1,
      durationMs,
      intervalMs: duration(inputs, 'http-interval', '1s')!,
      passRatio: ratio(inputs, 'http-pass-ratio', 1),
      retries: count(inputs, 'http-retries', 10, { zero: true }) ?? 2,
    };
  } else {
    for (const name of ['http-count', 'http-duration']) {
      if (inputs.raw(name)) throw new InputError(name, 'is set but http-checks is empty', 'http-checks set, or this input left empty');
    }
  }

  // load: N requests at a concurrency, or a rate for a duration.
  let load: VerifyInputs['load'];
  const loadUrl = inputs.string('load-url');
  if (loadUrl) {
    const target = readUrl(loadUrl, previewUrl, 'load-url');
    secrets.push(target.secret);
    const requests = count(inputs, 'load-requests', 10_000_000);
    const durationMs = duration(inputs, 'load-duration');
    const rateText = inputs.raw('load-rate');
    const rate = rateText ? Number(rateText.replace(/\s*(\/s|rps)$/, '')) : undefined;
    if (rate !== undefined && !(rate > 0 && rate <= 100_000))
      throw new InputError('load-rate', `'${rateText}' is not a rate`, 'requests per second, above 0 and at most 100000');
    if (requests !== undefined && durationMs !== undefined)
      throw new InputError(
        'load-duration',
        'is set, and load-requests too',
        'one of them: a number of requests, or a duration (with load-rate, or as fast as load-concurrency allows)',
      );
    if (rate !== undefined && requests === undefined && durationMs === undefined)
      throw new InputError(
        'load-rate',
        'is set without load-duration or load-requests',
        'load-duration (or load-requests) set too, to say when the test ends',
      );
    const method = inputs.string('load-method', 'GET').toUpperCase();
    if (!/^[A-Z]+$/.test(method)) throw new InputError('load-method', `'${method}' is not an HTTP method`, 'GET, HEAD, POST, …');
    load = {
      target,
      method,
      requests: requests ?? (durationMs === undefined ? 100 : undefined),
      durationMs,
      ratePerSecond: rate,
      concurrency: count(inputs, 'load-concurrency', 1000) ?? 10,
      timeoutMs: duration(inputs, 'load-timeout', '10s')!,
      thresholds: parseThresholds(inputs.lines('load-thresholds')),
    };
  }

  // job: from a manifest (in the workspace or the env repository at ref), or an image and a command.
  let job: VerifyInputs['job'];
  const manifest = inputs.string('job-manifest');
  const image = inputs.string('job-image');
  const jobCommand = inputs.raw('job-command');
  if (manifest && image)
    throw new InputError('job-image', 'is set, and job-manifest too', 'one of them: a Job manifest, or an image (and job-command) to run');
  if (jobCommand && !image)
    throw new InputError('job-command', 'is set without job-image', 'job-image set too (a manifest says its own command)');
  const repository = inputs.string('env-repository');
  const ref = inputs.string('ref');
  if (ref && !repository)
    throw new InputError('ref', `is '${ref}' but env-repository is empty`, 'env-repository set too, to say where the revision lives');
  if (manifest) {
    const remote = repository && ref ? resolveRemote(repository, context) : undefined;
    if (remote && (manifest.startsWith('/') || manifest.split(/[\\/]/).includes('..')))
      throw new InputError('job-manifest', `'${manifest}' points outside the repository`, "a path relative to the env repository's root");
    const token = inputs.string('token');
    secrets.push(token);
    job = { source: { manifest, remote, ref: remote ? ref : '', token } };
  } else if (image) {
    if (/\s/.test(image))
      throw new InputError(
        'job-image',
        `'${image}' is not an image reference`,
        'an image reference such as ghcr.io/acme/tests:1.2 or one pinned by digest',
      );
    job = { source: { image, command: parseJobCommand(jobCommand) } };
  }

  const namespace = inputs.string('namespace');
  if (namespace && (namespace.length > 63 || !NAMESPACE.test(namespace))) {
    throw new InputError(
      'namespace',
      `'${namespace}' is not a valid namespace name`,
      'at most 63 lower-case letters, digits and dashes, starting and ending with a letter or digit',
    );
  }
  const given = inputs.string('kubeconfig');
  const isPath = given !== '' && !isInlineKubeconfig(given);
  const kubeconfig = isPath ? resolve(context.workspace, given) : given;
  if (job && isPath && !existsSync(kubeconfig))
    throw new InputError('kubeconfig', `'${given}' does not exist`, 'the path of a kubeconfig file, or its YAML content');

  const script = inputs.raw('command');
  const command = script ? { script } : undefined;

  if (!http && !load && !job && !command) throw new InputError('http-checks', 'no check is asked for', KINDS_FORM);

  return {
    http,
    load,
    job,
    command,
    namespace,
    kubeconfig,
    context: inputs.string('context'),
    timeoutMs: duration(inputs, 'timeout', '5m')!,
    revision: inputs.string('revision') || context.sha,
    environment: inputs.string('environment'),
    previewUrl,
    validateOnly: inputs.boolean('validate-only', false),
    secrets: secrets.filter(Boolean),
  };
}
