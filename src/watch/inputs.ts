import type { RunContext } from '../action/context.js';
import { InputError } from '../action/errors.js';
import { checkHost, readInsecureRegistries } from '../action/hosts.js';
import type { Inputs } from '../action/inputs.js';
import { ACTIONS_BOT, parseIdentity, type Identity } from '../git/identity.js';
import { validBranch } from '../git/refs.js';
import { reviewableRemote, type Remote } from '../git/remote.js';

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
  /** One pull request for every image moved by a run, or one per image, each on a branch of its own. */
  pullRequestPer: 'run' | 'image';
  /** The branch the pull request is made from, reused by every run; with one pull request per image, the prefix of theirs. */
  pullRequestBranch: string;
  message: string;
  author: Identity;
  dryRun: boolean;
  insecureRegistries: string[];
  /** Tags asked for per page of a registry's tag list (`n=`). */
  pageSize: number;
  /** Credentials given as inputs, for one registry (`host` '' until the policies name it). */
  credentials?: { host: string; username: string; password: string };
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
  const remote = reviewableRemote(inputs.required('env-repository', "'owner/name', a git URL or a local path"), context, mode);
  if (mode === 'pull-request' && !inputs.string('token') && !inputs.boolean('dry-run', false))
    throw new InputError('token', 'is required in pull-request mode', 'a token with contents: write and pull-requests: write');
  const branch = validBranch(inputs.string('branch', 'candidate'), 'branch');
  const pullRequestBranch = validBranch(inputs.string('pull-request-branch', `image-watch/${branch}`), 'pull-request-branch');
  if (mode === 'pull-request' && pullRequestBranch === branch)
    throw new InputError('pull-request-branch', `is the branch '${branch}' itself`, 'a branch of its own for the pull request');
  const pageText = inputs.string('tags-page-size', '1000');
  const pageSize = Number(pageText);
  if (!/^\d+$/.test(pageText) || pageSize < 1 || pageSize > 10_000)
    throw new InputError('tags-page-size', `'${pageText}' is not a whole number from 1 to 10000`, 'a whole number from 1 to 10000');
  const pullRequestPer = inputs.oneOf('pull-request-per', ['run', 'image'] as const, 'run');
  if (pullRequestPer === 'image' && mode !== 'pull-request')
    throw new InputError('pull-request-per', "is 'image' while 'mode' is 'push'", "'run', or 'mode: pull-request'");
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
    pullRequestPer,
    pullRequestBranch,
    message: inputs.string('message'),
    author: inputs.raw('author') ? parseIdentity(inputs.raw('author'), 'author') : ACTIONS_BOT,
    dryRun: inputs.boolean('dry-run', false),
    insecureRegistries: readInsecureRegistries(inputs),
    pageSize,
    credentials: readCredentials(inputs),
  };
}

/** `username` and `password` go together; `registry` names the host they are for (checked against the policies later). */
function readCredentials(inputs: Inputs): WatchInputs['credentials'] {
  const username = inputs.string('username');
  const password = inputs.string('password');
  const registry = inputs.string('registry');
  if (username && !password) throw new InputError('password', "is empty while 'username' is set", 'the password or token for username');
  if (password && !username) throw new InputError('username', "is empty while 'password' is set", 'the user name the password belongs to');
  if (!username) {
    if (registry)
      throw new InputError('registry', "is set without 'username' and 'password'", 'the registry host those credentials are for');
    return undefined;
  }
  return {
    host: registry ? checkHost(registry, 'registry', "a registry host such as 'ghcr.io' or 'registry.internal:5000'") : '',
    username,
    password,
  };
}

/**
 * The one registry the credential inputs are for: the `registry` input, which
 * a policy must name, or else the registry of the policies when they name
 * only one; credentials are never sent to a registry they were not meant for.
 */
export function credentialHost(credentials: { host: string }, hosts: string[]): string {
  const named = [...new Set(hosts)].sort();
  if (credentials.host) {
    if (!named.includes(credentials.host))
      throw new InputError(
        'registry',
        `'${credentials.host}' is not the registry of any watched image (${named.join(', ')})`,
        'the registry host of the images the username and password are for',
      );
    return credentials.host;
  }
  if (named.length > 1)
    throw new InputError(
      'registry',
      `is empty while the policies name several registries (${named.join(', ')})`,
      "the registry host the 'username' and 'password' are for; the others use the runner's docker login",
    );
  return named[0];
}
