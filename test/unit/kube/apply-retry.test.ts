import { describe, expect, it } from '@jest/globals';
import type { Logger } from '../../../src/action/logger.js';
import { ApplyError, applyManifests, ClusterUnavailableError, preflight, transientKubectlFailure } from '../../../src/kube/apply.js';
import { Kubectl, type KubectlResult, type KubectlRunner } from '../../../src/kube/kubectl.js';
import type { Manifest } from '../../../src/kube/manifests.js';

const UNAVAILABLE = 'Error from server (ServiceUnavailable): the server is currently unable to handle the request';

/** kubectl as a script: each call takes the next result; every call is recorded. */
function scriptedKubectl(results: Partial<KubectlResult>[]) {
  const calls: string[][] = [];
  const runner: KubectlRunner = {
    run: async (args) => {
      calls.push(args);
      const next = results.length > 1 ? results.shift()! : results[0];
      return { code: 0, stdout: '', stderr: '', ...next };
    },
    stream: async () => ({ code: 0, stdout: '', stderr: '' }),
  };
  return { kubectl: new Kubectl(runner), calls };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
    group: (_name, body) => body(),
  };
}

const configMap = (name: string): Manifest =>
  ({
    source: 'config.yaml#1',
    ref: { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'default', name },
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } },
  }) as unknown as Manifest;

const applied = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });

/** Waits that take no time, on a clock they move. */
function instantWaits() {
  let now = 0;
  const waits: number[] = [];
  return { waits, now: () => now, random: () => 0.5, sleep: async (ms: number) => void (waits.push(ms), (now += ms)) };
}

describe("kubectl's words for an API server's passing trouble", () => {
  it.each([
    UNAVAILABLE,
    'Error from server (TooManyRequests): the server has received too many requests and has asked us to try again later',
    'Error from server (InternalError): Internal error occurred: etcdserver: request timed out',
    'Error from server (Timeout): the server was unable to return a response in the time allotted, but may still be processing the request',
    'error: error when retrieving current configuration of: ... : http2: client connection lost',
    'Unable to connect to the server: net/http: TLS handshake timeout',
    'error: couldn\'t get current server API group list: Get "https://k/api": read tcp 10.0.0.1:1->10.0.0.2:443: read: connection reset by peer',
  ])('%s is worth another try', (stderr) => {
    expect(transientKubectlFailure(`some context\n${stderr}\n`)).toBe(stderr);
  });

  it.each([
    'error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"',
    'The Deployment "web" is invalid: spec.selector: Invalid value',
    'Error from server (Forbidden): deployments.apps "web" is forbidden: User "ci" cannot patch resource',
    'Error from server (Conflict): Apply failed with 1 conflict: conflict with "kubectl-edit"',
    'The connection to the server 127.0.0.1:9 was refused - did you specify the right host or port?',
    'Unable to connect to the server: dial tcp 10.0.0.9:443: i/o timeout',
  ])('%s is final', (stderr) => {
    expect(transientKubectlFailure(stderr)).toBeUndefined();
  });
});

describe('applyManifests through an API server that fails for a moment', () => {
  it('applies the batch again once the 503s stop, and says so in the log', async () => {
    const { kubectl, calls } = scriptedKubectl([
      { code: 1, stderr: UNAVAILABLE },
      { code: 1, stderr: UNAVAILABLE },
      { stdout: applied('a') },
    ]);
    const logger = recordingLogger();
    const retry = instantWaits();
    const objects = await applyManifests(kubectl, [configMap('a')], { forceConflicts: false, logger, retry });
    expect(objects.map((object) => object.metadata.name)).toEqual(['a']);
    expect(calls.map((args) => args.includes('--dry-run=server'))).toEqual([true, true, true, false]);
    expect(retry.waits).toEqual([500, 1000]);
    expect(logger.lines.filter((line) => line.startsWith('warning:'))).toEqual([
      `warning: the server dry run of 1 object: the API server failed for now (${UNAVAILABLE}); retrying in 0.5 s (attempt 2 of 5)`,
      `warning: the server dry run of 1 object: the API server failed for now (${UNAVAILABLE}); retrying in 1.0 s (attempt 3 of 5)`,
    ]);
  });

  it("names the cluster's outage, not the manifests, when the 503s go on", async () => {
    const { kubectl, calls } = scriptedKubectl([{ code: 1, stderr: UNAVAILABLE }]);
    const error = await applyManifests(kubectl, [configMap('a'), configMap('b')], {
      forceConflicts: false,
      logger: recordingLogger(),
      retry: instantWaits(),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClusterUnavailableError);
    expect(error).not.toBeInstanceOf(ApplyError);
    expect((error as Error).message).toBe(
      `the cluster's API server is unavailable: the server dry run of 2 objects failed 5 times over 7.5 s with "${UNAVAILABLE}"; nothing was applied, no workload changed; this is the cluster's outage, not a fault of the manifests: re-run once it answers`,
    );
    expect(calls).toHaveLength(5);
  });

  it('says what an outage during the apply itself leaves behind', async () => {
    const { kubectl } = scriptedKubectl([{ stdout: '' }, { code: 1, stderr: UNAVAILABLE }]);
    const error = (await applyManifests(kubectl, [configMap('a')], {
      forceConflicts: false,
      logger: recordingLogger(),
      retry: instantWaits(),
      retryPolicy: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10 },
    }).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toMatch(
      /^the cluster's API server is unavailable: kubectl apply of 1 object failed twice over 0\.0 s with ".*"; the objects applied before it stay as they are, the rest were not applied;/,
    );
  });

  it('leaves a refusal of the objects to the caller, at once', async () => {
    const refusal = 'The ConfigMap "a" is invalid: metadata.name: Invalid value';
    const { kubectl, calls } = scriptedKubectl([{ code: 1, stderr: refusal }]);
    const error = await applyManifests(kubectl, [configMap('a')], {
      forceConflicts: false,
      logger: recordingLogger(),
      retry: instantWaits(),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApplyError);
    expect((error as ApplyError).dryRun).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("retries the preflight's discovery too", async () => {
    const { kubectl, calls } = scriptedKubectl([
      { code: 1, stderr: `E1 memcache.go: couldn't get current server API group list: ${UNAVAILABLE}` },
      { stdout: 'configmap/a\n' },
    ]);
    await preflight(kubectl, [configMap('a')], { deps: instantWaits() });
    expect(calls).toHaveLength(2);
  });
});
