import { getOctokit } from '@actions/github';
import type { RunContext } from '../action/context.js';
import { describeError } from '../action/errors.js';
import { describeRequestFailure } from '../http/fetch.js';
import type { Logger } from '../action/logger.js';

export type Octokit = ReturnType<typeof getOctokit>;

/** A GitHub deployment under way; `finish` records how it ended. */
export interface DeploymentRecord {
  id?: number;
  finish(state: 'success' | 'failure', description: string): Promise<void>;
}

export interface DeploymentSpec {
  /** `owner/name` of the repository the deployment is recorded in. */
  repository: string;
  /** The commit being deployed, in that repository. */
  ref: string;
  environment: string;
  description: string;
  /** Link from the environment's page to this run. */
  logUrl: string;
  payload: Record<string, string>;
}

/** GitHub caps a status description at 140 characters. */
const short = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);

/**
 * Records the deployment on GitHub (the environment's page, the commit's
 * deployments): created, then in_progress, then success or failure. GitHub
 * being unreachable never fails a deployment to the cluster, which is the
 * point of the step: it becomes a warning.
 */
export async function startDeployment(octokit: Octokit, spec: DeploymentSpec, logger: Logger): Promise<DeploymentRecord> {
  const [owner, repo] = spec.repository.split('/');
  const warn = (what: string, error: unknown) =>
    logger.warning(
      `GitHub deployment: could not ${what} in ${spec.repository} (${describeRequestFailure(error)}); the deployment to the cluster goes on, only its record on GitHub is missing`,
    );
  let id: number;
  try {
    const created = await octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: spec.ref,
      environment: spec.environment,
      description: short(spec.description),
      payload: spec.payload,
      auto_merge: false,
      // The checks already ran before the candidate was pushed; the environment's own rules still apply.
      required_contexts: [],
      production_environment: spec.environment === 'production',
    });
    if (!('id' in created.data)) throw new Error(created.data.message ?? 'GitHub did not create it');
    id = created.data.id;
    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: id,
      state: 'in_progress',
      log_url: spec.logUrl || undefined,
      description: 'rolling out',
    });
  } catch (error) {
    warn(`record the deployment to ${spec.environment}`, error);
    return { finish: async () => undefined };
  }
  return {
    id,
    async finish(state, description) {
      try {
        await octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: id,
          state,
          log_url: spec.logUrl || undefined,
          description: short(description),
          auto_inactive: state === 'success',
        });
      } catch (error) {
        warn(`set the deployment's status to ${state}`, error);
      }
    },
  };
}

export function deploymentOctokit(token: string, context: RunContext): Octokit {
  return getOctokit(token, { baseUrl: context.apiUrl });
}

/** What a deployment record says beyond the run's own repository and link. */
export type DeploymentRequest = Omit<DeploymentSpec, 'repository' | 'logUrl'>;

/**
 * Runs `deploy` inside a GitHub deployment of the run's repository: in
 * progress while it runs, then success or failure as `outcome` reads its
 * result, or failure with the error it threw.
 */
export async function withDeploymentRecord<T>(
  token: string,
  context: RunContext,
  request: DeploymentRequest,
  logger: Logger,
  deploy: () => Promise<T>,
  outcome: (result: T) => ['success' | 'failure', string],
): Promise<T> {
  const record = await startDeployment(
    deploymentOctokit(token, context),
    { ...request, repository: context.repository, logUrl: context.runUrl },
    logger,
  );
  let result: T;
  try {
    result = await deploy();
  } catch (error) {
    await record.finish('failure', describeError(error));
    throw error;
  }
  await record.finish(...outcome(result));
  return result;
}
