import type { Env } from './inputs.js';

/**
 * What the runner tells an action about the run, read from the environment
 * (not from @actions/github, whose Octokit would load on every start).
 */
export interface RunContext {
  serverUrl: string;
  apiUrl: string;
  repository: string;
  sha: string;
  ref: string;
  refName: string;
  actor: string;
  runId: string;
  runAttempt: string;
  workflow: string;
  workspace: string;
  eventPath: string;
  /** Link to this workflow run, or '' outside GitHub Actions. */
  runUrl: string;
  /** Link to a commit of a repository on this server. */
  commitUrl(repository: string, sha: string): string;
}

export function readRunContext(env: Env = process.env): RunContext {
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const repository = env.GITHUB_REPOSITORY ?? '';
  const runId = env.GITHUB_RUN_ID ?? '';
  return {
    serverUrl,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    repository,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    refName: env.GITHUB_REF_NAME ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    eventPath: env.GITHUB_EVENT_PATH ?? '',
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : '',
    commitUrl: (repo, sha) => `${serverUrl}/${repo}/commit/${sha}`,
  };
}
