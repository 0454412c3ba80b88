import { describeError } from '../action/errors.js';
import { namespaceArgs, type Kubectl } from './kubectl.js';
import { describeRef, type KubeObject, type LabelSelector, type ObjectRef } from './objects.js';
import type { ContainerStatus, Pod } from './pods.js';
import type { WorkloadResult } from './wait.js';

/** One thing found wrong, worded so the reader knows what to fix without opening the cluster. */
export interface Finding {
  /** `ImagePullBackOff`, `CrashLoopBackOff`, `Unschedulable`, `ProgressDeadlineExceeded`, … */
  reason: string;
  /** Where: the workload, or `pod NAME container NAME`. */
  subject: string;
  message: string;
  /** The last lines the crashed container printed. */
  logs?: string;
  /** How many more pods show the same thing. */
  alsoIn?: number;
}

export interface Diagnosis {
  ref: ObjectRef;
  findings: Finding[];
  /** Recent Warning events about the workload, its ReplicaSets and its pods, oldest first. */
  events: string[];
}

interface Event {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string };
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
  metadata?: { creationTimestamp?: string };
}

const PULL_FAILURES = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable']);
/** Waiting reasons that only mean "not yet". */
const BENIGN_WAITING = new Set(['ContainerCreating', 'PodInitializing']);
const MAX_EVENTS = 10;
const LOG_LINES = 20;

/** A label selector as `kubectl -l` takes it. */
export function selectorString(selector: LabelSelector | undefined): string {
  if (!selector) return '';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    if (operator === 'In') parts.push(`${key} in (${values.join(',')})`);
    else if (operator === 'NotIn') parts.push(`${key} notin (${values.join(',')})`);
    else if (operator === 'Exists') parts.push(key);
    else if (operator === 'DoesNotExist') parts.push(`!${key}`);
  }
  return parts.join(',');
}

/** Between two crashes a crash-looping container runs for a moment; its restarts and last exit still tell. */
const crashedBefore = (container: ContainerStatus) =>
  !container.ready && (container.restartCount ?? 0) > 0 && (container.lastState?.terminated?.exitCode ?? 0) !== 0;

const when = (event: Event) => event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? event.metadata?.creationTimestamp ?? '';

/**
 * Says why a workload did not roll out: what its pods are stuck on (image
 * pulls, crashes with their last log lines, scheduling), the workload's own
 * failure conditions, and the recent Warning events around it. Never throws:
 * a diagnosis that cannot be made says so.
 */
export async function diagnose(kubectl: Kubectl, result: WorkloadResult): Promise<Diagnosis> {
  const { ref, object } = result;
  const findings = conditionFindings(ref, object);
  const { pods, events } = await podsAndWarnings(kubectl, ref, object, findings);
  const relevant = eventsAbout(ref, pods, events);
  const found = new FindingSet(findings);
  const ns = namespaceArgs(ref.namespace);
  for (const pod of pods) {
    const logs = (container: string, previous: boolean) => lastLogs(kubectl, ns, pod, container, previous);
    await diagnosePod(pod, relevant, found, logs);
  }
  return { ref, findings, events: relevant.slice(-MAX_EVENTS).map(describeEvent) };
}

/** The workload's own failure conditions: a Deployment past its progress deadline, a failed Job. */
function conditionFindings(ref: ObjectRef, object: KubeObject | undefined): Finding[] {
  const findings: Finding[] = [];
  const conditions = object?.status?.conditions ?? [];
  const progress = conditions.find((c) => c.reason === 'ProgressDeadlineExceeded');
  if (progress)
    findings.push({
      reason: 'ProgressDeadlineExceeded',
      subject: describeRef(ref),
      message: progress.message ?? 'the rollout made no progress within progressDeadlineSeconds',
    });
  const jobFailure = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
  if (jobFailure)
    findings.push({ reason: jobFailure.reason ?? 'Failed', subject: describeRef(ref), message: jobFailure.message ?? 'the job failed' });
  return findings;
}

/** The workload's pods and its namespace's Warning events; what cannot be listed becomes a finding. */
async function podsAndWarnings(
  kubectl: Kubectl,
  ref: ObjectRef,
  object: KubeObject | undefined,
  findings: Finding[],
): Promise<{ pods: Pod[]; events: Event[] }> {
  const ns = namespaceArgs(ref.namespace);
  let pods: Pod[] = [];
  const selector = selectorString(object?.spec?.selector);
  if (selector) {
    try {
      pods = (await kubectl.json<{ items: Pod[] }>(['get', 'pods', ...ns, '-l', selector])).items;
    } catch (error) {
      findings.push({
        reason: 'DiagnosisIncomplete',
        subject: describeRef(ref),
        message: `could not list its pods: ${describeError(error)}`,
      });
    }
  }
  let events: Event[] = [];
  try {
    events = (await kubectl.json<{ items: Event[] }>(['get', 'events', ...ns, '--field-selector', 'type=Warning'])).items;
  } catch (error) {
    findings.push({
      reason: 'DiagnosisIncomplete',
      subject: describeRef(ref),
      message: `could not list events: ${describeError(error)}`,
    });
  }
  return { pods, events };
}

/** The Warning events about the workload, its ReplicaSets and its pods, oldest first. */
function eventsAbout(ref: ObjectRef, pods: Pod[], events: Event[]): Event[] {
  const podNames = new Set(pods.map((pod) => pod.metadata.name));
  return events
    .filter((event) => event.type === 'Warning')
    .filter(
      ({ involvedObject: about = {} }) =>
        (about.kind === ref.kind && about.name === ref.name) ||
        (about.kind === 'Pod' && podNames.has(about.name ?? '')) ||
        (about.kind === 'ReplicaSet' && ref.kind === 'Deployment' && about.name?.startsWith(`${ref.name}-`)),
    )
    .sort((a, b) => when(a).localeCompare(when(b)));
}

/** Findings said once each: another pod with the same trouble only counts in `alsoIn`. */
class FindingSet {
  private readonly seen = new Map<string, Finding>();

  constructor(private readonly findings: Finding[]) {}

  async add(key: string, finding: () => Promise<Finding> | Finding): Promise<void> {
    const earlier = this.seen.get(key);
    if (earlier) {
      earlier.alsoIn = (earlier.alsoIn ?? 0) + 1;
      return;
    }
    const made = await finding();
    this.seen.set(key, made);
    this.findings.push(made);
  }
}

type Logs = (container: string, previous: boolean) => Promise<string>;

async function lastLogs(kubectl: Kubectl, ns: string[], pod: Pod, container: string, previous: boolean): Promise<string> {
  const result = await kubectl.tryRun([
    'logs',
    pod.metadata.name,
    ...ns,
    '-c',
    container,
    `--tail=${LOG_LINES}`,
    ...(previous ? ['--previous'] : []),
  ]);
  return result.code === 0 ? result.stdout.trimEnd() || '(no output)' : `(no logs: ${result.stderr.trim().split('\n').pop()})`;
}

/** What keeps one pod from running: not scheduled, or the trouble of each of its containers. */
async function diagnosePod(pod: Pod, relevant: Event[], found: FindingSet, logs: Logs): Promise<void> {
  const podName = pod.metadata.name;
  const unschedulable = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unschedulable) {
    await found.add(`Unschedulable`, () => ({
      reason: unschedulable.reason ?? 'Unschedulable',
      subject: `pod ${podName}`,
      message: unschedulable.message ?? 'not scheduled',
    }));
    return;
  }
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const container of statuses) await diagnoseContainer(podName, container, relevant, found, logs);
}

async function diagnoseContainer(
  podName: string,
  container: ContainerStatus,
  relevant: Event[],
  found: FindingSet,
  logs: Logs,
): Promise<void> {
  const subject = `pod ${podName} container ${container.name}`;
  const waiting = container.state?.waiting;
  const terminated = container.state?.terminated;
  if (waiting?.reason && PULL_FAILURES.has(waiting.reason)) {
    // The waiting message says "Back-off pulling"; the kubelet's event says why the pull failed.
    const pullError = [...relevant]
      .reverse()
      .find((e) => e.involvedObject?.name === podName && /^Failed to pull image/.test(e.message ?? ''));
    await found.add(`${waiting.reason} ${container.name} ${container.image}`, () => ({
      reason: waiting.reason!,
      subject,
      message: `image ${container.image}: ${pullError?.message ?? waiting.message ?? 'cannot be pulled'}`,
    }));
  } else if (waiting?.reason === 'CrashLoopBackOff' || crashedBefore(container)) {
    const last = container.lastState?.terminated;
    await found.add(`CrashLoopBackOff ${container.name}`, async () => ({
      reason: 'CrashLoopBackOff',
      subject,
      message: `restarted ${container.restartCount ?? 0} times${last ? `; last exit code ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}` : ''}`,
      logs: await logs(container.name, true),
    }));
  } else if (waiting?.reason && !BENIGN_WAITING.has(waiting.reason)) {
    await found.add(`${waiting.reason} ${container.name}`, () => ({
      reason: waiting.reason!,
      subject,
      message: waiting.message ?? waiting.reason!,
    }));
  } else if (terminated && terminated.exitCode !== 0) {
    await found.add(`Terminated ${container.name} ${terminated.exitCode}`, async () => ({
      reason: terminated.reason ?? 'Error',
      subject,
      message: `exited with code ${terminated.exitCode}${terminated.message ? `: ${terminated.message}` : ''}`,
      logs: await logs(container.name, false),
    }));
  } else if (container.state?.running && container.ready === false) {
    await found.add(`NotReady ${container.name}`, () => ({
      reason: 'NotReady',
      subject,
      message: 'running but not ready (see the readiness probe events)',
    }));
  }
}

function describeEvent(e: Event): string {
  const repeated = (e.count ?? 1) > 1 ? ` (×${e.count})` : '';
  return `${e.involvedObject?.kind}/${e.involvedObject?.name}: ${e.reason}: ${e.message}${repeated}`;
}
