import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CloudEvent, StepEventData } from '../../src/notify/cloudevent.js';
import { startKubeSim } from '../kube-sim/index.mjs';
import { git, makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { buildahStorage, startRegistry } from '../support/registry.js';
import { startPubSubEmulator, type PubSubEmulator, type PulledMessage } from '../support/pubsub-emulator.js';
import { RUN_CONTEXT, runAction } from '../support/run-action.js';
import { startWebhookServer, type WebhookServer } from '../support/webhook-server.js';

const manifest = (tag: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hello\nspec:\n  template:\n    spec:\n      containers:\n        - name: hello\n          image: ghcr.io/acme/hello:${tag}\n`;

async function envRepo() {
  return makeBareRepo(await tempDir('notify'), 'hello-env', [
    { branch: 'production', files: { 'kubernetes.yaml': manifest('v1') }, message: 'Deploy v1' },
    { branch: 'candidate', files: { 'kubernetes.yaml': manifest('v2') }, message: 'Deploy v2' },
  ]);
}

const refsOf = (bare: string) => git(bare, ['for-each-ref', '--format=%(refname) %(objectname)']);

/** A webhook URL that looks like a Slack one: the path is the credential. */
const SECRET_PATH = '/services/T0000/B0000/xoxsecretXYZ123';

/** The message back as the CloudEvent it carries (binary content mode: context in ce- attributes, data in the body). */
function eventOf(message: PulledMessage): CloudEvent {
  const context = Object.fromEntries(
    Object.entries(message.attributes)
      .filter(([name]) => name.startsWith('ce-'))
      .map(([name, value]) => [name.slice(3), value]),
  );
  return { ...context, datacontenttype: message.attributes['content-type'], data: JSON.parse(message.data.toString('utf8')) } as CloudEvent;
}

let emulator: PubSubEmulator;
let webhook: WebhookServer;
let topics = 0;

beforeAll(async () => {
  emulator = await startPubSubEmulator();
  webhook = await startWebhookServer();
}, 90_000);

afterAll(async () => {
  await webhook?.close();
  await emulator?.close();
});

beforeEach(() => webhook.requests.splice(0));

async function freshTopic() {
  return emulator.topicWithSubscription(`deliveries-${++topics}`);
}

describe('notifications (bundles, real Pub/Sub emulator)', () => {
  it('publishes a promote event to Pub/Sub and the same event, with a text line, to a webhook', async () => {
    const bare = await envRepo();
    const { topic, subscription } = await freshTopic();
    const hook = `${webhook.url}${SECRET_PATH}`;
    const run = await runAction('promote-production', {
      inputs: { 'env-repository': bare, source: 'candidate', 'notify-pubsub-topic': topic, 'notify-webhooks': hook },
      env: { PUBSUB_EMULATOR_HOST: emulator.host },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.commit).toBe(await tipOf(bare, 'production'));

    const [message, ...more] = await emulator.pull(subscription);
    expect(more).toEqual([]);
    const event = eventOf(message);
    expect(message.attributes['content-type']).toBe('application/json');
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'dev.gitops-delivery.promote.succeeded',
      source: `https://github.com/${RUN_CONTEXT.GITHUB_REPOSITORY}/actions/runs/${RUN_CONTEXT.GITHUB_RUN_ID}`,
      subject: run.outputs.commit,
      datacontenttype: 'application/json',
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(Date.parse(event.time) - Date.now())).toBeLessThan(60_000);
    const data: StepEventData = event.data;
    expect(data).toMatchObject({
      action: 'promote-production',
      status: 'success',
      repository: RUN_CONTEXT.GITHUB_REPOSITORY,
      sha: RUN_CONTEXT.GITHUB_SHA,
      runId: RUN_CONTEXT.GITHUB_RUN_ID,
      links: {
        run: 'https://github.com/acme/hello-app/actions/runs/4242',
        commit: `https://github.com/acme/hello-app/commit/${RUN_CONTEXT.GITHUB_SHA}`,
        envRepository: bare,
        revision: run.outputs.commit,
      },
    });
    expect(data.outputs).toEqual(run.outputs);
    expect(data.error).toBeUndefined();

    expect(webhook.requests).toHaveLength(1);
    const [request] = webhook.requests;
    expect(request).toMatchObject({ method: 'POST', path: SECRET_PATH });
    expect(request.headers['content-type']).toBe('application/json');
    const { text, ...posted } = JSON.parse(request.body) as CloudEvent & { text: string };
    expect(posted).toEqual(event);
    expect(text).toMatch(/^:white_check_mark: promotion to production succeeded \(promote-production\)/);
    expect(text).toContain('<https://github.com/acme/hello-app/actions/runs/4242|run 4242>');
    expect(text).toContain(`env revision ${run.outputs.commit.slice(0, 7)}`);

    // Masked for the runner, and never printed anywhere the mask would be needed.
    expect(run.masks).toContain(hook);
    expect(run.stdout).not.toContain(SECRET_PATH);
    expect(run.stdout).toMatch(/^notify: published dev\.gitops-delivery\.promote\.succeeded to .* \(message \d+\)$/m);
    expect(run.stdout).toMatch(
      new RegExp(`^notify: sent dev\\.gitops-delivery\\.promote\\.succeeded to webhook 1 \\(127\\.0\\.0\\.1:\\d+\\): HTTP 200$`, 'm'),
    );
    // The job summary ends with who was told what.
    expect(run.summary).toMatch(
      /\n\n#### Notifications\n\n\| destination \| event \| result \|\n\| --- \| --- \| --- \|\n\| projects\/.*\/topics\/.* \| `dev\.gitops-delivery\.promote\.succeeded` \| ✅ message \d+ \|\n\| webhook 1 \(127\.0\.0\.1:\d+\) \| `dev\.gitops-delivery\.promote\.succeeded` \| ✅ HTTP 200 \|\n$/,
    );
    expect(run.summary).not.toContain(SECRET_PATH);
  });

  it('publishes a failed event with the error, and the step still fails with its own error', async () => {
    const bare = await envRepo();
    const { topic, subscription } = await freshTopic();
    const run = await runAction('promote-production', {
      inputs: {
        'env-repository': bare,
        source: 'f'.repeat(40),
        'notify-pubsub-topic': topic,
        'notify-webhooks': `${webhook.url}${SECRET_PATH}`,
      },
      env: { PUBSUB_EMULATOR_HOST: emulator.host },
    });
    expect(run.code).toBe(1);
    const error = /^::error::promote-production: (.*)$/m.exec(run.stdout)?.[1];
    expect(error).toMatch(/input 'source': commit f{40} is not in/);
    const [message] = await emulator.pull(subscription);
    const event = eventOf(message);
    expect(event.type).toBe('dev.gitops-delivery.promote.failed');
    expect(event.data).toMatchObject({ status: 'failure', action: 'promote-production', outputs: {} });
    expect(event.data.error).toBe(error);
    expect(webhook.requests).toHaveLength(1);
    expect(JSON.parse(webhook.requests[0].body).text).toMatch(/^:x: promotion to production failed[^\n]*\n> input 'source': commit f{40}/);
  });

  it('calls a promotion with reason rollback a rollback', async () => {
    const bare = await envRepo();
    const earlier = (await tipOf(bare, 'production'))!;
    expect((await runAction('promote-production', { inputs: { 'env-repository': bare, source: 'candidate' } })).code).toBe(0);
    const { topic, subscription } = await freshTopic();
    const run = await runAction('promote-production', {
      inputs: { 'env-repository': bare, source: earlier, reason: 'rollback', 'notify-pubsub-topic': topic },
      env: { PUBSUB_EMULATOR_HOST: emulator.host },
    });
    expect(run.code).toBe(0);
    const [message] = await emulator.pull(subscription);
    expect(message.attributes['ce-type']).toBe('dev.gitops-delivery.rollback.succeeded');
    expect(run.outputs.changed).toBe('true');
    expect(eventOf(message).data.outputs).toEqual(run.outputs);
  });

  it('publishes a patch event to a topic named by ID, the project from notify-pubsub-project or GOOGLE_CLOUD_PROJECT', async () => {
    const { subscription } = await freshTopic();
    const id = `deliveries-${topics}`;
    for (const [inputs, env] of [
      [{ 'notify-pubsub-topic': id, 'notify-pubsub-project': emulator.project }, {}],
      [{ 'notify-pubsub-topic': id }, { GOOGLE_CLOUD_PROJECT: emulator.project }],
    ] as const) {
      const bare = await envRepo();
      const run = await runAction('patch-manifest', {
        inputs: { 'env-repository': bare, images: 'ghcr.io/acme/hello:v3', ...inputs },
        env: { PUBSUB_EMULATOR_HOST: emulator.host, ...env },
      });
      expect(run.code).toBe(0);
      expect(run.outputs.changed).toBe('true');
      const [message] = await emulator.pull(subscription);
      const event = eventOf(message);
      expect(event.type).toBe('dev.gitops-delivery.patch.succeeded');
      expect(event.subject).toBe(run.outputs.commit);
      expect(event.data.outputs).toEqual(run.outputs);
      expect(event.data.outputs.diff).toContain('+          image: ghcr.io/acme/hello:v3');
    }
  });

  it('retries a webhook that answers 500, then succeeds', async () => {
    webhook.respond(500);
    const bare = await envRepo();
    const run = await runAction('promote-production', {
      inputs: { 'env-repository': bare, source: 'candidate', 'notify-webhooks': `${webhook.url}${SECRET_PATH}` },
    });
    expect(run.code).toBe(0);
    expect(webhook.requests).toHaveLength(2);
    expect(webhook.requests[1].body).toBe(webhook.requests[0].body);
    expect(run.stdout).toMatch(/^notify: sent dev\.gitops-delivery\.promote\.succeeded to webhook 1 \(.*\): HTTP 200 after 2 attempts$/m);
    expect(run.stdout).not.toMatch(/^::warning::/m);
  });

  it('warns, and the step succeeds, when a webhook cannot be reached or a topic does not exist', async () => {
    const closed = await startWebhookServer();
    await closed.close();
    const unreachable = `${closed.url}${SECRET_PATH}`;
    const bare = await envRepo();
    const run = await runAction('promote-production', {
      inputs: {
        'env-repository': bare,
        source: 'candidate',
        'notify-webhooks': `${unreachable}, ${webhook.url}/second`,
        'notify-pubsub-topic': `projects/${emulator.project}/topics/no-such-topic`,
      },
      env: { PUBSUB_EMULATOR_HOST: emulator.host },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.changed).toBe('true');
    expect(run.stdout).toMatch(
      /^::warning::notify: could not send dev\.gitops-delivery\.promote\.succeeded to webhook 1 \(127\.0\.0\.1:\d+\) \(3 attempts\): .*ECONNREFUSED/m,
    );
    expect(run.stdout).toMatch(
      /^::warning::notify: could not publish dev\.gitops-delivery\.promote\.succeeded to projects\/.*\/topics\/no-such-topic: .*NOT_FOUND/im,
    );
    // The second webhook is not held back by the first.
    expect(webhook.requests.map((request) => request.path)).toEqual(['/second']);
    expect(run.stdout).not.toContain(SECRET_PATH);
    expect(run.summary).toMatch(
      /\| webhook 1 \(127\.0\.0\.1:\d+\) \| `dev\.gitops-delivery\.promote\.succeeded` \| ❌ .*ECONNREFUSED.* \(3 attempts\) \|/,
    );
    expect(run.summary).toMatch(/\| webhook 2 \(127\.0\.0\.1:\d+\) \| `dev\.gitops-delivery\.promote\.succeeded` \| ✅ HTTP 200 \|/);
    expect(run.summary).toMatch(/\| projects\/.*\/topics\/no-such-topic \| `dev\.gitops-delivery\.promote\.succeeded` \| ❌ .*NOT_FOUND/i);
    expect(run.summary).not.toContain(SECRET_PATH);
    expect(run.stdout).not.toMatch(/^::error::/m);
  });

  describe('refuses bad notify inputs before doing anything', () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      [
        'a topic path of the wrong shape',
        { 'notify-pubsub-topic': 'projects/p/subscriptions/s' },
        /input 'notify-pubsub-topic': 'projects\/p\/subscriptions\/s' is not a topic name; expected 'projects\/PROJECT\/topics\/TOPIC'/,
      ],
      ['a bad topic ID', { 'notify-pubsub-topic': 'x' }, /input 'notify-pubsub-topic': 'x' is not a valid topic name/],
      [
        'a topic ID with no project',
        { 'notify-pubsub-topic': 'deliveries' },
        /input 'notify-pubsub-topic': 'deliveries' names no project; expected .*GOOGLE_CLOUD_PROJECT/,
      ],
      [
        'a bad project',
        { 'notify-pubsub-topic': 'deliveries', 'notify-pubsub-project': 'Not A Project' },
        /input 'notify-pubsub-project': 'Not A Project' is not a Google Cloud project ID/,
      ],
      [
        'a project without a topic',
        { 'notify-pubsub-project': 'my-project' },
        /input 'notify-pubsub-project': is set but notify-pubsub-topic is empty/,
      ],
      [
        'plain http to another host',
        { 'notify-webhooks': `http://hooks.example.com${SECRET_PATH}` },
        /input 'notify-webhooks': entry 1 is plain http to a host that is not loopback; expected https URLs/,
      ],
      [
        'something not a URL',
        { 'notify-webhooks': `https://ok.example.com/a\nhooks.example.com${SECRET_PATH}` },
        /input 'notify-webhooks': entry 2 is not a URL/,
      ],
      [
        'credentials in a URL',
        { 'notify-webhooks': `https://user:pw@hooks.example.com${SECRET_PATH}` },
        /input 'notify-webhooks': entry 1 has a user or password in it/,
      ],
    ];
    it.each(cases)('%s', async (_name, inputs, message) => {
      const bare = await envRepo();
      const before = await refsOf(bare);
      const run = await runAction('promote-production', { inputs: { 'env-repository': bare, source: 'candidate', ...inputs } });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^::error::promote-production: /m);
      expect(run.stdout).toMatch(message);
      expect(run.stdout).not.toContain(SECRET_PATH);
      expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1);
      expect(await refsOf(bare)).toBe(before);
      expect(run.outputs).toEqual({});
    });
  });
});

describe('deliver notifications (bundle, real registry and Pub/Sub emulator)', () => {
  it('publishes a build event then a patch event; when the patch fails, the build event and a failed patch event', async () => {
    const registry = await startRegistry();
    try {
      const storage = (await buildahStorage(await tempDir('notify-storage'))) as Record<string, string>;
      const workspace = await tempDir('notify-app');
      await mkdir(join(workspace, 'site'));
      await writeFile(join(workspace, 'site', 'index.html'), '<h1>Hello</h1>\n');
      await writeFile(join(workspace, 'Dockerfile'), 'FROM scratch\nCOPY site /site\n');
      const image = `${registry.host}/acme/hello`;
      const { topic, subscription } = await freshTopic();
      const env = { ...storage, PUBSUB_EMULATOR_HOST: emulator.host };

      const bare = await makeBareRepo(await tempDir('notify-deliver'), 'hello-env', [
        { branch: 'production', files: { 'kubernetes.yaml': manifest('v1').replace('ghcr.io/acme/hello', image) } },
      ]);
      const run = await runAction('deliver', {
        inputs: { image, 'env-repository': bare, 'notify-pubsub-topic': topic },
        env,
        workspace,
        timeoutMs: 120_000,
      });
      expect(run.code).toBe(0);
      const [build, patch] = (await emulator.pull(subscription, { atLeast: 2 })).map(eventOf);
      expect(build.type).toBe('dev.gitops-delivery.build.succeeded');
      expect(build.subject).toBe(run.outputs['image-ref']);
      expect(build.data.outputs).toEqual({
        digest: run.outputs.digest,
        'image-ref': run.outputs['image-ref'],
        tags: run.outputs.tags,
        skipped: 'false',
      });
      expect(patch.type).toBe('dev.gitops-delivery.patch.succeeded');
      expect(patch.subject).toBe(await tipOf(bare, 'candidate'));
      expect(patch.data.outputs).toEqual({ commit: run.outputs.commit, changed: 'true', files: 'kubernetes.yaml', diff: run.outputs.diff });
      expect(build.data.action).toBe('deliver');

      // An env repository that refuses every push: the image is pushed, the patch fails.
      const refusing = await makeBareRepo(await tempDir('notify-refusing'), 'hello-env', [
        { branch: 'production', files: { 'kubernetes.yaml': manifest('v1').replace('ghcr.io/acme/hello', image) } },
      ]);
      await writeFile(join(refusing, 'hooks', 'pre-receive'), '#!/bin/sh\necho "protected: no pushes" >&2\nexit 1\n', { mode: 0o755 });
      const failed = await runAction('deliver', {
        inputs: { image, 'env-repository': refusing, 'notify-pubsub-topic': topic },
        env,
        workspace,
        timeoutMs: 120_000,
      });
      expect(failed.code).toBe(1);
      const error = /^::error::deliver: (.*)$/m.exec(failed.stdout)?.[1];
      const [built, notPatched] = (await emulator.pull(subscription, { atLeast: 2 })).map(eventOf);
      expect(built.type).toBe('dev.gitops-delivery.build.succeeded');
      expect(built.data.outputs.digest).toBe(run.outputs.digest);
      expect(notPatched.type).toBe('dev.gitops-delivery.patch.failed');
      expect(notPatched.data).toMatchObject({ status: 'failure', error, outputs: {} });
    } finally {
      await registry.close();
    }
  }, 180_000);
});

describe('deploy-candidate notifications (bundle against kube-sim)', () => {
  it('sends a failed deploy event then a succeeded rollback event when the candidate is rolled back', async () => {
    const sim = await startKubeSim({ rules: [{ image: '*never-ready*', behavior: 'never-ready' }] });
    try {
      const workload = (image: string) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hello\n  namespace: default\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: hello}\n  template:\n    metadata:\n      labels: {app: hello}\n    spec:\n      containers:\n        - name: hello\n          image: ${image}\n`;
      const env = await makeBareRepo(await tempDir('notify-deploy'), 'hello-env', [
        { branch: 'production', files: { 'hello.yaml': workload('ghcr.io/acme/hello:v1') } },
        { branch: 'candidate', files: { 'hello.yaml': workload('ghcr.io/acme/hello:v2-never-ready') } },
      ]);
      const deploy = (ref: string) =>
        runAction('deploy-candidate', {
          inputs: {
            kubeconfig: sim.kubeconfigPath,
            'env-repository': env,
            ref,
            timeout: '2s',
            'notify-webhooks': `${webhook.url}${SECRET_PATH}`,
          },
          timeoutMs: 45_000,
        });
      expect((await deploy('production')).code).toBe(0);
      expect(JSON.parse(webhook.requests[0].body).type).toBe('dev.gitops-delivery.deploy.succeeded');
      webhook.requests.splice(0);

      const run = await deploy('candidate');
      expect(run.code).toBe(1);
      expect(run.outputs.result).toBe('rolled-back');
      const error = /^::error::deploy-candidate: (.*)$/m.exec(run.stdout)?.[1];
      const [failed, rollback] = webhook.requests.map((request) => JSON.parse(request.body) as CloudEvent & { text: string });
      expect(failed).toMatchObject({
        type: 'dev.gitops-delivery.deploy.failed',
        subject: run.outputs.revision,
        data: { status: 'failure', error },
      });
      expect(rollback).toMatchObject({
        type: 'dev.gitops-delivery.rollback.succeeded',
        subject: run.outputs.revision,
        data: { status: 'success' },
      });
      expect(rollback.data.outputs).toEqual(run.outputs);
      expect(rollback.text).toMatch(/^:white_check_mark: rollback succeeded \(deploy-candidate\)/);
      expect(webhook.requests).toHaveLength(2);
    } finally {
      await sim.close();
    }
  }, 90_000);
});
