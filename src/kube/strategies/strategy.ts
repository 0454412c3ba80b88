/**
 * What every strategy step (deploy, promote or reject of rolling, canary or
 * blue-green) takes and returns: the candidate read once, the inputs, the
 * collaborators; and the result deploy-candidate reports.
 */
import type { RunContext } from '../../action/context.js';
import type { Logger } from '../../action/logger.js';
import type { GitExec } from '../../git/git.js';
import type { DeployInputs } from '../deploy-inputs.js';
import type { Diagnosis } from '../diagnose.js';
import type { ReleasedPod } from '../forced-rollback.js';
import type { Kubectl } from '../kubectl.js';
import type { Manifest } from '../manifests.js';
import type { ObjectRef } from '../objects.js';
import type { WaitOptions, WorkloadResult } from '../wait.js';
import type { StrategyReport } from './report.js';

/** One revision applied and waited for. */
export interface Rollout {
  revision: string;
  /** Every object applied, as the server named it. */
  applied: ObjectRef[];
  workloads: WorkloadResult[];
  diagnoses: Diagnosis[];
  /** kubectl's refusal, when the apply itself failed. */
  applyError?: string;
  /** A rollback's forced part: the pods of the failed revision it deleted so that their controller makes them again. */
  released?: ReleasedPod[];
  healthy: boolean;
}

/** A step that applied nothing and waited for nothing: a reject, or a promote with nothing left to switch. */
export const emptyRollout = (revision: string): Rollout => ({ revision, applied: [], workloads: [], diagnoses: [], healthy: true });

export interface DeployResult {
  result: 'succeeded' | 'failed' | 'rolled-back';
  revision: string;
  candidate: Rollout;
  /** The rollback, or why there was none, when the candidate failed and rollback-on-failure is on. */
  rollback?: Rollout | { skipped: string };
  pruned: ObjectRef[];
  durationMs: number;
  /** One line saying what went wrong, for the step's error. */
  failure?: string;
  /** The error that stopped the step before it had a rollout to report (a refused input, a refusing cluster), as thrown. */
  stoppedBy?: unknown;
  /** What the canary or blue-green strategy created, switched and deleted. */
  strategy?: StrategyReport;
}

/** A step that changed nothing yet: it succeeded, with an empty rollout. */
export const emptyResult = (revision: string): DeployResult => ({
  result: 'succeeded',
  revision,
  candidate: emptyRollout(revision),
  pruned: [],
  durationMs: 0,
});

export interface DeployDeps {
  kubectl: Kubectl;
  /** Scratch space for the env-repository checkout. */
  workdir: string;
  logger: Logger;
  context: RunContext;
  gitExec?: GitExec;
  clock?: () => number;
  reconnectDelayMs?: WaitOptions['reconnectDelayMs'];
}

export interface Revision {
  sha: string;
  manifests: Manifest[];
}

/** The candidate's objects, checked against the cluster, and a way to read the production revision when needed. */
export interface CandidateSource {
  candidate: Revision;
  /** The production revision, read once; or why there is none. */
  loadProduction(): Promise<Revision | { missing: string }>;
}

/** One action of one strategy; the caller measures its duration. */
export type StrategyStep = (source: CandidateSource, inputs: DeployInputs, deps: DeployDeps) => Promise<DeployResult>;
