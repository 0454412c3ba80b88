import { readRunContext } from '../../../src/action/context.js';
import { eventText, eventType, stepEvent, type StepEventData } from '../../../src/notify/cloudevent.js';
import { pubSubMessage } from '../../../src/notify/pubsub.js';
import { stepEvents, type StepOutcome } from '../../../src/notify/step.js';
import { webhookBody } from '../../../src/notify/webhook.js';

const context = readRunContext({
  GITHUB_REPOSITORY: 'acme/hello-app',
  GITHUB_SHA: '5f3a9c1e2b7d4f6a8c0e1d3b5a7f9c2e4d6b8a01',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_ACTOR: 'octocat',
  GITHUB_WORKFLOW: 'cd',
});
const NOW = new Date('2026-11-01T12:00:00Z');
const ENV_COMMIT = 'a'.repeat(40);

function outcome(action: string, fields: Partial<StepOutcome> & { inputs?: Record<string, string> } = {}): StepOutcome {
  const { inputs = {}, ...rest } = fields;
  return { action, status: 'success', outputs: {}, input: (name) => inputs[name] ?? '', ...rest };
}

describe('CloudEvents', () => {
  it('names types dev.gitops-delivery.<kind>.<succeeded|failed>', () => {
    expect(eventType('deploy', 'success')).toBe('dev.gitops-delivery.deploy.succeeded');
    expect(eventType('rollback', 'failure')).toBe('dev.gitops-delivery.rollback.failed');
  });

  it('builds a CloudEvents 1.0 event with the required attributes', () => {
    const data = { action: 'canary-check', status: 'success', outputs: {}, links: {} } as unknown as StepEventData;
    const event = stepEvent({ kind: 'canary', data, source: 'https://github.com/acme/app', time: NOW });
    expect(event).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      source: 'https://github.com/acme/app',
      type: 'dev.gitops-delivery.canary.succeeded',
      time: '2026-11-01T12:00:00.000Z',
      datacontenttype: 'application/json',
      data,
    });
    expect(stepEvent({ kind: 'canary', data, source: 's' }).id).not.toBe(event.id);
  });

  it('describes a step: outputs, run, links to the app commit, the env repository and its revision', () => {
    const [event] = stepEvents(
      outcome('promote-production', {
        outputs: { commit: ENV_COMMIT, changed: 'true', 'pull-request': '' },
        inputs: { 'env-repository': 'acme/hello-env', reason: 'deploy', source: 'candidate' },
      }),
      context,
      NOW,
    );
    expect(event).toMatchObject({
      source: 'https://github.com/acme/hello-app/actions/runs/4242',
      type: 'dev.gitops-delivery.promote.succeeded',
      subject: ENV_COMMIT,
      time: NOW.toISOString(),
      data: {
        action: 'promote-production',
        status: 'success',
        outputs: { commit: ENV_COMMIT, changed: 'true', 'pull-request': '' },
        repository: 'acme/hello-app',
        sha: context.sha,
        ref: 'refs/heads/main',
        actor: 'octocat',
        workflow: 'cd',
        runId: '4242',
        runAttempt: '1',
        links: {
          run: 'https://github.com/acme/hello-app/actions/runs/4242',
          commit: `https://github.com/acme/hello-app/commit/${context.sha}`,
          envRepository: 'https://github.com/acme/hello-env',
          revision: `https://github.com/acme/hello-env/commit/${ENV_COMMIT}`,
        },
      },
    });
    expect(event.data).not.toHaveProperty('error');
  });

  it.each([
    ['build-push', {}, {}, 'build'],
    ['patch-manifest', {}, {}, 'patch'],
    ['deploy-candidate', { result: 'succeeded' }, {}, 'deploy'],
    ['canary-check', { decision: 'pass' }, {}, 'canary'],
    ['promote-production', {}, { reason: 'deploy' }, 'promote'],
    ['promote-production', {}, { reason: 'rollback' }, 'rollback'],
  ])('%s with outputs %p and inputs %p makes a %s event', (action, outputs, inputs, kind) => {
    const events = stepEvents(outcome(action, { outputs, inputs }), context, NOW);
    expect(events.map((event) => event.type)).toEqual([`dev.gitops-delivery.${kind}.succeeded`]);
  });

  it('makes a rolled-back deploy a failed deploy event and a succeeded rollback event', () => {
    const outputs = { result: 'rolled-back', revision: ENV_COMMIT };
    const events = stepEvents(outcome('deploy-candidate', { status: 'failure', error: 'hello: 0/2 ready', outputs }), context, NOW);
    expect(events.map((event) => [event.type, event.subject, event.data.status, event.data.error])).toEqual([
      ['dev.gitops-delivery.deploy.failed', ENV_COMMIT, 'failure', 'hello: 0/2 ready'],
      ['dev.gitops-delivery.rollback.succeeded', ENV_COMMIT, 'success', undefined],
    ]);
    expect(events[1].data.outputs).toEqual(outputs);
  });

  it('makes deliver a build event then a patch event, each with its own outputs', () => {
    const outputs = {
      digest: 'sha256:1',
      'image-ref': 'ghcr.io/acme/app@sha256:1',
      tags: 't',
      skipped: 'false',
      commit: ENV_COMMIT,
      changed: 'true',
      files: 'a',
      diff: 'd',
    };
    const [build, patch] = stepEvents(outcome('deliver', { outputs }), context, NOW);
    expect(build).toMatchObject({ type: 'dev.gitops-delivery.build.succeeded', subject: 'ghcr.io/acme/app@sha256:1' });
    expect(build.data.outputs).toEqual({ digest: 'sha256:1', 'image-ref': 'ghcr.io/acme/app@sha256:1', tags: 't', skipped: 'false' });
    expect(patch).toMatchObject({ type: 'dev.gitops-delivery.patch.succeeded', subject: ENV_COMMIT });
    expect(patch.data.outputs).toEqual({ commit: ENV_COMMIT, changed: 'true', files: 'a', diff: 'd' });
    expect(build.id).not.toBe(patch.id);
  });

  it('blames the part of deliver that failed', () => {
    const failedBuild = stepEvents(
      outcome('deliver', { status: 'failure', error: 'push refused', inputs: { image: 'ghcr.io/acme/app' } }),
      context,
      NOW,
    );
    expect(failedBuild.map((event) => event.type)).toEqual(['dev.gitops-delivery.build.failed']);
    expect(failedBuild[0]).toMatchObject({ subject: 'ghcr.io/acme/app', data: { error: 'push refused', status: 'failure' } });

    const built = { digest: 'sha256:1', 'image-ref': 'ghcr.io/acme/app@sha256:1', tags: 't', skipped: 'false' };
    const failedPatch = stepEvents(outcome('deliver', { status: 'failure', error: 'push rejected', outputs: built }), context, NOW);
    expect(failedPatch.map((event) => event.type)).toEqual(['dev.gitops-delivery.build.succeeded', 'dev.gitops-delivery.patch.failed']);
    expect(failedPatch[0].data).not.toHaveProperty('error');
    expect(failedPatch[1].data).toMatchObject({ error: 'push rejected', outputs: {} });
  });

  it('caps a long output', () => {
    const [event] = stepEvents(outcome('patch-manifest', { outputs: { diff: 'x'.repeat(100_000) } }), context, NOW);
    expect(event.data.outputs.diff.length).toBeLessThan(33_000);
    expect(event.data.outputs.diff).toMatch(/… 68000 more characters$/);
  });

  it('links the env repository only when it has a web address, never with credentials', () => {
    const links = (spec: string) =>
      stepEvents(outcome('patch-manifest', { outputs: { commit: ENV_COMMIT }, inputs: { 'env-repository': spec } }), context, NOW)[0].data
        .links;
    expect(links('https://git.example.com/team/env.git')).toMatchObject({
      envRepository: 'https://git.example.com/team/env',
      revision: `https://git.example.com/team/env/commit/${ENV_COMMIT}`,
    });
    expect(links('/srv/git/env.git')).toMatchObject({ envRepository: '/srv/git/env.git', revision: ENV_COMMIT });
    expect(links('git@github.com:acme/env.git')).toMatchObject({ envRepository: 'git@github.com:acme/env.git', revision: ENV_COMMIT });
  });

  it('falls back to the repository, then to a URN, as the source outside a run', () => {
    const bare = readRunContext({ GITHUB_REPOSITORY: 'acme/app' });
    expect(stepEvents(outcome('canary-check'), bare, NOW)[0].source).toBe('https://github.com/acme/app');
    expect(stepEvents(outcome('canary-check'), readRunContext({}), NOW)[0].source).toBe('urn:gitops-delivery:canary-check');
  });

  it('puts the context in ce- attributes and the data in the body of a Pub/Sub message (binary mode)', () => {
    const [event] = stepEvents(outcome('canary-check', { outputs: { decision: 'pass', score: '100' } }), context, NOW);
    const message = pubSubMessage(event);
    expect(message.attributes).toEqual({
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-id': event.id,
      'ce-source': event.source,
      'ce-type': 'dev.gitops-delivery.canary.succeeded',
      'ce-subject': 'decision/pass',
      'ce-time': '2026-11-01T12:00:00.000Z',
    });
    expect(JSON.parse(message.data.toString('utf8'))).toEqual(event.data);
  });

  it('posts the structured event with a Slack text line', () => {
    const [event] = stepEvents(
      outcome('deploy-candidate', {
        status: 'failure',
        error: 'hello: 0/2 ready <timeout>\nmore',
        outputs: { result: 'rolled-back', revision: ENV_COMMIT },
        inputs: { 'env-repository': 'acme/env' },
      }),
      context,
      NOW,
    );
    const body = JSON.parse(webhookBody(event));
    expect(body).toEqual({ ...event, text: eventText(event) });
    expect(body.text).toBe(
      ':x: deploy failed (deploy-candidate), for <https://github.com/acme/hello-app/commit/5f3a9c1e2b7d4f6a8c0e1d3b5a7f9c2e4d6b8a01|acme/hello-app@5f3a9c1>, ' +
        `env revision <https://github.com/acme/env/commit/${ENV_COMMIT}|aaaaaaa>, result rolled-back, <https://github.com/acme/hello-app/actions/runs/4242|run 4242>\n` +
        '> hello: 0/2 ready &lt;timeout&gt;',
    );
  });
});
