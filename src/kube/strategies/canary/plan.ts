/**
 * The canary strategy. deploy: beside each production Deployment, a canary
 * running the candidate and a baseline running what production runs now,
 * the same size, so that canary-check compares two fresh sets of pods rather
 * than new pods with old ones; the primary gives up as many pods as they
 * take, so that the Services' pods are as many as before and the canary
 * serves the share asked (shape.ts splitReplicas). With canary-steps, each
 * deploy serves one step's share. promote: the primary gets its replicas
 * back, the candidate rolls out to it as with the rolling strategy, then
 * canary and baseline go. reject: the primary gets its replicas back, then
 * canary and baseline go.
 */
import { InputError } from '../../../action/errors.js';
import type { DeployInputs } from '../../deploy-inputs.js';
import type { Manifest } from '../../manifests.js';
import type { KubeObject, ObjectRef } from '../../objects.js';
import { deleteNamed } from '../cluster.js';
import type { CanaryPair, StrategyReport } from '../report.js';
import { derivedDeployment, isDeployment, trackName, TRACK_LABEL, type CanarySplit, type PodTemplate, type Track } from '../shape.js';
import type { CandidateSource, DeployDeps } from '../strategy.js';

/** The candidate's Deployments, each of which gets a canary and a baseline; a candidate without one is refused. */
export function deploymentsOf(source: CandidateSource, inputs: DeployInputs): Manifest[] {
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

export const trackRef = (m: Manifest, track: Track): ObjectRef => ({ ...m.ref, name: trackName(m.ref.name, track) });

export const canaryPair = (m: Manifest): CanaryPair => ({
  namespace: m.ref.namespace,
  primary: m.ref.name,
  canary: trackName(m.ref.name, 'canary'),
  baseline: trackName(m.ref.name, 'baseline'),
});

/** What a pair serves with this split, for the outputs and the summary. */
export function splitPair(m: Manifest, split: CanarySplit, originalReplicas: number): CanaryPair {
  return {
    ...canaryPair(m),
    replicas: split.canary,
    baselineReplicas: split.baseline,
    primaryReplicas: split.primary,
    primaryOriginalReplicas: originalReplicas,
    share: split.share,
    servedShare: split.served.canary,
    baselineShare: split.served.baseline,
    primaryShare: split.served.primary,
  };
}

/** The canary and the baseline of a Deployment, sized by the split, as manifests to apply. */
export function canaryManifests(candidate: Manifest, primary: KubeObject, split: Pick<CanarySplit, 'canary' | 'baseline'>): Manifest[] {
  const make = (track: Track, template?: PodTemplate): Manifest => ({
    object: derivedDeployment(candidate.object, {
      name: trackName(candidate.ref.name, track),
      label: TRACK_LABEL,
      value: track,
      replicas: track === 'canary' ? split.canary : split.baseline,
      template,
    }),
    ref: trackRef(candidate, track),
    source: `${candidate.source} (${track})`,
  });
  // The baseline runs the pod template production runs now, as the cluster has it, not as any revision says.
  return [make('canary'), make('baseline', primary.spec?.template as PodTemplate)];
}

/**
 * Deletes every canary and baseline of the Deployments, after a promote
 * whatever its outcome, or a reject: the attempt is over, and a canary left
 * running would keep serving the candidate.
 */
export async function removeTracks(deployments: Manifest[], report: StrategyReport, deps: DeployDeps): Promise<void> {
  report.canaries = deployments.map((m) => canaryPair(m));
  report.deleted = await deleteNamed(
    deps.kubectl,
    deployments.flatMap((m) => [trackRef(m, 'canary'), trackRef(m, 'baseline')]),
    deps.logger,
  );
  if (!report.deleted.length) report.notes.push('No canary or baseline was left to delete.');
}
