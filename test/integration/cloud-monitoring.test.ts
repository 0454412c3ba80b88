import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ISSUED_TOKEN, startCloudMonitoringStandIn, type CloudMonitoringStandIn } from '../support/cloud-monitoring.js';
import { startMetricsServer, type MetricsServer } from '../support/metrics-server.js';
import { startPrometheus, type StartedPrometheus } from '../support/prometheus.js';
import { runAction } from '../support/run-action.js';
import { tempDir } from '../support/temp.js';

/**
 * canary-check's google-cloud-monitoring provider, as GitHub runs it after
 * google-github-actions/auth: an external_account credentials file whose OIDC
 * token is swapped for an access token, queries to Cloud Monitoring's
 * Prometheus API. Here the API is a stand-in in front of a real Prometheus
 * scraping a healthy app and one whose canary errs twice as often.
 */
const PROJECT = 'shop-prod-42';
const NAMESPACE = 'shop';
const OIDC_TOKEN = 'github-oidc-jwt-for-test';

let prometheus: StartedPrometheus;
let monitoring: CloudMonitoringStandIn;
let credentials: string;
const servers: MetricsServer[] = [];

beforeAll(async () => {
  const targets = [];
  for (const [app, canaryErrors] of [
    ['healthy', 0.05],
    ['errors', 0.2],
  ] as const) {
    const baseline = await startMetricsServer({ errorRate: app === 'errors' ? 0.1 : 0.05, latencyMs: 20 });
    const canary = await startMetricsServer({ errorRate: canaryErrors, latencyMs: 20 });
    servers.push(baseline, canary);
    targets.push({ address: baseline.address, labels: { namespace: NAMESPACE, app, track: 'baseline' } });
    targets.push({ address: canary.address, labels: { namespace: NAMESPACE, app, track: 'canary' } });
  }
  prometheus = await startPrometheus(targets);
  await prometheus.waitFor('11 points of every series', async () => {
    const end = Date.now() / 1000;
    const { series } = await prometheus.queryRange(`sum by (app, track) (rate(http_requests_total{namespace="${NAMESPACE}"}[5s]))`, {
      start: end - 15,
      end,
      step: 1,
    });
    return series.length === targets.length && series.every((s) => s.points.length >= 11);
  });
  monitoring = await startCloudMonitoringStandIn(prometheus.url, PROJECT);
  const dir = await tempDir('gcm-credentials');
  await writeFile(join(dir, 'oidc-token'), OIDC_TOKEN);
  credentials = join(dir, 'credentials.json');
  // What google-github-actions/auth writes for workload identity federation.
  await writeFile(
    credentials,
    JSON.stringify({
      type: 'external_account',
      audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/github/providers/actions',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: monitoring.tokenUrl,
      credential_source: { file: join(dir, 'oidc-token') },
    }),
  );
}, 90_000);

afterAll(async () => {
  await monitoring?.close();
  await prometheus?.close();
  await Promise.all(servers.map((server) => server.close()));
});

beforeEach(() => {
  monitoring.exchanges.splice(0);
  monitoring.authorizations.splice(0);
});

const check = (inputs: Record<string, string>, env: Record<string, string> = { GOOGLE_APPLICATION_CREDENTIALS: credentials }) =>
  runAction('canary-check', {
    inputs: {
      provider: 'google-cloud-monitoring',
      'prometheus-url': monitoring.prometheusUrl(PROJECT),
      namespace: NAMESPACE,
      interval: '0',
      lookback: '15s',
      step: '1s',
      // These servers count exactly, and 15 s is four points of a default-judged window: Kayenta's judge of the queries' own series.
      judge: 'kayenta',
      ...inputs,
    },
    env,
  });

describe('canary-check with Google Cloud Monitoring (bundle)', () => {
  it("queries with the runner's federated Google credentials, asking only to read monitoring data", async () => {
    const run = await check({ name: 'healthy' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.decision).toBe('pass');
    // One token exchange serves every query of the step.
    expect(monitoring.exchanges).toHaveLength(1);
    expect(monitoring.exchanges[0].get('subject_token')).toBe(OIDC_TOKEN);
    expect(monitoring.exchanges[0].get('scope')).toBe('https://www.googleapis.com/auth/monitoring.read');
    expect(monitoring.authorizations.length).toBe(4);
    expect(new Set(monitoring.authorizations)).toEqual(new Set([`Bearer ${ISSUED_TOKEN}`]));
    expect(run.stdout + run.summary + run.outputs.report).not.toContain(ISSUED_TOKEN);
  });

  it('fails a canary that errs twice as often, judged on the same data as with Prometheus', async () => {
    const run = await check({ name: 'errors' });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('fail');
    expect(run.stdout).toMatch(/::error::canary-check: decision fail .*critical metric 'error-rate' failed/);
  });

  it('uses prometheus-token as an access token instead of the runner credentials, masked', async () => {
    const run = await check({ name: 'healthy', 'prometheus-token': ISSUED_TOKEN }, {});
    expect(run.code).toBe(0);
    expect(monitoring.exchanges).toHaveLength(0);
    expect(run.masks).toContain(ISSUED_TOKEN);
    expect(run.stdout + run.summary).not.toContain(ISSUED_TOKEN);
  });

  it('retries while the service is unavailable for a moment', async () => {
    monitoring.failNext(2, 503);
    const run = await check({ name: 'healthy' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::Prometheus at .*: HTTP 503 Service Unavailable; retrying in/);
  }, 60_000);

  it('names the role and the project when the credentials may not read the project', async () => {
    const run = await check({ name: 'healthy', 'prometheus-url': monitoring.prometheusUrl('other-project-1') });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `refused the query with 403 Forbidden: the runner's Google credentials need the role roles/monitoring.viewer on project other-project-1`,
    );
  });

  it('says how to provide credentials when the runner has none', async () => {
    const run = await check({ name: 'healthy' }, { GOOGLE_APPLICATION_CREDENTIALS: join(credentials, '..', 'missing.json') });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::canary-check: no Google credentials to query Cloud Monitoring: .*; run google-github-actions\/auth before this step/,
    );
    expect(monitoring.authorizations).toHaveLength(0);
  });

  it.each([
    [{ 'prometheus-url': '' }, /input 'google-project': is empty; expected the Google Cloud project whose metrics are read/],
    [{ 'prometheus-url': '', 'google-project': 'Shop_Prod' }, /input 'google-project': 'Shop_Prod' is not a project ID/],
    [{ 'google-project': PROJECT }, /input 'prometheus-url': is set, and google-project too/],
    [{ 'prometheus-url': 'https://u:p@monitoring.example/' }, /input 'prometheus-url': carries credentials/],
  ])('refuses %j before any query', async (inputs, error) => {
    const run = await check({ name: 'healthy', ...inputs });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(error);
    expect(monitoring.authorizations).toHaveLength(0);
  });
});
