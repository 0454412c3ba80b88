import type { RunContext } from '../action/context.js';
import { InputError } from '../action/errors.js';
import { readInsecureRegistries } from '../action/hosts.js';
import type { Inputs } from '../action/inputs.js';
import { ACTIONS_BOT, parseIdentity, type Identity } from '../git/identity.js';
import { validBranch } from '../git/refs.js';
import { resolveRemote, type Remote } from '../git/remote.js';

// Only light modules load here: the policies' YAML is parsed by the door,
// which loads the parser once the plain inputs are known to be right.

export interface WatchInputs {
  remote: Remote;
  token: string;
  /** Where the updates are committed (push mode), or what the pull request merges into. */
  branch: string;
  /** Where a missing branch starts from. */
  baseBranch: string;
  /** The policies' YAML from the `policies` input; '' to read `policyFile` from the env repository. */
  policies: string;
  /** The policy file's path in the env repository. */
  policyFile: string;
  paths: string[];
  mode: 'push' | 'pull-request';
  /** The branch the pull request is made from, reused by every run. */
  pullRequestBranch: string;
  message: string;
  author: Identity;
  dryRun: boolean;
  insecureRegistries: string[];
  /** Tags asked for per page of a registry's tag list (`n=`). */
  pageSize: number;
}

export const DEFAULT_POLICY_FILE = '.gitops-delivery/images.yaml';

function policyPath(text: string): string {
  const path = text.replace(/^\.\//, '');
  if (!path || path.startsWith('/') || path.split('/').some((part) => part === '..' || part === '' || part === '.'))
    throw new InputError(
      'policy-file',
      `'${text}' is not a path inside the env repository`,
      "a relative path such as '.gitops-delivery/images.yaml'",
    );
  return path;
}

/** Parses and checks the plain inputs before anything touches the network or the disk. */
export function readWatchInputs(inputs: Inputs, context: RunContext): WatchInputs {
  const mode = inputs.oneOf('mode', ['push', 'pull-request'] as const, 'push');
  const remote = resolveRemote(inputs.required('env-repository', "'owner/name', a git URL or a local path"), context);
  if (mode === 'pull-request' && !remote.slug)
    throw new InputError(
      'env-repository',
      'names no owner/name, which pull-request mode needs',
      "'owner/name' or a URL ending in /owner/name",
    );
  const branch = validBranch(inputs.string('branch', 'candidate'), 'branch');
  const pullRequestBranch = validBranch(inputs.string('pull-request-branch', `image-watch/${branch}`), 'pull-request-branch');
  if (mode === 'pull-request' && pullRequestBranch === branch)
    throw new InputError('pull-request-branch', `is the branch '${branch}' itself`, 'a branch of its own for the pull request');
  const pageText = inputs.string('tags-page-size', '1000');
  const pageSize = Number(pageText);
  if (!/^\d+$/.test(pageText) || pageSize < 1 || pageSize > 10_000)
    throw new InputError('tags-page-size', `'${pageText}' is not a whole number from 1 to 10000`, 'a whole number from 1 to 10000');
  const policies = inputs.raw('policies');
  const policyFileGiven = inputs.raw('policy-file');
  if (policies && policyFileGiven)
    throw new InputError(
      'policies',
      "is set together with 'policy-file'",
      'the policies in one place: the input, or a file of the env repository',
    );
  return {
    remote,
    token: inputs.string('token'),
    branch,
    baseBranch: validBranch(inputs.string('base-branch', 'production'), 'base-branch'),
    policies,
    policyFile: policyPath(policyFileGiven || DEFAULT_POLICY_FILE),
    paths: inputs.lines('paths'),
    mode,
    pullRequestBranch,
    message: inputs.string('message'),
    author: inputs.raw('author') ? parseIdentity(inputs.raw('author'), 'author') : ACTIONS_BOT,
    dryRun: inputs.boolean('dry-run', false),
    insecureRegistries: readInsecureRegistries(inputs),
    pageSize,
  };
}
