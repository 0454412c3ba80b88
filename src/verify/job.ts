import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describeError, InputError } from '../action/errors.js';
import type { Logger } from '../action/logger.js';
import { EnvRepo } from '../git/env-repo.js';
import type { GitExec } from '../git/git.js';
import type { Remote } from '../git/remote.js';
import { deleteObjects } from '../kube/apply.js';
import { selectorString } from '../kube/diagnose.js';
import { formatDuration } from '../kube/duration.js';
import { isUnreachable, KubectlError, lastLines, namespaceArgs, type Kubectl } from '../kube/kubectl.js';
import { loadManifests } from '../kube/manifests.js';
import type { KubeObject, ObjectRef } from '../kube/objects.js';
import type { Pod } from '../kube/pods.js';
import { waitForRollouts, type WorkloadResult } from '../kube/wait.js';
import type { CheckResult } from './check.js';

export type JobSource = { manifest: string; remote?: Remote; ref: string; token: string } | { image: string; command?: string[] };

export interface JobSettings {
  source: JobSource;
  /** Where the Job runs when its manifest names no namespace; '' for the kubeconfig context's. */
  namespace: string;
  timeoutMs: number;
  /** Given to every container of the Job, unless it sets the same names itself. */
  env: Record<string, string>;
  revision: string;
}

export interface JobDeps {
  kubectl: Kubectl;
  logger: Logger;
  /** Scratch space for an env-repository checkout. */
  workdir: string;
  /** What a job-manifest path is relative to when it is not read from env-repository. */
  workspace: string;
  gitExec?: GitExec;
  now?: () => number;
  /** Stops the wait; the Job is deleted all the same. */
  signal?: AbortSignal;
  /** The random part of the Job's name. */
  suffix?: () => string;
}

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'gitops-delivery', 'gitops-delivery/check': 'verify' };
/** A safety net should the deletion fail: the cluster removes a finished Job an hour after it ends. */
const TTL_SECONDS = 3600;
const FULL_SHA = /^[0-9a-f]{40}$/;

const randomSuffix = () => [...randomBytes(5)].map((byte) => 'abcdefghijklmnopqrstuvwxyz0123456789'[byte % 36]).join('');

/** The Job to create: read from the manifest, or made from image and command; always under a name of its own. */
export async function buildJob(settings: JobSettings, deps: JobDeps): Promise<KubeObject> {
  const suffix = (deps.suffix ?? randomSuffix)();
  let job: KubeObject;
  if ('image' in settings.source) {
    job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: `verify-${settings.revision.slice(0, 7) || 'job'}` },
      spec: {
        backoffLimit: 0,
        // A safety net should this step die: the check's own timeout comes first and deletes the Job.
        activeDeadlineSeconds: Math.ceil(settings.timeoutMs / 1000) + 60,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [
              { name: 'verify', image: settings.source.image, ...(settings.source.command ? { command: settings.source.command } : {}) },
            ],
          },
        },
      },
    };
  } else {
    job = await readJobManifest(settings.source, settings.namespace, deps);
  }
  const base = job.metadata.name.slice(0, 57).replace(/[-.]+$/, '');
  job.metadata = {
    ...job.metadata,
    name: `${base}-${suffix}`,
    ...(settings.namespace && !job.metadata.namespace ? { namespace: settings.namespace } : {}),
    labels: { ...job.metadata.labels, ...MANAGED_BY },
  };
  delete job.metadata.generateName;
  job.spec = { ...job.spec, ttlSecondsAfterFinished: job.spec?.ttlSecondsAfterFinished ?? TTL_SECONDS };
  const podSpec = (job.spec.template as { spec?: { containers?: { env?: { name: string; value?: string }[] }[] } } | undefined)?.spec;
  for (const container of podSpec?.containers ?? []) {
    const own = new Set((container.env ?? []).map((entry) => entry.name));
    container.env = [
      ...(container.env ?? []),
      ...Object.entries(settings.env)
        .filter(([name]) => !own.has(name))
        .map(([name, value]) => ({ name, value })),
    ];
  }
  return job;
}

async function readJobManifest(source: Extract<JobSource, { manifest: string }>, namespace: string, deps: JobDeps): Promise<KubeObject> {
  let root = deps.workspace;
  if (source.remote && source.ref) {
    const repo = await EnvRepo.open({
      remote: source.remote,
      dir: join(deps.workdir, 'env'),
      token: source.token,
      logger: deps.logger,
      exec: deps.gitExec,
    });
    const sha = FULL_SHA.test(source.ref) ? source.ref : (await repo.tips()).branches.get(source.ref);
    if (!sha)
      throw new InputError(
        'ref',
        `'${source.ref}' is not a branch of ${source.remote.url}`,
        'a branch of env-repository or a full commit SHA',
      );
    try {
      await repo.checkout('verify', await repo.fetch(sha));
    } catch {
      throw new InputError('ref', `commit ${sha} is not in ${source.remote.url}`, 'the full SHA of a commit pushed to env-repository');
    }
    root = repo.dir;
  }
  const manifests = await loadManifests([source.manifest], {
    root,
    namespace,
    kustomize: (dir) => deps.kubectl.run(['kustomize', dir]),
    input: 'job-manifest',
  });
  if (manifests.length !== 1 || manifests[0].ref.group !== 'batch' || manifests[0].ref.kind !== 'Job') {
    const found = manifests.map((m) => `${m.ref.kind} ${m.ref.name}`).join(', ') || 'no object';
    throw new InputError(
      'job-manifest',
      `'${source.manifest}' holds ${found}`,
      'a file (or kustomize folder) with exactly one batch/v1 Job',
    );
  }
  return structuredClone(manifests[0].object);
}

interface Outcome {
  wait?: WorkloadResult;
  pods: Pod[];
  logs: Map<string, string>;
}

/**
 * Runs a Job in the cluster and judges it by how it ends: completed passes;
 * failed, never started (its image cannot be pulled) or not finished within
 * the timeout fails. Its pods' logs are copied into the step log, one group
 * per pod. Whatever happens, the Job is deleted (its pods with it).
 */
export async function runJobCheck(settings: JobSettings, deps: JobDeps): Promise<CheckResult> {
  const { kubectl, logger } = deps;
  const now = deps.now ?? (() => performance.now());
  const started = now();
  const imageInput = 'image' in settings.source ? 'job-image' : 'job-manifest';
  const result = (
    verdict: CheckResult['verdict'],
    name: string,
    figures: Record<string, unknown>,
    shown: string,
    reason?: string,
  ): CheckResult => ({
    kind: 'job',
    name,
    verdict,
    figures: { ...figures, durationMs: Math.round(now() - started) },
    shown,
    reason,
    durationMs: Math.round(now() - started),
  });

  let job: KubeObject;
  try {
    job = await buildJob(settings, deps);
  } catch (error) {
    return result('failed', 'job', {}, 'not created', describeError(error));
  }
  const name = job.metadata.name;

  let created: KubeObject;
  try {
    created = JSON.parse(await kubectl.run(['create', '-f', '-', '-o', 'json'], { input: JSON.stringify(job) })) as KubeObject;
  } catch (error) {
    const stderr = error instanceof KubectlError ? error.stderr : '';
    const reason = isUnreachable(stderr)
      ? `input 'kubeconfig': the cluster cannot be reached: ${lastLines(stderr, 2)}; expected a kubeconfig (and context) of a reachable cluster`
      : /namespaces? "[^"]*" not found/.test(stderr)
        ? `input 'namespace': ${lastLines(stderr, 1).replace(/^Error from server \(NotFound\)[^:]*: /, '')}; expected a namespace that exists`
        : `the Job could not be created: ${stderr ? lastLines(stderr, 4) : describeError(error)}`;
    return result('failed', name, { job: name }, 'not created', reason);
  }
  const ref: ObjectRef = { group: 'batch', kind: 'Job', namespace: created.metadata.namespace ?? settings.namespace, name };
  logger.info(`job ${name}: created in namespace ${ref.namespace}; waiting up to ${formatDuration(settings.timeoutMs)}`);

  let deleted: Promise<boolean> | undefined;
  const remove = () =>
    (deleted ??= deleteObjects(kubectl, [ref]).then(
      () => true,
      (error: unknown) => {
        logger.warning(
          `job ${name}: could not be deleted: ${describeError(error)}; the cluster removes it ${TTL_SECONDS / 3600} h after it ends`,
        );
        return false;
      },
    ));
  const cancel = () => void remove();
  deps.signal?.addEventListener('abort', cancel);

  const outcome: Outcome = { pods: [], logs: new Map() };
  try {
    [outcome.wait] = await waitForRollouts(kubectl, [ref], {
      timeoutMs: settings.timeoutMs,
      logger,
      failFast: true,
      clock: now,
      signal: deps.signal,
    });
    // A cancelled step has seconds before the runner kills it: the Job is deleted first, its logs left.
    if (!deps.signal?.aborted) {
      outcome.pods = await jobPods(kubectl, created, ref.namespace);
      for (const pod of outcome.pods) outcome.logs.set(pod.metadata.name, await copyLogs(kubectl, pod, ref, logger));
    }
  } catch (error) {
    logger.warning(`job ${name}: ${describeError(error)}`);
  } finally {
    deps.signal?.removeEventListener('abort', cancel);
    await remove();
  }
  return judgeJob(name, ref, outcome, await deleted!, settings, imageInput, deps.signal?.aborted ?? false, result);
}

function judgeJob(
  name: string,
  ref: ObjectRef,
  { wait, pods, logs }: Outcome,
  deleted: boolean,
  settings: JobSettings,
  imageInput: string,
  cancelled: boolean,
  result: (verdict: CheckResult['verdict'], name: string, figures: Record<string, unknown>, shown: string, reason?: string) => CheckResult,
): CheckResult {
  const phases = pods.map((pod) => (pod.status as { phase?: string } | undefined)?.phase ?? 'Pending');
  const failedRun = pods
    .flatMap((pod) => (pod.status?.containerStatuses ?? []).map((status) => ({ pod, status })))
    .find(({ status }) => (status.state?.terminated?.exitCode ?? 0) !== 0);
  const exitCode = failedRun?.status.state?.terminated?.exitCode;
  const figures = {
    job: name,
    namespace: ref.namespace,
    pods: pods.length,
    succeeded: phases.filter((phase) => phase === 'Succeeded').length,
    failed: phases.filter((phase) => phase === 'Failed').length,
    ...(exitCode !== undefined ? { exitCode } : {}),
    deleted,
  };
  const took = wait ? formatDuration(wait.durationMs) : '';
  const podCount = `${pods.length} ${pods.length === 1 ? 'pod' : 'pods'}`;
  const jobName = name;
  if (cancelled) return result('failed', jobName, figures, 'cancelled', 'the step was cancelled; the Job was deleted');
  if (!wait) return result('failed', jobName, figures, 'not watched', 'the Job could not be watched');
  if (wait.status === 'succeeded') return result('passed', jobName, figures, `completed in ${took} · ${podCount}`);

  if (wait.status === 'failed' && /cannot be pulled/.test(wait.reason)) {
    return result(
      'failed',
      jobName,
      figures,
      'never started',
      `the Job never started: ${wait.reason.replace(/^job "[^"]*" failed: /, '')}; input '${imageInput}' expected an image the cluster can pull`,
    );
  }
  const waiting = pods
    .flatMap((pod) => (pod.status?.containerStatuses ?? []).map((status) => ({ pod, status })))
    .find(({ status }) => status.state?.waiting?.reason && status.state.waiting.reason !== 'ContainerCreating');
  const waitingText = waiting
    ? `pod ${waiting.pod.metadata.name} container ${waiting.status.name}: ${waiting.status.state!.waiting!.reason}${waiting.status.state!.waiting!.message ? `: ${waiting.status.state!.waiting!.message}` : ''}`
    : '';
  if (wait.status === 'timed-out') {
    const progress = wait.reason.replace(/^not rolled out within [^:]*: /, '');
    return result(
      'failed',
      jobName,
      figures,
      `not finished after ${formatDuration(settings.timeoutMs)} · ${podCount}`,
      `the Job did not finish within ${formatDuration(settings.timeoutMs)} (input 'timeout'): ${waitingText || progress}`,
    );
  }
  // The condition's reason (BackoffLimitExceeded, DeadlineExceeded) says it; its stock message adds nothing.
  const condition = (/^job "[^"]*" failed: (.*)$/.exec(wait.reason)?.[1] ?? wait.reason).replace(/^(\w+): .*$/, '$1');
  let detail = '';
  if (failedRun) {
    const lastLine = (logs.get(failedRun.pod.metadata.name) ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .at(-1);
    detail = `: container ${failedRun.status.name} exited with code ${exitCode}${lastLine ? `, last line: ${JSON.stringify(lastLine.slice(0, 200))}` : ''}`;
  } else if (waitingText) detail = `: ${waitingText}`;
  return result(
    'failed',
    jobName,
    figures,
    `failed after ${took} · ${podCount}${exitCode !== undefined ? ` · exit ${exitCode}` : ''}`,
    `the Job failed (${condition})${detail}`,
  );
}

async function jobPods(kubectl: Kubectl, job: KubeObject, namespace: string): Promise<Pod[]> {
  const selector = selectorString(job.spec?.selector) || `batch.kubernetes.io/job-name=${job.metadata.name}`;
  const { items } = await kubectl.json<{ items: Pod[] }>(['get', 'pods', ...namespaceArgs(namespace), '-l', selector]);
  const created = (pod: Pod) => String(pod.metadata.creationTimestamp ?? '');
  return items.sort((a, b) => created(a).localeCompare(created(b)));
}

/**
 * Copies a pod's logs into the step log, in a group of their own. What the
 * container prints is not ours to trust: workflow commands in it are
 * switched off while it is shown.
 */
async function copyLogs(kubectl: Kubectl, pod: Pod, ref: ObjectRef, logger: Logger): Promise<string> {
  const phase = (pod.status as { phase?: string } | undefined)?.phase ?? 'Pending';
  const got = await kubectl.tryRun(['logs', pod.metadata.name, ...namespaceArgs(ref.namespace), '--all-containers']);
  const text = got.code === 0 ? got.stdout : '';
  await logger.group(`Logs of job ${ref.name}, pod ${pod.metadata.name} (${phase})`, async () => {
    if (got.code !== 0) return logger.info(`(no logs: ${lastLines(got.stderr, 2) || `kubectl exit ${got.code}`})`);
    if (!text.trim()) return logger.info('(no output)');
    const token = randomBytes(12).toString('hex');
    logger.info(`::stop-commands::${token}`);
    for (const line of text.replace(/\n$/, '').split('\n')) logger.info(line);
    logger.info(`::${token}::`);
  });
  return text;
}
