import type { RunContext } from '../action/context.js';
import { truncate } from '../action/markdown.js';
import { stepEvent, type CloudEvent, type EventKind, type StepLinks, type StepStatus } from './cloudevent.js';

/** What a finished step hands to the notifier. */
export interface StepOutcome {
  action: string;
  status: StepStatus;
  /** The outputs the step set, in the order it set them. */
  outputs: Record<string, string>;
  error?: string;
  /** The step's own inputs, trimmed, by name (only those the mapping needs are read). */
  input: (name: string) => string;
}

const BUILD_OUTPUTS = ['digest', 'image-ref', 'tags', 'skipped'];
const PATCH_OUTPUTS = ['commit', 'changed', 'files', 'diff'];
/** An event stays well under Pub/Sub's 10 MB and a chat service's limits even with a large diff. */
const MAX_OUTPUT = 32_000;

function pick(outputs: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(outputs).filter(([name]) => names.includes(name)));
}

interface Part {
  kind: EventKind;
  status: StepStatus;
  outputs: Record<string, string>;
  error?: string;
  subject: string;
}

/**
 * Which events a step makes: one, except for two cases. `deliver`, which is
 * build-push then patch-manifest, makes one per part it ran: `build` then
 * `patch` on success; on failure, a failed `build` when no image was
 * pushed, otherwise a succeeded `build` and a failed `patch`. A deploy that
 * was rolled back makes a failed `deploy` and a succeeded `rollback`.
 */
function parts(step: StepOutcome): Part[] {
  const { outputs, status, error } = step;
  const one = (kind: EventKind, subject: string): Part[] => [{ kind, status, outputs, error, subject }];
  switch (step.action) {
    case 'build-push':
      return one('build', outputs['image-ref'] || step.input('image'));
    case 'patch-manifest':
      return one('patch', outputs.commit || step.input('branch') || 'candidate');
    case 'deploy-candidate': {
      const subject = outputs.revision || step.input('ref');
      if (outputs.result !== 'rolled-back') return one('deploy', subject);
      // The candidate failed and production was restored: two facts, two events.
      return [
        { kind: 'deploy', status: 'failure', outputs, error: error ?? 'rolled back', subject },
        { kind: 'rollback', status: 'success', outputs, subject },
      ];
    }
    case 'canary-check':
      return one('canary', outputs.decision ? `decision/${outputs.decision}` : '');
    case 'promote-production':
      return one(step.input('reason') === 'rollback' ? 'rollback' : 'promote', outputs.commit || step.input('source'));
    case 'deliver': {
      const built = pick(outputs, BUILD_OUTPUTS);
      const patched = pick(outputs, PATCH_OUTPUTS);
      const build: Part = { kind: 'build', status: 'success', outputs: built, subject: built['image-ref'] || step.input('image') };
      const patch: Part = {
        kind: 'patch',
        status,
        outputs: patched,
        error,
        subject: patched.commit || step.input('branch') || 'candidate',
      };
      if (status === 'success') return [build, patch];
      return built.digest ? [build, patch] : [{ ...build, status, error }];
    }
    default:
      throw new Error(`no event kind for action '${step.action}'`);
  }
}

/** A web link for the env repository when it is `owner/name` or an http(s) URL; otherwise the location as given. */
function envRepositoryLink(spec: string, context: RunContext): string | undefined {
  if (!spec) return undefined;
  if (/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(spec) && !spec.startsWith('.')) return `${context.serverUrl}/${spec}`;
  if (/^https?:\/\//i.test(spec)) {
    try {
      const url = new URL(spec);
      url.username = '';
      url.password = '';
      return url.toString().replace(/\.git\/?$/, '');
    } catch {
      return undefined;
    }
  }
  return spec;
}

function links(step: StepOutcome, outputs: Record<string, string>, context: RunContext): StepLinks {
  const envRepository = envRepositoryLink(step.input('env-repository'), context);
  const revision = outputs.revision || outputs.commit;
  const result: StepLinks = {};
  if (context.runUrl) result.run = context.runUrl;
  if (context.repository && context.sha) result.commit = context.commitUrl(context.repository, context.sha);
  if (envRepository) result.envRepository = envRepository;
  if (revision && /^[0-9a-f]{40}$/.test(revision)) {
    result.revision = envRepository && /^https?:\/\//.test(envRepository) ? `${envRepository}/commit/${revision}` : revision;
  }
  return result;
}

export function stepEvents(step: StepOutcome, context: RunContext, now = new Date()): CloudEvent[] {
  const source =
    context.runUrl || (context.repository ? `${context.serverUrl}/${context.repository}` : `urn:gitops-delivery:${step.action}`);
  return parts(step).map((part) => {
    const outputs = Object.fromEntries(Object.entries(part.outputs).map(([name, value]) => [name, truncate(value, MAX_OUTPUT)]));
    return stepEvent({
      kind: part.kind,
      source,
      subject: part.subject,
      time: now,
      data: {
        action: step.action,
        status: part.status,
        outputs,
        ...(part.error ? { error: part.error } : {}),
        repository: context.repository,
        sha: context.sha,
        ref: context.ref,
        actor: context.actor,
        workflow: context.workflow,
        runId: context.runId,
        runAttempt: context.runAttempt,
        links: links(step, part.outputs, context),
      },
    });
  });
}
