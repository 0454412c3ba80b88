/**
 * The canary strategy. deploy: beside each production Deployment, a canary
 * running the candidate and a baseline running what production runs now,
 * the same size, so that canary-check compares two fresh sets of pods rather
 * than new pods with old ones. promote: the candidate rolls out to the
 * primaries as with the rolling strategy, then canary and baseline go.
 * reject: canary and baseline go; the primaries never changed.
 */
import { InputError } from '../../action/errors.js';
import {
  describeFailure,
  emptyRollout,
  rollingDeploy,
  rollOut,
  type CandidateSource,
  type DeployDeps,
  type DeployResult,
} from '../deploy.js';
import type { DeployInputs } from '../deploy-inputs.js';
import type { Manifest } from '../manifests.js';
import { describeRef, type KubeObject, type ObjectRef } from '../objects.js';
import { deleteNamed, getLive } from './cluster.js';
import { emptyReport, type CanaryPair, type StrategyReport } from './report.js';
import {
  canaryReplicas,
  derivedDeployment,
  isDeployment,
  isPodDependency,
  trackName,
  TRACK_LABEL,
  type PodTemplate,
  type Track,
} from './shape.js';

function deploymentsOf(source: CandidateSource, inputs: DeployInputs): Manifest[] {
  const deployments = source.candidate.manifests.filter(isDeployment);
  if (!deployments.length) {
    throw new InputError(
      'manifests',
      `declare no Deployment, so strategy '${inputs.strategy}' has nothing to ${inputs.action}`,
      "manifests with at least one Deployment, or strategy 'rolling'",
    );
  }
  return deployments;
}

const trackRef = (m: Manifest, track: Track): ObjectRef => ({ ...m.ref, name: trackName(m.ref.name, track) });

const canaryPair = (m: Manifest, replicas?: number): CanaryPair => ({
  namespace: m.ref.namespace,
  primary: m.ref.name,
  canary: trackName(m.ref.name, 'canary'),
  baseline: trackName(m.ref.name, 'baseline'),
  ...(replicas === undefined ? {} : { replicas }),
});

/** The canary and the baseline of a Deployment, as manifests to apply. */
export function canaryManifests(candidate: Manifest, primary: KubeObject, percentage: number): { pair: CanaryPair; manifests: Manifest[] } {
  const replicas = canaryReplicas(percentage, primary.spec?.replicas ?? 1);
  const make = (track: Track, template?: PodTemplate): Manifest => ({
    object: derivedDeployment(candidate.object, {
      name: trackName(candidate.ref.name, track),
      label: TRACK_LABEL,
      value: track,
      replicas,
      template,
    }),
    ref: trackRef(candidate, track),
    source: `${candidate.source} (${track})`,
  });
  return {
    pair: canaryPair(candidate, replicas),
    // The baseline runs the pod template production runs now, as the cluster has it, not as any revision says.
    manifests: [make('canary'), make('baseline', primary.spec?.template as PodTemplate)],
  };
}

export async function canary(source: CandidateSource, inputs: DeployInputs, deps: DeployDeps, started: number): Promise<DeployResult> {
  const clock = deps.clock ?? (() => performance.now());
  const deployments = deploymentsOf(source, inputs);
  let result: DeployResult;
  if (inputs.action === 'deploy') result = await deployCanary(source, deployments, inputs, deps, started);
  else {
    const report = emptyReport('canary', inputs.action);
    if (inputs.action === 'promote') {
      result = await deps.logger.group('Promote: roll the candidate out to the primaries', async () =>
        rollingDeploy(source, inputs, deps, started),
      );
    } else {
      result = {
        result: 'succeeded',
        revision: source.candidate.sha,
        candidate: emptyRollout(source.candidate.sha),
        pruned: [],
        durationMs: 0,
      };
    }
    // After a promote, whatever its outcome: the attempt is over, and a canary left running would keep serving the candidate.
    report.canaries = deployments.map((m) => canaryPair(m));
    report.deleted = await deleteNamed(
      deps.kubectl,
      deployments.flatMap((m) => [trackRef(m, 'canary'), trackRef(m, 'baseline')]),
      deps.logger,
    );
    if (!report.deleted.length) report.notes.push('No canary or baseline was left to delete.');
    result.strategy = report;
  }
  result.durationMs = Math.round(clock() - started);
  return result;
}

async function deployCanary(
  source: CandidateSource,
  deployments: Manifest[],
  inputs: DeployInputs,
  deps: DeployDeps,
  started: number,
): Promise<DeployResult> {
  const { kubectl, logger } = deps;
  const report: StrategyReport = emptyReport('canary', 'deploy');
  const primaries = await Promise.all(deployments.map((m) => getLive(kubectl, m.ref)));

  const missing = deployments.filter((_, i) => !primaries[i]);
  if (missing.length) {
    // Nothing runs yet to compare a canary with or to send it traffic: the first deployment goes out whole.
    const note = `${missing.map((m) => describeRef(m.ref)).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no running primary (first deploy): the candidate was deployed with the rolling strategy, without a canary`;
    logger.warning(note);
    const result = await rollingDeploy(source, inputs, deps, started);
    report.notes.push(note);
    result.strategy = report;
    return result;
  }

  const planned = deployments.map((m, i) => canaryManifests(m, primaries[i]!, inputs.canaryPercentage!));
  report.canaries = planned.map(({ pair }) => pair);
  for (const { pair } of planned) {
    logger.info(
      `${pair.namespace ? `${pair.namespace}/` : ''}${pair.primary}: canary ${pair.canary} and baseline ${pair.baseline}, ${pair.replicas} replicas each`,
    );
  }
  const manifests = [...source.candidate.manifests.filter(isPodDependency), ...planned.flatMap(({ manifests }) => manifests)];
  const rollout = await logger.group(`Canary ${inputs.canaryPercentage}%: apply and wait`, () =>
    rollOut({ sha: source.candidate.sha, manifests }, inputs, deps, true),
  );
  report.created = planned.flatMap(({ manifests }) => manifests.map((m) => m.ref));
  const result: DeployResult = {
    result: 'succeeded',
    revision: source.candidate.sha,
    candidate: rollout,
    pruned: [],
    durationMs: 0,
    strategy: report,
  };
  if (!rollout.healthy) {
    result.result = 'failed';
    // The primaries never changed, so there is nothing to roll back; the failed pods stay for inspection.
    result.failure = `${describeFailure(rollout)}; the primaries are unchanged, the canary and baseline are left for inspection: action 'reject' removes them`;
  }
  return result;
}
