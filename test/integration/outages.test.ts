import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startKubeSim, type KubeSim } from '../kube-sim/index.mjs';
import { startMetricsServer, type MetricsServer } from '../support/metrics-server.js';
import { startPrometheus, type StartedPrometheus } from '../support/prometheus.js';
import { buildahStorage, freePort, startFaultProxy, startRegistry, type Fault, type StartedRegistry } from '../support/registry.js';
import { RUN_CONTEXT, runAction } from '../support/run-action.js';
import { tempDir, tempDirWith } from '../support/temp.js';

/**
 * Outages, through the built bundles: a service that fails for a moment is
 * retried within a bound, and one that stays down is named as down, never
 * blamed on an input.
 */
const exec = promisify(execFile);

describe('build-push through a registry that drops a connection and answers 503 (bundle)', () => {
  let registry: StartedRegistry;
  let workspace: string;
  let storageEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    registry = await startRegistry();
    workspace = await tempDir('outages-build');
    storageEnv = await buildahStorage(await tempDir('outages-storage'));
    await mkdir(join(workspace, 'app'));
    await writeFile(join(workspace, 'app', 'hello.txt'), 'hello through an unsteady registry\n');
    await writeFile(join(workspace, 'app', 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');
  }, 60_000);

  afterAll(async () => {
    await registry?.close();
  });

  it("pushes when the builder's first blob upload meets a 503 and its manifest upload a reset", async () => {
    const faulted = { upload: false, manifest: false };
    const proxy = await startFaultProxy(registry.host, ({ method, url }): Fault | undefined => {
      if (!faulted.upload && method === 'POST' && url.includes('/blobs/uploads/')) {
        faulted.upload = true;
        return { status: 503 };
      }
      if (!faulted.manifest && method === 'PUT' && url.includes('/manifests/')) {
        faulted.manifest = true;
        return 'reset';
      }
      return undefined;
    });
    try {
      const run = await runAction('build-push', {
        inputs: { image: `${proxy.host}/unsteady`, context: 'app', builder: 'buildah' },
        env: { ...(storageEnv as Record<string, string>) },
        workspace,
        timeoutMs: 120_000,
      });
      expect(run.stdout).not.toContain('::error::');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /::warning::buildah push to \S+\/unsteady: the registry failed for now \(.*503 Service Unavailable\); retrying in/,
      );
      expect(proxy.requests.filter((request) => request.fault).map((request) => [request.method, request.fault])).toEqual([
        ['POST', { status: 503 }],
        ['PUT', 'reset'],
      ]);
      const { stdout } = await exec(
        'skopeo',
        ['inspect', '--tls-verify=false', `docker://${registry.host}/unsteady:${RUN_CONTEXT.GITHUB_SHA}`],
        {
          env: { ...process.env, ...storageEnv },
        },
      );
      expect((JSON.parse(stdout) as { Digest: string }).Digest).toBe(run.outputs.digest);
    } finally {
      await proxy.close();
    }
  }, 150_000);
});

describe('canary-check through a Prometheus that answers 503 (bundle)', () => {
  const NAMESPACE = 'shop';
  let prometheus: StartedPrometheus;
  let sides: MetricsServer[] = [];

  beforeAll(async () => {
    const profile = { errorRate: 0.05, latencyMs: 20 };
    sides = [await startMetricsServer(profile), await startMetricsServer(profile)];
    prometheus = await startPrometheus(
      (['baseline', 'canary'] as const).map((track, i) => ({
        address: sides[i].address,
        labels: { namespace: NAMESPACE, app: 'hello', track },
      })),
    );
    // Half the points of a 15 s lookback at 1 s, and a few more.
    await prometheus.waitFor('11 points of every series', async () => {
      const end = Date.now() / 1000;
      const { series } = await prometheus.queryRange(`sum by (track) (rate(http_requests_total{namespace="${NAMESPACE}"}[5s]))`, {
        start: end - 15,
        end,
        step: 1,
      });
      return series.length === 2 && series.every((s) => s.points.length >= 11);
    });
  }, 90_000);

  afterAll(async () => {
    await prometheus?.close();
    await Promise.all(sides.map((side) => side.close()));
  });

  // A 15 s lookback holds no whole [1m] window of the default metrics, which the default judge needs: Kayenta's judge of the queries' own series.
  const check = (url: string) =>
    runAction('canary-check', {
      inputs: { 'prometheus-url': url, name: 'hello', namespace: NAMESPACE, interval: '0', lookback: '15s', step: '1s', judge: 'kayenta' },
      timeoutMs: 60_000,
    });
  const hostOf = (url: string) => new URL(url).host;

  it('rides out two 503s and passes the canary', async () => {
    const proxy = await startFaultProxy(hostOf(prometheus.url), (_request, index) => (index < 2 ? { status: 503 } : undefined));
    try {
      const run = await check(`http://${proxy.host}`);
      expect(run.stdout).not.toContain('::error::');
      expect(run.code).toBe(0);
      expect(run.outputs.decision).toBe('pass');
      expect(
        run.stdout.match(/::warning::Prometheus at http:\/\/\S+: HTTP 503 Service Unavailable; retrying in [\d.]+ s \(attempt 2 of 5\)/g),
      ).toHaveLength(2);
      // Four queries (two metrics, two sides), two of them asked twice.
      expect(proxy.requests.filter((request) => request.url.endsWith('/api/v1/query_range'))).toHaveLength(6);
    } finally {
      await proxy.close();
    }
  });

  it('names a Prometheus that keeps answering 503 as unavailable, not as a wrong input', async () => {
    const proxy = await startFaultProxy(hostOf(prometheus.url), () => ({ status: 503 }));
    try {
      const started = Date.now();
      const run = await check(`http://${proxy.host}`);
      expect(run.code).toBe(1);
      const error = run.stdout.split('\n').find((line) => line.startsWith('::error::'));
      expect(error).toMatch(
        new RegExp(
          `^::error::canary-check: Prometheus at http://${proxy.host} is unavailable \\(HTTP 503 Service Unavailable \\d times over [\\d.]+ s\\): its metrics are needed to judge the canary$`,
        ),
      );
      expect(error).not.toMatch(/is it a Prometheus API|input '/);
      // Every query tried within the budget, no more.
      const queries = proxy.requests.length;
      expect(queries).toBeGreaterThanOrEqual(8);
      expect(queries).toBeLessThanOrEqual(20);
      expect(Date.now() - started).toBeLessThan(45_000);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});

describe('canary-check with nothing listening at prometheus-url (bundle)', () => {
  it('tries within the budget, then names the input and how long it tried', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await runAction('canary-check', {
      inputs: { 'prometheus-url': url, name: 'hello', namespace: 'shop', interval: '0', lookback: '15s', step: '1s' },
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `^::error::canary-check: cannot reach prometheus-url ${url}: connect ECONNREFUSED \\S+ \\(\\d times over [\\d.]+ s\\)$`,
        'm',
      ),
    );
    expect(run.stdout).toMatch(/::warning::Prometheus at \S+: connect ECONNREFUSED \S+; retrying in [\d.]+ s \(attempt 2 of 5\)/);
  }, 60_000);
});

describe('deploy-candidate against an API server that answers 503 (bundle)', () => {
  let sim: KubeSim;
  const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {greeting: hello}\n`;

  beforeAll(async () => {
    sim = await startKubeSim({});
  });
  afterAll(async () => {
    await sim?.close();
  });

  const deploy = async (files: Record<string, string>) =>
    runAction('deploy-candidate', {
      inputs: { kubeconfig: sim.kubeconfigPath, manifests: '.', namespace: 'default', timeout: '20s' },
      workspace: await tempDirWith('outages-deploy', files),
      timeoutMs: 90_000,
    });
  const patches = () => sim.requests.filter((request) => request.method === 'PATCH' && request.path.includes('/configmaps/'));

  it('applies once the 503s without Retry-After stop', async () => {
    const before = patches().length;
    sim.setFaults({ unavailable: { count: 2, method: 'PATCH', path: '/configmaps/' } });
    try {
      const run = await deploy({ 'config.yaml': `${configMap('steady-a')}---\n${configMap('steady-b')}` });
      expect(run.stdout).not.toContain('::error::');
      expect(run.code).toBe(0);
      expect(run.outputs.result).toBe('succeeded');
      expect(run.stdout).toMatch(
        /::warning::the server dry run of 2 objects: the API server failed for now \(.*ServiceUnavailable.*\); retrying in/,
      );
      expect(sim.get('ConfigMap', 'default', 'steady-a')).toBeDefined();
      expect(sim.get('ConfigMap', 'default', 'steady-b')).toBeDefined();
      expect(
        patches()
          .slice(before)
          .filter((request) => request.status === 503),
      ).toHaveLength(2);
      expect(sim.faults().unavailable?.count).toBe(0);
    } finally {
      sim.setFaults({});
    }
  });

  it("names the cluster's outage, not the manifests, when the 503s go on", async () => {
    sim.setFaults({ unavailable: { count: 1_000_000, method: 'PATCH', path: '/configmaps/' } });
    try {
      const run = await deploy({ 'config.yaml': configMap('never-applied') });
      expect(run.code).toBe(1);
      const error = run.stdout.split('\n').find((line) => line.startsWith('::error::'));
      expect(error).toMatch(
        /^::error::deploy-candidate: the cluster's API server is unavailable: the server dry run of 1 object failed \d times over [\d.]+ s with ".*the server is currently unable to handle the request.*"; nothing was applied, no workload changed; this is the cluster's outage/,
      );
      expect(error).not.toContain("input 'manifests'");
      expect(error).not.toContain('install CRDs');
      expect(sim.get('ConfigMap', 'default', 'never-applied')).toBeUndefined();
    } finally {
      sim.setFaults({});
    }
  }, 90_000);
});
