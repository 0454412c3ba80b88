import { randomUUID } from 'node:crypto';

/**
 * Events follow CloudEvents 1.0. The type is
 * `dev.gitops-delivery.<kind>.<succeeded|failed>`: reverse-DNS of the project,
 * then what happened, then how it ended, so a subscriber can filter on a
 * prefix (`dev.gitops-delivery.deploy.`) or on an outcome (`.failed`).
 */
export const EVENT_TYPE_PREFIX = 'dev.gitops-delivery';

export const EVENT_KINDS = ['build', 'patch', 'deploy', 'canary', 'promote', 'rollback'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export type StepStatus = 'success' | 'failure';

export function eventType(kind: EventKind, status: StepStatus): string {
  return `${EVENT_TYPE_PREFIX}.${kind}.${status === 'success' ? 'succeeded' : 'failed'}`;
}

export interface StepEventData {
  /** The action that ran: build-push, patch-manifest, deploy-candidate, canary-check, promote-production or deliver. */
  action: string;
  status: StepStatus;
  /** The step's outputs, as written to GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** The step's error, on failure. */
  error?: string;
  /** The app repository and commit the workflow ran for. */
  repository: string;
  sha: string;
  ref: string;
  actor: string;
  workflow: string;
  runId: string;
  runAttempt: string;
  links: StepLinks;
}

export interface StepLinks {
  /** The workflow run. */
  run?: string;
  /** The app commit the workflow ran for. */
  commit?: string;
  /** The env repository, as a web link when it is on a web host, else as given. */
  envRepository?: string;
  /** The env-repository commit the step produced or deployed. */
  revision?: string;
}

export interface CloudEvent<T = StepEventData> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject?: string;
  time: string;
  datacontenttype: 'application/json';
  data: T;
}

export interface StepEventInput {
  kind: EventKind;
  data: StepEventData;
  /** What the event is about (an image reference, an env-repository commit); omitted when empty. */
  subject?: string;
  /** A URI-reference naming the producer: the workflow run, else the repository. */
  source: string;
  id?: string;
  time?: Date;
}

export function stepEvent(input: StepEventInput): CloudEvent {
  return {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: input.source,
    type: eventType(input.kind, input.data.status),
    ...(input.subject ? { subject: input.subject } : {}),
    time: (input.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    data: input.data,
  };
}

const LABEL: Record<EventKind, string> = {
  build: 'build',
  patch: 'patch of the env repository',
  deploy: 'deploy',
  canary: 'canary check',
  promote: 'promotion to production',
  rollback: 'rollback',
};

/** Slack's link syntax; `<`, `>` and `&` are the only characters it wants escaped. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackLink(text: string, url: string | undefined): string {
  return url && /^https?:\/\//.test(url) ? `<${url}|${slackEscape(text)}>` : slackEscape(text);
}

/**
 * One readable line (Slack mrkdwn) for chat webhooks, e.g.
 * `:white_check_mark: deploy succeeded: acme/app@5f3a9c1 (revision 1a2b3c4), run 4242`.
 */
export function eventText(event: CloudEvent): string {
  const { data } = event;
  const kind = event.type.slice(EVENT_TYPE_PREFIX.length + 1).split('.')[0] as EventKind;
  const ok = data.status === 'success';
  const parts = [
    `${ok ? ':white_check_mark:' : ':x:'} ${LABEL[kind] ?? kind} ${ok ? 'succeeded' : 'failed'} (${slackEscape(data.action)})`,
  ];
  if (data.repository) {
    const at = data.sha ? `@${data.sha.slice(0, 7)}` : '';
    parts.push(`for ${slackLink(`${data.repository}${at}`, data.links.commit)}`);
  }
  const revision = data.outputs.revision || data.outputs.commit;
  if (revision) parts.push(`env revision ${slackLink(revision.slice(0, 7), data.links.revision)}`);
  if (data.outputs['image-ref']) parts.push(`image ${slackEscape(data.outputs['image-ref'])}`);
  if (data.outputs.decision) parts.push(`decision ${slackEscape(data.outputs.decision)}`);
  if (data.outputs.result && data.outputs.result !== 'succeeded') parts.push(`result ${slackEscape(data.outputs.result)}`);
  if (data.links.run) parts.push(slackLink(`run ${data.runId}`, data.links.run));
  let text = parts.join(', ');
  if (data.error) text += `\n> ${slackEscape(data.error.split('\n')[0].slice(0, 500))}`;
  return text;
}
