import { InputError } from '../../../action/errors.js';
import type { DeployInputs } from '../../deploy-inputs.js';
import type { Manifest } from '../../manifests.js';
import { describeRef, type KubeObject } from '../../objects.js';
import { describeFailure, rollOut } from '../apply-wait.js';
import { getLive } from '../cluster.js';
import { emptyReport, type CanaryPair, type StrategyReport } from '../report.js';
import { deployRolling } from '../rolling.js';
import { canaryStateOf, isPodDependency, splitReplicas, SHARE_TOLERANCE, type CanarySplit, type CanaryState } from '../shape.js';
import type { CandidateSource, DeployDeps, DeployResult } from '../strategy.js';
import { canaryManifests, deploymentsOf, splitPair } from './plan.js';
import { autoscalerKey, autoscalersOf, updatePrimary, waitForPrimaries } from './primary.js';
import { canaryBackends, openTraffic, pinPrimaries, setWeights, trackServices, TrafficError, type Traffic } from '../traffic/index.js';

/** One Deployment's canary at this step: what runs, what it will serve, and how to get there. */
interface Planned {
  manifest: Manifest;
  live: KubeObject;
  /** Where the canary already is, when it runs this revision. */
  state?: CanaryState;
  /** The step asked was served before: the canary stays where it is. */
  passed: boolean;
  split: CanarySplit;
  /** What the primary records once the step is served. */
  next: CanaryState;
  autoscaler?: string;
  pair: CanaryPair;
}

/**
 * Canary deploy: beside each production Deployment, a canary running the
 * candidate and a baseline running what production runs now, serving the
 * share of the step asked; the primary gives up the pods they take. The
 * Services never serve fewer pods than before: the primary grows before the
 * tracks shrink, and shrinks only once the tracks are ready.
 */
export async function deployCanary(source: CandidateSource, given: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const deployments = deploymentsOf(source, given);
  const { kubectl, logger } = deps;
  const report: StrategyReport = emptyReport('canary', 'deploy');
  const primaries = await Promise.all(deployments.map((m) => getLive(kubectl, m.ref)));
  const inputs = given.canaryNextStep ? nextStep(given, primaries, source.candidate.sha) : given;

  const missing = deployments.filter((_, i) => !primaries[i]);
  if (missing.length) {
    // Nothing runs yet to compare a canary with or to send it traffic: the first deployment goes out whole.
    const note = `${missing.map((m) => describeRef(m.ref)).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no running primary (first deploy): the candidate was deployed with the rolling strategy, without a canary`;
    logger.warning(note);
    const result = await deployRolling(source, inputs, deps);
    report.notes.push(note);
    result.strategy = report;
    return result;
  }

  const autoscalers = await autoscalersOf(
    kubectl,
    deployments.map((m) => m.ref),
    logger,
  );
  const planned = deployments.map((m, i) => plan(m, primaries[i]!, autoscalers.get(autoscalerKey(m.ref)), source.candidate.sha, inputs));
  report.canaries = planned.map((p) => p.pair);
  sayShares(planned, inputs, report, deps);
  // With weights, the route is read and the first weights tried (RBAC, validation) before anything changes.
  const traffic = await openTraffic(inputs, deployments, deps);
  const shareOf = (deployment: Manifest) => planned.find((p) => p.manifest === deployment)!.split.share;
  const weights = (route: Traffic['routes'][number]) => canaryBackends(route.router, shareOf(route.deployments[0]));
  if (traffic) {
    const refused = await setWeights(traffic, weights, deps, [], { dryRun: true });
    if (refused) throw new TrafficError(`${refused}; nothing was changed`);
    weighShares(planned, traffic);
    if (traffic.routing === 'ingress-nginx') {
      const note =
        'ingress-nginx takes one canary Ingress per host and path, so the baseline gets no traffic through it: compare the canary with the primary';
      logger.info(note);
      report.notes.push(note);
    }
  }

  const result: DeployResult = {
    result: 'succeeded',
    revision: source.candidate.sha,
    candidate: { revision: source.candidate.sha, applied: [], workloads: [], diagnoses: [], healthy: true },
    pruned: [],
    durationMs: 0,
    strategy: report,
  };
  const moving = planned.filter((p) => !p.passed);
  if (!moving.length) return result;
  // The primary Services are held to the primary's pods before the tracks' pods exist: those get traffic by weight only.
  if (traffic) await pinPrimaries(traffic, deps, report.notes);

  const replicasNow = (p: Planned) => p.live.spec?.replicas ?? 1;
  const primaryReplicas = (p: Planned) => (p.autoscaler ? undefined : p.split.primary);
  // A primary that grows does so first, so the Services never serve fewer pods than before.
  const growing = moving.filter((p) => !p.autoscaler && p.split.primary > replicasNow(p));
  const shrinking = moving.filter((p) => !growing.includes(p));
  for (const p of growing) await updatePrimary(kubectl, p.manifest.ref, primaryReplicas(p), p.next);
  const grown = await waitForPrimaries(
    growing.map((p) => p.manifest.ref),
    inputs,
    deps,
  );

  const manifests = [
    ...source.candidate.manifests.filter(isPodDependency),
    ...moving.flatMap((p) => canaryManifests(p.manifest, p.live, p.split)),
    ...(traffic ? trackServices(traffic) : []),
  ];
  const step = inputs.canarySteps ? `step ${inputs.canaryStep} of ${inputs.canarySteps.length}, ` : '';
  const rollout = await logger.group(`Canary ${step}${inputs.canaryPercentage}%: apply and wait`, () =>
    rollOut({ sha: source.candidate.sha, manifests }, inputs, deps, true),
  );
  report.created = [
    ...moving.flatMap((p) => canaryManifests(p.manifest, p.live, p.split).map((m) => m.ref)),
    ...(traffic ? trackServices(traffic).map((m) => m.ref) : []),
  ];
  result.candidate = rollout;
  if (!rollout.healthy) {
    result.result = 'failed';
    // The primaries that were to shrink did not: what served before serves on.
    const was = planned.map((p) => p.state?.history.at(-1));
    const before = was.some(Boolean)
      ? `the primaries keep serving the previous step's share (${was.map((h) => (h ? `${h.served}%` : 'none')).join(', ')} canary)`
      : 'the primaries were not scaled down';
    const routes = traffic ? `; the routes' weights were not changed (${traffic.routes.map((r) => r.router.describe).join(', ')})` : '';
    result.failure = `${describeFailure(rollout)}; ${before}${routes}; the canary and baseline are left for inspection: action 'reject' removes them and restores the primaries`;
    return result;
  }
  // Then the primaries give up their pods, each recording in the same update how to get them back.
  for (const p of shrinking) await updatePrimary(kubectl, p.manifest.ref, primaryReplicas(p), p.next);
  const shrunk = await waitForPrimaries(
    shrinking.filter((p) => !p.autoscaler && p.split.primary !== replicasNow(p)).map((p) => p.manifest.ref),
    inputs,
    deps,
  );
  const unready = [...grown, ...shrunk].filter((w) => w.status !== 'succeeded');
  if (unready.length) {
    result.result = 'failed';
    result.failure = `${unready.map((w) => `${describeRef(w.ref)} ${w.status}: ${w.reason}`).join('; ')}; the canary serves beside a primary not at its size${
      traffic ? ", the routes' weights were not changed" : ''
    }: action 'reject' restores it`;
    return result;
  }
  if (traffic) {
    const failure = await setWeights(traffic, weights, deps, report.notes);
    if (failure) {
      result.result = 'failed';
      result.failure = `${failure}; the canary and baseline run without the share asked: run the step again, or action 'reject' removes them`;
    }
  }
  return result;
}

/**
 * canary-step 'next': the step after the one every primary serves for this
 * revision (the first for a new revision), or the last step again once all
 * were served, so that a run after the last step's analysis promotes.
 */
function nextStep(inputs: DeployInputs, primaries: (KubeObject | undefined)[], revision: string): DeployInputs {
  const steps = inputs.canarySteps!;
  const reached = primaries.map((live) => {
    const state = live && canaryStateOf(live);
    return state?.revision === revision ? state.step : 0;
  });
  const step = Math.min(Math.min(...reached) + 1, steps.length);
  return { ...inputs, canaryStep: step, canaryPercentage: steps[step - 1], canaryNextStep: false };
}

/** The step asked for one Deployment, checked against the step its primary records. */
function plan(manifest: Manifest, live: KubeObject, autoscaler: string | undefined, revision: string, inputs: DeployInputs): Planned {
  const recorded = canaryStateOf(live);
  const state = recorded?.revision === revision ? recorded : undefined;
  const asked = inputs.canaryStep ?? 1;
  const reached = state?.step ?? 0;
  const name = describeRef(manifest.ref);
  if (asked > reached + 1) {
    const where = reached ? `serves step ${reached}` : 'serves no step of this revision';
    throw new InputError(
      'canary-step',
      `is ${asked}, but the canary of ${name} ${where}: steps are served in order, each after the previous one's analysis`,
      `${reached + 1}, the next step, or ${reached || 1} to serve ${reached ? 'the current step' : 'the first step'} again`,
    );
  }
  const passed = asked < reached;
  const share = passed ? state!.history[reached - 1].share : inputs.canaryPercentage!;
  // A primary the canary already scaled down is restored to the replicas recorded, not to what it runs now.
  const original = recorded && !recorded.autoscaled ? recorded.replicas : (live.spec?.replicas ?? 1);
  const split = splitReplicas(share, original, { primaryFixed: Boolean(autoscaler) });
  const step = passed ? reached : asked;
  // With weights (traffic-routing), the route serves the share asked, whatever the pods.
  const served = inputs.trafficRouting === 'replicas' ? split.served.canary : share;
  const history = [...(state?.history.slice(0, step - 1) ?? []), { share, served }];
  const next: CanaryState = { revision, replicas: original, autoscaled: Boolean(autoscaler), step, history };
  const pair: CanaryPair = {
    ...splitPair(manifest, split, original),
    ...(inputs.canarySteps ? { step } : {}),
    history,
    ...(autoscaler ? { autoscaler } : {}),
  };
  return { manifest, live, state, passed, split, next, autoscaler, pair };
}

/**
 * Says, before anything changes, the share each canary will serve, and
 * where whole pods cannot serve the share asked, what will be served
 * instead, or refuses (canary-share-rounding 'refuse').
 */
function sayShares(planned: Planned[], inputs: DeployInputs, report: StrategyReport, { logger }: DeployDeps): void {
  const off: string[] = [];
  for (const p of planned) {
    const { split, pair } = p;
    const name = `${pair.namespace ? `${pair.namespace}/` : ''}${pair.primary}`;
    if (p.passed) {
      const note = `${name}: step ${inputs.canaryStep} was served before; the canary stays at step ${p.next.step} (${split.share}%)`;
      logger.info(note);
      report.notes.push(note);
      continue;
    }
    logger.info(
      inputs.trafficRouting === 'replicas'
        ? `${name}: ${split.canary} canary, ${split.baseline} baseline and ${split.primary} primary pods (of ${pair.primaryOriginalReplicas}) serve ` +
            `${split.served.canary}%, ${split.served.baseline}% and ${split.served.primary}%`
        : `${name}: ${split.canary} canary, ${split.baseline} baseline and ${split.primary} primary pods (of ${pair.primaryOriginalReplicas}); the route's weights set the shares`,
    );
    if (p.autoscaler) {
      const note = `${name}: HorizontalPodAutoscaler ${p.autoscaler} owns the primary's replicas, which stay as they are; canary and baseline are sized beside them`;
      logger.warning(note);
      report.notes.push(note);
    }
    if (split.honest || inputs.trafficRouting !== 'replicas') continue;
    const fix = split.replicasNeeded
      ? `${split.replicasNeeded} or more primary replicas would serve it within ${SHARE_TOLERANCE} points`
      : p.autoscaler
        ? `an autoscaled primary cannot make room for it`
        : `no replica count up to 1000 serves it`;
    off.push(
      `${name}: ${split.share}% of ${pair.primaryOriginalReplicas} replicas cannot be served with whole pods: ` +
        `the nearest is ${split.canary} canary pod${split.canary === 1 ? '' : 's'} of ${split.canary + split.baseline + split.primary}, ${split.served.canary}% (${fix})`,
    );
  }
  if (!off.length) return;
  const input = inputs.canarySteps ? 'canary-steps' : 'canary-percentage';
  if (inputs.canaryShareRounding === 'refuse') {
    throw new InputError(
      input,
      `asks a share that cannot be served; nothing was changed: ${off.join('; ')}`,
      `a share the replicas can serve within ${SHARE_TOLERANCE} points, more replicas, or canary-share-rounding 'nearest'`,
    );
  }
  for (const line of off) {
    logger.warning(`${line}; serving that share (canary-share-rounding 'nearest')`);
    report.notes.push(`⚠️ ${line}; that share is served.`);
  }
}

/** With weights, each pair serves the weights its route gives, not its share of the pods. */
function weighShares(planned: Planned[], traffic: Traffic): void {
  for (const p of planned) {
    const route = traffic.routes.find((r) => r.deployments.includes(p.manifest));
    if (!route) continue;
    const [canary, baseline] = canaryBackends(route.router, p.split.share);
    p.pair.servedShare = canary.weight;
    p.pair.baselineShare = baseline?.weight ?? 0;
    p.pair.primaryShare = 100 - canary.weight - (baseline?.weight ?? 0);
  }
}
