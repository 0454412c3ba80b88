// The canary's share of the traffic, as served: deploy-candidate's bundle,
// run as the runner runs it, against kube-sim with the real kubectl. The
// share is measured as a Service serves it: the ready pods its selector
// picks, counted by track.
import { jest } from '@jest/globals';
import { startKubeSim, type KubeSim } from '../kube-sim/index.mjs';
import { kubectlFor, type Kubectl } from '../kube-sim/support.js';
import { runAction, type ActionRun } from '../support/run-action.js';
import { tempDir, tempDirWith } from '../support/temp.js';
import { webApp } from '../support/web-app.js';

interface Pod {
  metadata: { labels?: Record<string, string>; deletionTimestamp?: string };
  status?: { conditions?: { type: string; status: string }[] };
}
interface Deployment {
  metadata: { annotations?: Record<string, string> };
  spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
  status?: { readyReplicas?: number };
}

// Each case runs the bundle several times; a loaded machine takes minutes.
jest.setTimeout(300_000);

let sim: KubeSim;
let kubectl: Kubectl;

beforeAll(async () => {
  sim = await startKubeSim({ rules: [{ image: '*:slow', behavior: 'slow', readyAfterMs: 60_000 }] });
  kubectl = kubectlFor(sim.kubeconfigPath, await tempDir('shares-kubectl'));
});
afterAll(async () => {
  await sim?.close();
});

const STATE = 'gitops-delivery/canary';
const V1 = 'registry.example.com/web:v1';
const V2 = 'registry.example.com/web:v2';

const workspace = (image: string, replicas: number) => tempDirWith('shares-workspace', { 'k8s/web.yaml': webApp(image, replicas) });

let namespaces = 0;
/** A namespace where production runs v1 on `replicas` pods, deployed with the rolling strategy. */
async function production(replicas: number): Promise<string> {
  const ns = `c${++namespaces}`;
  sim.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const run = await deploy(await workspace(V1, replicas), ns);
  expect(run.outputs.result).toBe('succeeded');
  return ns;
}

/** Runs the bundle; `stdout` is as the runner shows it, with the '%' workflow commands escape given back. */
async function deploy(
  dir: string,
  namespace: string,
  inputs: Record<string, string> = {},
  timeoutMs = 60_000,
  env?: Record<string, string>,
): Promise<ActionRun> {
  const run = await runAction('deploy-candidate', {
    inputs: { kubeconfig: sim.kubeconfigPath, manifests: 'k8s', namespace, timeout: '40s', ...inputs },
    workspace: dir,
    timeoutMs,
    env,
  });
  return { ...run, stdout: run.stdout.replace(/%25/g, '%') };
}

/** Runs the bundle and kills it (SIGKILL, as a runner that dies) after `afterMs`, if it has not ended by then. */
async function killedAfter(dir: string, namespace: string, inputs: Record<string, string>, afterMs: number): Promise<ActionRun | 'killed'> {
  try {
    return await deploy(dir, namespace, inputs, afterMs);
  } catch (error) {
    expect(String(error)).toContain('did not finish');
    return 'killed';
  }
}

async function getDeployment(ns: string, name: string): Promise<Deployment | undefined> {
  const run = await kubectl(['get', 'deployment', name, '-n', ns, '-o', 'json', '--ignore-not-found']);
  expect(run.code).toBe(0);
  return run.stdout.trim() ? (JSON.parse(run.stdout) as Deployment) : undefined;
}

/** Ready pods the Service `web` selects, by track ('primary' for pods without one). */
async function endpoints(ns: string): Promise<Record<string, number>> {
  const service = JSON.parse((await kubectl(['get', 'service', 'web', '-n', ns, '-o', 'json'])).stdout) as {
    spec: { selector: Record<string, string> };
  };
  const selector = Object.entries(service.spec.selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const run = await kubectl(['get', 'pods', '-n', ns, '-l', selector, '-o', 'json']);
  expect(run.code).toBe(0);
  const counts: Record<string, number> = { canary: 0, baseline: 0, primary: 0 };
  for (const pod of (JSON.parse(run.stdout) as { items: Pod[] }).items) {
    const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    if (ready && !pod.metadata.deletionTimestamp) counts[pod.metadata.labels?.track ?? 'primary']++;
  }
  return counts;
}

/** Waits until the Service's ready pods are `expected` (the controllers settle after the step ends), and returns the canary's share. */
async function servedShare(ns: string, expected: Record<string, number>): Promise<number> {
  let counts: Record<string, number> = {};
  await sim
    .waitUntil(
      async () => {
        counts = await endpoints(ns);
        return JSON.stringify(counts) === JSON.stringify({ canary: 0, baseline: 0, primary: 0, ...expected });
      },
      { timeoutMs: 30_000, what: `${ns}: endpoints ${JSON.stringify(expected)}` },
    )
    .catch((error: unknown) => {
      throw new Error(`${String(error)}; last seen ${JSON.stringify(counts)}`);
    });
  const total = counts.canary + counts.baseline + counts.primary;
  return (counts.canary * 100) / total;
}

/** Whether some whole-pod split of `total` pods (canary and baseline at least one each) serves `share` within 2 points. */
function servable(share: number, total: number): boolean {
  for (let canary = 1; canary <= total; canary++) {
    const baseline = share >= 100 ? 0 : share > 50 ? total - canary : canary;
    if (share < 100 && baseline < 1) continue;
    if (canary + baseline > total) continue;
    if (Math.abs((canary * 100) / total - share) <= 2) return true;
  }
  return false;
}

interface Pair {
  replicas: number;
  baselineReplicas: number;
  primaryReplicas: number;
  primaryOriginalReplicas: number;
  share: number;
  servedShare: number;
  step?: number;
  history: { share: number; served: number }[];
}
const pairOf = (run: ActionRun): Pair => (JSON.parse(run.outputs['canary-workloads']) as Pair[])[0];

describe('served share', () => {
  /** Deploys a canary of `share`% beside `replicas` primary replicas, measures what the Service serves, then rejects it. */
  async function servesItsShare(replicas: number, share: number): Promise<void> {
    const ns = await production(replicas);
    const run = await deploy(await workspace(V2, replicas), ns, { strategy: 'canary', 'canary-percentage': String(share) });
    expect(run.code).toBe(0);
    const pair = pairOf(run);
    const total = Math.max(replicas, share < 100 ? 2 : 1);
    // The Services spread over as many pods as the primary had (two at least, one canary and one baseline).
    expect(pair.replicas + pair.baselineReplicas + pair.primaryReplicas).toBe(total);
    const measured = await servedShare(ns, { canary: pair.replicas, baseline: pair.baselineReplicas, primary: pair.primaryReplicas });
    expect(Number(run.outputs['served-share'])).toBeCloseTo(measured, 1);
    expect(run.outputs['canary-share']).toBe(String(share));
    expect(run.summary).toContain(`**${run.outputs['served-share']}%**`);
    if (servable(share, total)) {
      expect({ replicas, share, measured: Math.abs(measured - share) <= 2 }).toEqual({ replicas, share, measured: true });
      expect(run.stdout).not.toContain('::warning::');
    } else {
      // Said before anything changed, with the share served.
      const warning = run.stdout.indexOf(`::warning::${ns}/web: ${share}% of ${replicas} replicas cannot be served with whole pods`);
      expect(warning).toBeGreaterThanOrEqual(0);
      expect(warning).toBeLessThan(run.stdout.indexOf('Canary '));
      expect(run.stdout).toContain(`${run.outputs['served-share']}%`);
      expect(run.summary).toContain('that share is served');
    }
    const primary = (await getDeployment(ns, 'web'))!;
    expect(primary.spec.replicas).toBe(pair.primaryReplicas);
    expect(JSON.parse(primary.metadata.annotations![STATE])).toMatchObject({ replicas, step: 1 });

    const reject = await deploy(await workspace(V2, replicas), ns, { strategy: 'canary', action: 'reject' });
    expect(reject.code).toBe(0);
    expect(await servedShare(ns, { primary: replicas })).toBe(0);
    expect((await getDeployment(ns, 'web'))!.metadata.annotations?.[STATE]).toBeUndefined();
  }

  // Replica counts x shares: shares whole pods can serve, shares they cannot (said, and served as near as they
  // can), one replica, past half, all. The shares of one replica count run at once, each in its namespace. The
  // split itself is checked for every replica count up to 60 and every share in test/unit/kube/strategies.test.ts.
  const SHARES = [5, 25, 33, 50, 75, 100];
  it.each([1, 2, 4, 9, 20])(
    `%i replicas, each of ${SHARES.join(', ')}%%: the Service serves the share the outputs state, within 2 points of the share asked where pods allow`,
    async (replicas) => {
      await Promise.all(SHARES.map((share) => servesItsShare(replicas, share)));
    },
  );

  it('refuses, before anything changes, a share the replicas cannot serve with canary-share-rounding refuse', async () => {
    for (const [replicas, inputs, input] of [
      [4, { 'canary-percentage': '10' }, 'canary-percentage'],
      [2, { 'canary-steps': '10,50' }, 'canary-steps'],
    ] as const) {
      const ns = await production(replicas);
      const run = await deploy(await workspace(V2, replicas), ns, { strategy: 'canary', 'canary-share-rounding': 'refuse', ...inputs });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        new RegExp(
          `::error::deploy-candidate: input '${input}': asks a share that cannot be served; nothing was changed: ${ns}/web: 10% of ${replicas} replicas cannot be served with whole pods: the nearest is 1 canary pod of ${Math.max(replicas, 2)}, ${replicas === 4 ? 25 : 50}% \\(9 or more primary replicas would serve it within 2 points\\); expected a share the replicas can serve`,
        ),
      );
      expect(await getDeployment(ns, 'web-canary')).toBeUndefined();
      const primary = (await getDeployment(ns, 'web'))!;
      expect(primary.spec.replicas).toBe(replicas);
      expect(primary.metadata.annotations?.[STATE]).toBeUndefined();
    }
  });

  it('leaves a primary an autoscaler owns at its replicas, says so, and sizes the canary beside it', async () => {
    const ns = await production(9);
    sim.create({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: ns },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 9, maxReplicas: 20 },
    });
    const run = await deploy(await workspace(V2, 9), ns, { strategy: 'canary', 'canary-percentage': '10' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`::warning::${ns}/web: HorizontalPodAutoscaler web owns the primary's replicas, which stay as they are`);
    expect(pairOf(run)).toMatchObject({ replicas: 1, baselineReplicas: 1, primaryReplicas: 9 });
    // 1 canary pod of 11.
    expect(await servedShare(ns, { canary: 1, baseline: 1, primary: 9 })).toBeCloseTo(9.1, 1);
    expect(run.outputs['served-share']).toBe('9.1');
    const reject = await deploy(await workspace(V2, 9), ns, { strategy: 'canary', action: 'reject' });
    expect(reject.code).toBe(0);
    await servedShare(ns, { primary: 9 });
    expect((await getDeployment(ns, 'web'))!.metadata.annotations?.[STATE]).toBeUndefined();
  });
});

describe('restore', () => {
  it('a killed deploy leaves what a later reject needs in the cluster: the primary gets its replicas back', async () => {
    const ns = await production(10);
    const first = await deploy(await workspace(V2, 10), ns, { strategy: 'canary', 'canary-percentage': '20' });
    expect(first.code).toBe(0);
    await servedShare(ns, { canary: 2, baseline: 2, primary: 6 });
    // A second candidate whose pods never get ready in time: the job dies while it waits.
    const slow = await killedAfter(
      await workspace('registry.example.com/web:slow', 10),
      ns,
      { strategy: 'canary', 'canary-percentage': '20' },
      8_000,
    );
    expect(slow).toBe('killed');
    // What served before serves on: the primary is still at its step, and says how to get back.
    const primary = (await getDeployment(ns, 'web'))!;
    expect(primary.spec.replicas).toBe(6);
    expect(JSON.parse(primary.metadata.annotations![STATE])).toMatchObject({ replicas: 10 });
    const reject = await deploy(await workspace('registry.example.com/web:slow', 10), ns, { strategy: 'canary', action: 'reject' });
    expect(reject.code).toBe(0);
    expect(await servedShare(ns, { primary: 10 })).toBe(0);
  });

  it('promote restores the replicas even when the manifests leave them to the cluster', async () => {
    const ns = await production(8);
    const noReplicas = await tempDirWith('shares-workspace', { 'k8s/web.yaml': webApp(V2, 8).replace('  replicas: 8\n', '') });
    const run = await deploy(noReplicas, ns, { strategy: 'canary', 'canary-percentage': '25' });
    expect(run.code).toBe(0);
    await servedShare(ns, { canary: 2, baseline: 2, primary: 4 });
    const promote = await deploy(noReplicas, ns, { strategy: 'canary', action: 'promote' });
    expect(promote.code).toBe(0);
    expect(await servedShare(ns, { primary: 8 })).toBe(0);
    const primary = (await getDeployment(ns, 'web'))!;
    expect(primary.spec.template.spec.containers[0].image).toBe(V2);
    expect(primary.metadata.annotations?.[STATE]).toBeUndefined();
  });
});

describe('stepped canary', () => {
  const STEPS = [10, 25, 50];
  // 20 replicas serve each step exactly: 2/2/16, 5/5/10, 10/10/0.
  const PODS = [
    { canary: 2, baseline: 2, primary: 16 },
    { canary: 5, baseline: 5, primary: 10 },
    { canary: 10, baseline: 10, primary: 0 },
  ];
  const stepped = (step: number) => ({ strategy: 'canary', 'canary-steps': STEPS.join(','), 'canary-step': String(step) });

  it.each([1, 2, 3])('resumes at step %i after the job serving it was killed, then goes on to promote', async (killedAt) => {
    const ns = await production(20);
    const dir = await workspace(V2, 20);
    for (let step = 1; step <= STEPS.length; step++) {
      if (step === killedAt) {
        // The step's new pods are slow to get ready, and the job dies while it waits for them.
        sim.setRules([{ image: '*/web:v2', behavior: 'slow', readyAfterMs: 6_000 }]);
        expect(await killedAfter(dir, ns, stepped(step), 4_000)).toBe('killed');
        sim.setRules([{ image: '*:slow', behavior: 'slow', readyAfterMs: 60_000 }]);
        // The cluster still says the previous step: the primary did not give up its pods for this one.
        const state = (await getDeployment(ns, 'web'))!.metadata.annotations?.[STATE];
        if (step === 1) expect(state).toBeUndefined();
        else expect(JSON.parse(state!)).toMatchObject({ step: step - 1 });
      }
      const run = await deploy(dir, ns, stepped(step));
      expect(run.code).toBe(0);
      expect(run.outputs).toMatchObject({ 'canary-step': String(step), 'canary-share': String(STEPS[step - 1]) });
      expect(await servedShare(ns, PODS[step - 1])).toBe(STEPS[step - 1]);
      expect(pairOf(run).history).toEqual(STEPS.slice(0, step).map((share) => ({ share, served: share })));
      // Served again: idempotent.
      if (step === killedAt) {
        const again = await deploy(dir, ns, stepped(step));
        expect(again.code).toBe(0);
        expect(await servedShare(ns, PODS[step - 1])).toBe(STEPS[step - 1]);
      }
      if (step === STEPS.length) {
        expect(run.summary).toContain('```mermaid\nxychart-beta');
        expect(run.summary).toContain('  bar [10, 25, 50]\n  line [10, 25, 50]');
      }
    }
    const promote = await deploy(dir, ns, { strategy: 'canary', action: 'promote' });
    expect(promote.code).toBe(0);
    expect(await servedShare(ns, { primary: 20 })).toBe(0);
    expect((await getDeployment(ns, 'web'))!.spec.template.spec.containers[0].image).toBe(V2);
  });

  it("canary-step 'next' serves the step after the one the cluster serves for this revision, then the last again; a new revision starts at the first", async () => {
    const ns = await production(20);
    const dir = await workspace(V2, 20);
    const next = { strategy: 'canary', 'canary-steps': STEPS.join(','), 'canary-step': 'next' };
    for (const [run, step] of [1, 2, 3, 3].entries()) {
      const served = await deploy(dir, ns, next);
      expect({ run, code: served.code, stderr: served.stderr }).toEqual({ run, code: 0, stderr: '' });
      expect(served.outputs).toMatchObject({ 'canary-step': String(step), 'canary-share': String(STEPS[step - 1]) });
      expect(await servedShare(ns, PODS[step - 1])).toBe(STEPS[step - 1]);
    }
    const other = await workspace('registry.example.com/web:v3', 20);
    const restart = await deploy(other, ns, next, 60_000, { GITHUB_SHA: 'b'.repeat(40) });
    expect(restart.outputs).toMatchObject({ 'canary-step': '1', 'canary-share': '10' });
    expect(pairOf(restart)).toMatchObject({ primaryOriginalReplicas: 20, step: 1 });
    expect((await deploy(other, ns, { strategy: 'canary', action: 'reject' })).code).toBe(0);
    // After a reject the cluster serves no step: 'next' is the first again.
    const again = await deploy(dir, ns, next);
    expect(again.outputs).toMatchObject({ 'canary-step': '1', 'canary-share': '10' });
    expect(await servedShare(ns, PODS[0])).toBe(10);
  });

  it('serves steps in order: an earlier step changes nothing, a step beyond the next is refused', async () => {
    const ns = await production(20);
    const dir = await workspace(V2, 20);
    const skipped = await deploy(dir, ns, stepped(2));
    expect(skipped.code).toBe(1);
    expect(skipped.stdout).toMatch(
      /::error::deploy-candidate: input 'canary-step': is 2, but the canary of deployment\.apps\/web in c\d+ serves no step of this revision: steps are served in order/,
    );
    expect(await getDeployment(ns, 'web-canary')).toBeUndefined();
    expect((await deploy(dir, ns, stepped(1))).code).toBe(0);
    expect((await deploy(dir, ns, stepped(2))).code).toBe(0);
    const back = await deploy(dir, ns, stepped(1));
    expect(back.code).toBe(0);
    expect(back.outputs['canary-step']).toBe('2');
    expect(back.summary).toContain('step 1 was served before; the canary stays at step 2 (25%)');
    expect(await servedShare(ns, PODS[1])).toBe(25);
    const beyond = await deploy(dir, ns, { ...stepped(4), 'canary-steps': '10,25,50,75' });
    expect(beyond.code).toBe(1);
    expect(beyond.stdout).toContain("input 'canary-step': is 4, but the canary of");
    // A new candidate (another commit) starts again at the first step, from the replicas the primary had before any canary.
    const other = await workspace('registry.example.com/web:v3', 20);
    const restart = await deploy(other, ns, stepped(1), 60_000, { GITHUB_SHA: 'b'.repeat(40) });
    expect(restart.code).toBe(0);
    expect(pairOf(restart)).toMatchObject({ primaryOriginalReplicas: 20, step: 1 });
    expect(await servedShare(ns, PODS[0])).toBe(10);
    const reject = await deploy(other, ns, { strategy: 'canary', action: 'reject' });
    expect(reject.code).toBe(0);
    expect(await servedShare(ns, { primary: 20 })).toBe(0);
  });
});
