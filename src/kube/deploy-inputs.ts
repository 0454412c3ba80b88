import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { RunContext } from '../action/context.js';
import { InputError } from '../action/errors.js';
import type { Env, Inputs } from '../action/inputs.js';
import { validBranch } from '../git/refs.js';
import { resolveRemote, type Remote } from '../git/remote.js';
import { jobDuration } from './duration.js';
import { TRAFFIC_ROUTINGS, type TrafficRouting } from './strategies/traffic/router.js';

export const STRATEGIES = ['rolling', 'canary', 'blue-green'] as const;
export const ACTIONS = ['deploy', 'promote', 'reject'] as const;
/** The canary's share when canary-percentage is empty: small enough to limit the harm of a bad candidate. */
export const DEFAULT_CANARY_PERCENTAGE = 10;
/** What a canary does when whole pods cannot serve the share asked: serve the nearest share, or change nothing. */
export const CANARY_SHARE_ROUNDINGS = ['nearest', 'refuse'] as const;

export interface DeployInputs {
  /** Files, folders and kustomize folders, relative to the workspace or to the env repository's root. */
  manifests: string[];
  /** Where to read the candidate (when `ref` is used) and the production revision (rollback, prune) from. */
  remote?: Remote;
  /** The env-repository revision to deploy (branch or full SHA), or '' to deploy the workspace's files. */
  ref: string;
  namespace: string;
  /** A kubeconfig path, or its YAML content; '' for kubectl's own default. */
  kubeconfig: string;
  context: string;
  timeoutMs: number;
  /** Fail a workload at once when its pods cannot pull an image that does not exist, instead of at the timeout. */
  failFast: boolean;
  strategy: (typeof STRATEGIES)[number];
  action: (typeof ACTIONS)[number];
  /** Set with the canary strategy: the canary's share of each Deployment's replicas, 1 to 100. */
  canaryPercentage?: number;
  /** Set with the canary strategy and canary-steps: the shares of the steps, increasing, the first being canaryPercentage. */
  canarySteps?: number[];
  /** Set with the canary strategy: the step to serve, 1-based (1 without canary-steps). */
  canaryStep?: number;
  /** canary-step 'next': the step after the one the cluster serves for this revision, found when deploying. */
  canaryNextStep?: boolean;
  canaryShareRounding: (typeof CANARY_SHARE_ROUNDINGS)[number];
  /** How canary and blue-green move traffic: pod counts, or the weights of an HTTPRoute or an ingress-nginx canary Ingress. */
  trafficRouting: TrafficRouting;
  /** The HTTPRoutes or Ingresses to weigh, `[namespace/]name`; empty with 'replicas'. */
  trafficRoutes: string[];
  /** The HTTPRoute rule to weigh (its name or position from 1), or '' for every rule naming the primary Service. */
  trafficRouteRule: string;
  rollbackOnFailure: boolean;
  productionRef: string;
  prune: boolean;
  forceConflicts: boolean;
  token: string;
  environment: string;
}

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * A branch or a full SHA; an abbreviated SHA is refused because a shallow
 * fetch cannot resolve it. A branch name is held to git's own rules
 * (`git check-ref-format --branch`), so that a name git would refuse, such as
 * `HEAD`, is said to be wrong rather than looked up and "not found".
 */
function revision(value: string, input: string): string {
  const expected = 'a branch name or the full 40-character commit SHA';
  if (FULL_SHA.test(value)) return value;
  if (/^[0-9a-f]{7,39}$/.test(value)) throw new InputError(input, `'${value}' is an abbreviated SHA`, expected);
  return validBranch(value.replace(/^refs\/heads\//, ''), input);
}

/** Paths inside the env repository; anything that could reach outside it is refused. */
function insideRepository(paths: string[]): string[] {
  for (const path of paths) {
    if (isAbsolute(path) || path.split(/[\\/]/).includes('..')) {
      throw new InputError(
        'manifests',
        `'${path}' points outside the repository`,
        "paths relative to the env repository's root, like 'k8s' or 'apps/web.yaml'",
      );
    }
  }
  return paths;
}

/** Whether the value is a kubeconfig itself rather than the path to one. */
export function isInlineKubeconfig(value: string): boolean {
  return /(^|\n)\s*apiVersion\s*:/.test(value);
}

/** Where kubectl would find a cluster when told nothing: KUBECONFIG, ~/.kube/config, or the in-cluster service account. */
function defaultKubeconfigExists(env: Env): boolean {
  const listed = (env.KUBECONFIG ?? '').split(':').filter(Boolean);
  if (listed.some((path) => existsSync(path))) return true;
  return existsSync(join(env.HOME || homedir(), '.kube', 'config')) || Boolean(env.KUBERNETES_SERVICE_HOST);
}

export function readDeployInputs(inputs: Inputs, context: RunContext, env: Env = process.env): DeployInputs {
  const strategy = inputs.oneOf('strategy', STRATEGIES, 'rolling');
  const action = inputs.oneOf('action', ACTIONS, 'deploy');
  if (strategy === 'rolling' && action !== 'deploy') {
    throw new InputError(
      'action',
      `'${action}' finishes a canary or blue-green deployment, but strategy is 'rolling'`,
      "'deploy' with strategy 'rolling', or strategy 'canary' or 'blue-green' (the one the deploy used)",
    );
  }

  const timeoutMs = jobDuration(inputs.string('timeout', '5m'), 'timeout');

  const namespace = inputs.string('namespace');
  if (namespace && (namespace.length > 63 || !NAMESPACE.test(namespace))) {
    throw new InputError(
      'namespace',
      `'${namespace}' is not a valid namespace name`,
      'at most 63 lower-case letters, digits and dashes, starting and ending with a letter or digit',
    );
  }

  const canary = readCanaryShares(inputs, strategy);

  const repository = inputs.string('env-repository');
  const remote = repository ? resolveRemote(repository, context) : undefined;
  const ref = inputs.string('ref') && revision(inputs.string('ref'), 'ref');
  if (ref && !remote)
    throw new InputError('ref', `is '${ref}' but env-repository is empty`, 'env-repository set too, to say where the revision lives');
  const fromRepo = Boolean(remote && ref);
  const manifests = inputs.lines('manifests', { commas: true });
  if (!manifests.length && !fromRepo)
    throw new InputError('manifests', 'is required', 'files, folders or kustomize folders to deploy (or env-repository and ref)');
  if (fromRepo) insideRepository(manifests);

  const prune = inputs.boolean('prune', false);
  if (prune && !remote) {
    throw new InputError(
      'prune',
      'needs env-repository, to read the objects of the revision deployed before',
      "env-repository set, or prune 'false'",
    );
  }

  const given = inputs.string('kubeconfig');
  // A path is taken relative to the workspace; inline content is kept as it is.
  const isPath = given !== '' && !isInlineKubeconfig(given);
  const kubeconfig = isPath ? resolve(context.workspace, given) : given;
  if (isPath) {
    if (!existsSync(kubeconfig))
      throw new InputError('kubeconfig', `'${given}' does not exist`, 'the path of a kubeconfig file, or its YAML content');
  } else if (!given && !defaultKubeconfigExists(env)) {
    throw new InputError(
      'kubeconfig',
      'is empty and there is no KUBECONFIG, ~/.kube/config or in-cluster service account',
      'the path of a kubeconfig file, or its YAML content',
    );
  }

  return {
    manifests: manifests.length ? manifests : ['.'],
    remote,
    ref,
    namespace,
    kubeconfig,
    context: inputs.string('context'),
    timeoutMs,
    failFast: inputs.boolean('fail-fast', true),
    strategy,
    action,
    ...canary,
    canaryShareRounding: inputs.oneOf('canary-share-rounding', CANARY_SHARE_ROUNDINGS, 'nearest'),
    ...readTraffic(inputs, strategy),
    rollbackOnFailure: inputs.boolean('rollback-on-failure', true),
    productionRef: revision(inputs.string('production-ref', 'production'), 'production-ref'),
    prune,
    forceConflicts: inputs.boolean('force-conflicts', true),
    token: inputs.string('token'),
    environment: inputs.string('environment', 'production'),
  };
}

const ROUTE_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

/** traffic-routing and the routes it weighs: a route is required with weights, and weights need a strategy that splits traffic. */
function readTraffic(
  inputs: Inputs,
  strategy: DeployInputs['strategy'],
): Pick<DeployInputs, 'trafficRouting' | 'trafficRoutes' | 'trafficRouteRule'> {
  const trafficRouting = inputs.oneOf('traffic-routing', TRAFFIC_ROUTINGS, 'replicas');
  const trafficRoutes = inputs.lines('traffic-route', { commas: true });
  const trafficRouteRule = inputs.string('traffic-route-rule');
  if (trafficRouting === 'replicas') {
    if (trafficRoutes.length)
      throw new InputError(
        'traffic-route',
        `is set but traffic-routing is 'replicas'`,
        "traffic-routing 'gateway-api' or 'ingress-nginx', or traffic-route empty",
      );
    return { trafficRouting, trafficRoutes, trafficRouteRule: '' };
  }
  if (strategy === 'rolling')
    throw new InputError(
      'traffic-routing',
      `is '${trafficRouting}' but strategy is 'rolling', which splits no traffic`,
      "'replicas' with strategy 'rolling', or strategy 'canary' or 'blue-green'",
    );
  const what = trafficRouting === 'gateway-api' ? 'HTTPRoute' : 'Ingress';
  if (!trafficRoutes.length)
    throw new InputError(
      'traffic-route',
      `is required with traffic-routing '${trafficRouting}'`,
      `the ${what} that sends traffic to the primary Service, as name or namespace/name`,
    );
  for (const route of trafficRoutes)
    if (!ROUTE_NAME.test(route) || route.length > 253)
      throw new InputError(
        'traffic-route',
        `'${route}' is not an ${what} name`,
        'name or namespace/name, lower-case letters, digits, dashes and dots',
      );
  if (trafficRouteRule && trafficRouting !== 'gateway-api')
    throw new InputError(
      'traffic-route-rule',
      `is set but traffic-routing is '${trafficRouting}'`,
      "traffic-routing 'gateway-api' (an Ingress has no weighed rules), or traffic-route-rule empty",
    );
  return { trafficRouting, trafficRoutes, trafficRouteRule };
}

const PERCENTAGE = 'a whole number from 1 to 100';

function percentageOf(value: string, input: string): number {
  const whole = /^\d+%?$/.test(value) ? Number(value.replace(/%$/, '')) : NaN;
  if (!(whole >= 1 && whole <= 100)) throw new InputError(input, `'${value}' is not a percentage`, PERCENTAGE);
  return whole;
}

/**
 * The canary's share: canary-percentage, or the step canary-step of
 * canary-steps (shares that only grow, promote being the last step, 100%).
 */
function readCanaryShares(
  inputs: Inputs,
  strategy: DeployInputs['strategy'],
): Pick<DeployInputs, 'canaryPercentage' | 'canarySteps' | 'canaryStep' | 'canaryNextStep'> {
  const percentage = inputs.string('canary-percentage');
  const stepList = inputs.string('canary-steps');
  const step = inputs.string('canary-step');
  if (strategy !== 'canary') return { canaryPercentage: percentage ? percentageOf(percentage, 'canary-percentage') : undefined };
  if (!stepList) {
    if (step && step !== '1')
      throw new InputError(
        'canary-step',
        `is '${step}' but canary-steps is empty`,
        "canary-steps set too, such as '10,25,50', or canary-step empty",
      );
    return { canaryPercentage: percentage ? percentageOf(percentage, 'canary-percentage') : DEFAULT_CANARY_PERCENTAGE, canaryStep: 1 };
  }
  if (percentage)
    throw new InputError('canary-percentage', 'is set together with canary-steps', 'one of them: canary-steps holds the first share too');
  const steps = stepList
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((value) => percentageOf(value, 'canary-steps'));
  if (steps.some((share, i) => i > 0 && share <= steps[i - 1]))
    throw new InputError(
      'canary-steps',
      `'${stepList}' does not grow at every step`,
      `shares that grow, each ${PERCENTAGE}, such as '10,25,50'`,
    );
  // 'next' is resolved against the cluster when deploying; until then it stands for the first step.
  if (step === 'next') return { canaryPercentage: steps[0], canarySteps: steps, canaryStep: 1, canaryNextStep: true };
  const index = step ? (/^\d+$/.test(step) ? Number(step) : NaN) : 1;
  if (!(index >= 1 && index <= steps.length))
    throw new InputError('canary-step', `'${step}' is not a step of '${stepList}'`, `a whole number from 1 to ${steps.length}, or 'next'`);
  return { canaryPercentage: steps[index - 1], canarySteps: steps, canaryStep: index };
}
