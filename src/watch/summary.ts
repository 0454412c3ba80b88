import type { RunContext } from '../action/context.js';
import { details, fenced, link, table, truncate } from '../action/markdown.js';
import type { WatchInputs } from './inputs.js';
import type { ImagePullRequest } from './pull-request.js';
import type { ImageCheck, WatchResult } from './watch.js';

const RESULT: Record<ImageCheck['outcome'], string> = {
  moved: 'moved',
  overtaken: 'kept: the branch moved during the run to a version at least as new',
  current: 'up to date',
  'downgrade-refused': 'kept: the newest allowed is older',
  'no-match': 'kept: no tag fits the policy',
  'not-deployed': 'skipped: no manifest references it',
};

function code(text: string | undefined): string {
  return text ? `\`${text}\`` : '—';
}

/** The step's outputs. */
export function watchOutputs(result: WatchResult, pulls: ImagePullRequest[]): Record<string, string | boolean> {
  return {
    changed: result.changed,
    commit: result.writes
      .map((write) => write.commit)
      .filter(Boolean)
      .join('\n'),
    updates: JSON.stringify(result.updates),
    'pull-request': pulls.map((pull) => pull.url).join('\n'),
    'pull-requests': JSON.stringify(pulls),
  };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** One line for the log and the summary's head. */
export function watchHeadline(inputs: WatchInputs, result: WatchResult, pulls: ImagePullRequest[]): string {
  const repository = inputs.remote.slug ?? inputs.remote.url;
  const moved = result.updates.length;
  const images = plural(moved, 'image');
  const overtaken = result.checks.filter((check) => check.outcome === 'overtaken').length;
  if (!moved) {
    const why = overtaken
      ? `\`${inputs.branch}\` moved during the run to versions at least as new for ${plural(overtaken, 'image')}`
      : 'nothing to move';
    return `Checked ${plural(result.checks.length, 'image')}: ${why}, no commit.`;
  }
  const branches = result.writes.filter((write) => write.updates.length).map((write) => `\`${write.branch}\``);
  const where = `${branches.join(', ')} of ${repository}`;
  if (inputs.dryRun) return `Dry run: ${images} would move; nothing pushed to ${where}.`;
  if (inputs.mode === 'pull-request' && inputs.pullRequestPer === 'image') {
    const opened = pulls.filter((pull) => pull.created).length;
    const links = pulls.map((pull) => link(`#${pull.number}`, pull.url)).join(', ');
    return `${images} moved in ${plural(pulls.length, 'pull request')} into \`${inputs.branch}\` (${opened} opened, ${pulls.length - opened} updated): ${links}.`;
  }
  const pull = pulls.length
    ? `; ${link('pull request', pulls[0].url)} into \`${inputs.branch}\` ${pulls[0].created ? 'opened' : 'updated'}`
    : '';
  const [write] = result.writes;
  if (!result.changed) return `${where} already holds the ${images} found: no new commit${pull}.`;
  return `Committed ${write.commit.slice(0, 7)} moving ${images} to ${where}${pull}.`;
}

/**
 * The job summary: one row per image, each fact once — the policy, what the
 * manifests hold, what the registry offers, and what was done.
 */
export function watchSummary(inputs: WatchInputs, result: WatchResult, context: RunContext, pulls: ImagePullRequest[]): string {
  const commit = result.writes[0]?.commit ?? '';
  const commitUrl =
    result.changed && inputs.remote.slug && inputs.remote.url.startsWith(context.serverUrl)
      ? context.commitUrl(inputs.remote.slug, commit)
      : undefined;
  const headline = watchHeadline(inputs, result, pulls).replace(commit.slice(0, 7) || '\0', link(commit.slice(0, 7), commitUrl));
  const rows = result.checks.map((check) => [
    code(check.image),
    check.policy,
    check.froms.length > 1 ? check.froms.map(code).join(', ') : code(check.from),
    check.outcome === 'moved' ? `${code(check.newest)} ${code(check.digest)}` : code(check.newest),
    `${check.candidates} of ${check.tags}`,
    `${RESULT[check.outcome]}${check.overtakenBy ? `: \`${check.overtakenBy}\`` : ''}${check.vanished ? `; \`${check.vanished}\` is no longer in the registry` : ''}`,
  ]);
  const lines = [
    '### watch-images',
    '',
    headline,
    '',
    `Read from \`${result.readFrom.branch}\` at ${result.readFrom.commit.slice(0, 7)}.`,
    '',
    table(['image', 'policy', 'in the manifests', 'newest allowed', 'tags fitting', 'result'], rows),
    '',
  ];
  if (result.diff) lines.push(details('The change', fenced('diff', truncate(result.diff, 60_000))), '');
  return lines.join('\n');
}
