import type { RunContext } from '../action/context.js';
import { details, fenced, link, table, truncate } from '../action/markdown.js';
import type { WatchInputs } from './inputs.js';
import type { ImageCheck, WatchResult } from './watch.js';

const RESULT: Record<ImageCheck['outcome'], string> = {
  moved: 'moved',
  current: 'up to date',
  'downgrade-refused': 'kept: the newest allowed is older',
  'no-match': 'kept: no tag fits the policy',
  'not-deployed': 'skipped: no manifest references it',
};

function code(text: string | undefined): string {
  return text ? `\`${text}\`` : '—';
}

/** The step's outputs. */
export function watchOutputs(result: WatchResult, pullRequest: string): Record<string, string | boolean> {
  return { changed: result.changed, commit: result.commit, updates: JSON.stringify(result.updates), 'pull-request': pullRequest };
}

/** One line for the log and the summary's head. */
export function watchHeadline(inputs: WatchInputs, result: WatchResult, pullRequest: string): string {
  const where = `\`${result.wroteTo ?? inputs.branch}\` of ${inputs.remote.slug ?? inputs.remote.url}`;
  const moved = result.updates.length;
  const images = `${moved} image${moved === 1 ? '' : 's'}`;
  if (!moved) return `Checked ${result.checks.length} image${result.checks.length === 1 ? '' : 's'}: nothing to move, no commit.`;
  if (inputs.dryRun) return `Dry run: ${images} would move; nothing pushed to ${where}.`;
  const pull = pullRequest ? `; ${link('pull request', pullRequest)} into \`${inputs.branch}\`` : '';
  if (!result.changed) return `${where} already holds the ${images} found: no new commit${pull}.`;
  return `Committed ${result.commit.slice(0, 7)} moving ${images} to ${where}${pull}.`;
}

/**
 * The job summary: one row per image, each fact once — the policy, what the
 * manifests hold, what the registry offers, and what was done.
 */
export function watchSummary(inputs: WatchInputs, result: WatchResult, context: RunContext, pullRequest: string): string {
  const commitUrl =
    result.changed && inputs.remote.slug && inputs.remote.url.startsWith(context.serverUrl)
      ? context.commitUrl(inputs.remote.slug, result.commit)
      : undefined;
  const headline = watchHeadline(inputs, result, pullRequest).replace(
    result.commit.slice(0, 7) || '\0',
    link(result.commit.slice(0, 7), commitUrl),
  );
  const rows = result.checks.map((check) => [
    code(check.image),
    check.policy,
    check.froms.length > 1 ? check.froms.map(code).join(', ') : code(check.from),
    check.outcome === 'moved' ? `${code(check.newest)} ${code(check.digest)}` : code(check.newest),
    `${check.candidates} of ${check.tags}`,
    `${RESULT[check.outcome]}${check.vanished ? `; \`${check.vanished}\` is no longer in the registry` : ''}`,
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
