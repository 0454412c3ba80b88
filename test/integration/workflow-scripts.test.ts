// The run steps the reusable workflows share, run as the workflows run them:
// how a workflow finds the actions of its own commit (GitHub's OIDC token,
// served here by a local token service), where the env repository is, the
// registry login for image-tags, and env-cd's own input check.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { startGitHubApi } from '../support/github-api.js';
import { runWorkflowStep, workflowStep } from '../support/workflow-step.js';
import { root } from '../support/workflow-check.js';

const WORKFLOWS: [string, string][] = [
  ['.github/workflows/env-cd.yml', 'check'],
  ['.github/workflows/app-ci.yml', 'build'],
  ['.github/workflows/rollback.yml', 'resolve'],
  ['.github/workflows/image-watch.yml', 'watch'],
];

const jwt = (claims: object) =>
  ['{"alg":"RS256"}', JSON.stringify(claims), 'signature'].map((part) => Buffer.from(part).toString('base64url')).join('.');

describe('locate the gitops-delivery actions', () => {
  let server: Server;
  let url: string;
  let claims: object = {};
  const seen: { authorization?: string; audience: string | null }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
      seen.push({ authorization: request.headers.authorization, audience: query.get('audience') });
      if (request.headers.authorization !== 'Bearer request-token') {
        response.writeHead(401).end('{"message":"bad token"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count: 1, value: jwt(claims) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is the same script in every reusable workflow', async () => {
    const scripts = await Promise.all(WORKFLOWS.map(([file, job]) => workflowStep(file, job, 'locate')));
    expect(new Set(scripts.map((step) => step.run)).size).toBe(1);
    for (const [file, job] of WORKFLOWS) {
      const workflow = parse(await readFile(`${root}/${file}`, 'utf8')) as {
        jobs: Record<
          string,
          { permissions: Record<string, string>; steps: { id?: string; uses?: string; with?: Record<string, string> }[] }
        >;
      };
      expect(workflow.jobs[job].permissions['id-token']).toBe('write');
      // The checkout right after it takes the repository and commit it found.
      const steps = workflow.jobs[job].steps;
      const checkout = steps[steps.findIndex((step) => step.id === 'locate') + 1];
      expect(checkout.with).toEqual(
        expect.objectContaining({
          repository: '${{ steps.locate.outputs.repository }}',
          ref: '${{ steps.locate.outputs.sha }}',
          path: '.gitops-delivery',
        }),
      );
    }
  });

  it.each([
    ['a tag', 'refs/tags/v1'],
    ['a branch of a fork', 'refs/heads/main'],
    ['a commit', 'a'.repeat(40)],
  ])('names the workflow’s own repository and commit when the caller pinned %s', async (_, ref) => {
    claims = {
      repository: 'someone/their-env',
      job_workflow_ref: `forker/gitops-delivery/.github/workflows/env-cd.yml@${ref}`,
      job_workflow_sha: 'b'.repeat(40),
    };
    const step = await workflowStep('.github/workflows/env-cd.yml', 'check', 'locate');
    const run = await runWorkflowStep(step, {
      WORKFLOW: 'env-cd',
      ACTIONS_ID_TOKEN_REQUEST_URL: url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ repository: 'forker/gitops-delivery', ref, sha: 'b'.repeat(40) });
    expect(seen.at(-1)).toEqual({ authorization: 'Bearer request-token', audience: 'gitops-delivery' });
    // The token itself is never printed.
    expect(run.stdout + run.stderr).not.toContain(jwt(claims).split('.')[1]);
  });

  it('says what to grant when the job may not ask for the token', async () => {
    const step = await workflowStep('.github/workflows/app-ci.yml', 'build', 'locate');
    const run = await runWorkflowStep(step, { WORKFLOW: 'app-ci' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::app-ci: cannot tell which commit of gitops-delivery this workflow is: grant 'id-token: write'");
  });

  it('fails, naming the claims, on a token that names no reusable workflow', async () => {
    claims = { repository: 'acme/env', job_workflow_ref: 'acme/env/.github/workflows/cd.yml', job_workflow_sha: 'c'.repeat(40) };
    const step = await workflowStep('.github/workflows/rollback.yml', 'resolve', 'locate');
    const run = await runWorkflowStep(step, {
      WORKFLOW: 'rollback',
      ACTIONS_ID_TOKEN_REQUEST_URL: url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error::rollback: GitHub's OIDC token names no reusable workflow and commit (job_workflow_ref 'acme/env/.github/workflows/cd.yml'",
    );
  });

  it('fails, saying so, when the token service refuses', async () => {
    const step = await workflowStep('.github/workflows/env-cd.yml', 'check', 'locate');
    const run = await runWorkflowStep(step, {
      WORKFLOW: 'env-cd',
      ACTIONS_ID_TOKEN_REQUEST_URL: url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::env-cd: GitHub's OIDC token service did not answer");
  });
});

describe('the env repository', () => {
  it.each([
    ['acme/hello-env', 'https://github.com/acme/hello-env.git', 'acme', 'hello-env'],
    ['https://github.example.com/acme/hello-env.git', 'https://github.example.com/acme/hello-env.git', 'acme', 'hello-env'],
  ])('%s', async (given, url, owner, name) => {
    const step = await workflowStep('.github/workflows/env-cd.yml', 'check', 'env-repo');
    const run = await runWorkflowStep(step, { WORKFLOW: 'env-cd', ENV_REPOSITORY: given });
    expect(run.outputs).toEqual({ url, owner, name });
  });

  it('refuses a bare name', async () => {
    const step = await workflowStep('.github/workflows/rollback.yml', 'rollback', 'env-repo');
    const run = await runWorkflowStep(step, { WORKFLOW: 'rollback', ENV_REPOSITORY: 'hello-env' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error::rollback: input 'env-repository': 'hello-env' is not supported; expected 'owner/name' or a git URL",
    );
  });
});

describe('env-cd registry login for image-tags and publish-images', () => {
  const nothing = {
    REGISTRY: '',
    REGISTRY_USERNAME: '',
    REGISTRY_PASSWORD: '',
    PUBLISH_REGISTRY: '',
    PUBLISH_USERNAME: '',
    PUBLISH_PASSWORD: '',
  };
  const login = async (env: Record<string, string>) =>
    runWorkflowStep(await workflowStep('.github/workflows/env-cd.yml', 'deploy', 'registry-auth'), {
      ...nothing,
      WORKFLOW: 'env-cd',
      ...env,
    });

  it('writes an auth file with the credentials, masked, and nothing without them', async () => {
    const given = await login({ REGISTRY: 'ghcr.io', REGISTRY_USERNAME: 'bot', REGISTRY_PASSWORD: 's3cret' });
    expect(given.code).toBe(0);
    const auth = Buffer.from('bot:s3cret').toString('base64');
    expect(JSON.parse(await readFile(given.outputs.file, 'utf8'))).toEqual({ auths: { 'ghcr.io': { auth } } });
    expect(given.stdout).toContain(`::add-mask::${auth}`);
    expect(given.stdout).not.toContain('s3cret');
    expect((await login({})).outputs).toEqual({ file: '' });
  });

  it("holds the images' registry and the one a release is published to, each with its own credentials", async () => {
    const both = await login({
      REGISTRY: 'us-docker.pkg.dev',
      REGISTRY_USERNAME: 'oauth2accesstoken',
      REGISTRY_PASSWORD: 'ya29.x',
      PUBLISH_REGISTRY: 'ghcr.io',
      PUBLISH_USERNAME: 'bot',
      PUBLISH_PASSWORD: 'ghp_y',
    });
    expect(JSON.parse(await readFile(both.outputs.file, 'utf8'))).toEqual({
      auths: {
        'us-docker.pkg.dev': { auth: Buffer.from('oauth2accesstoken:ya29.x').toString('base64') },
        'ghcr.io': { auth: Buffer.from('bot:ghp_y').toString('base64') },
      },
    });
  });

  it('refuses a registry given as a URL, and a user name without its password', async () => {
    const bad = await login({ REGISTRY: 'https://ghcr.io/', REGISTRY_USERNAME: 'bot', REGISTRY_PASSWORD: 'x' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("::error::env-cd: input 'registry': 'https://ghcr.io/' is not supported");
    const half = await login({ PUBLISH_REGISTRY: 'ghcr.io', PUBLISH_USERNAME: 'bot' });
    expect(half.stdout).toContain('::error::env-cd: secret PUBLISH_PASSWORD is empty while its user name is set');
  });
});

describe("env-cd's own inputs", () => {
  const check = async (env: Record<string, string>) =>
    runWorkflowStep(await workflowStep('.github/workflows/env-cd.yml', 'check', 'inputs'), {
      STRATEGY: 'rolling',
      IMAGE_TAGS: '',
      REGISTRY: '',
      REGISTRY_USERNAME: '',
      ...env,
    });

  it.each(['rolling', 'canary', 'blue-green'])('accepts strategy %s', async (strategy) => {
    expect((await check({ STRATEGY: strategy })).code).toBe(0);
  });

  it('refuses an unknown strategy and image-tags credentials without a registry', async () => {
    expect((await check({ STRATEGY: 'linear' })).stdout).toContain(
      "::error::env-cd: input 'strategy': 'linear' is not supported; expected rolling, canary or blue-green",
    );
    expect((await check({ IMAGE_TAGS: 'production', REGISTRY_USERNAME: 'bot' })).stdout).toContain(
      "::error::env-cd: input 'registry' is required with secret REGISTRY_USERNAME",
    );
  });
});

describe('which environment a run is about (stage.sh)', () => {
  const stage = async (env: Record<string, string>) =>
    runWorkflowStep(await workflowStep('.github/workflows/env-cd.yml', 'check', 'stage'), {
      WORKFLOW: 'env-cd',
      STAGE: '',
      STAGES: '',
      CANDIDATE_BRANCH: 'candidate',
      PRODUCTION_BRANCH: 'production',
      ENVIRONMENT: 'production',
      IMAGE_TAGS: '',
      STAGE_IMAGE_TAGS: '',
      ...env,
    });

  it("keeps the tutorial's two branches when no stage is named", async () => {
    expect((await stage({})).outputs).toEqual({
      stage: '',
      'candidate-branch': 'candidate',
      'production-branch': 'production',
      environment: 'production',
      'next-stage': '',
      'next-candidate-branch': '',
      'next-production-branch': '',
      'image-tags': '',
      last: 'true',
    });
  });

  it.each([
    [{ CANDIDATE_BRANCH: 'env/staging/candidate' }, 'staging'],
    [{ STAGE: 'staging' }, 'staging'],
  ])('names a stage by %j, and its branches, GitHub environment and next stage follow', async (env, name) => {
    const run = await stage({ ...env, STAGES: 'dev, staging,\nproduction' });
    expect(run.outputs).toEqual({
      stage: name,
      'candidate-branch': 'env/staging/candidate',
      'production-branch': 'env/staging/production',
      environment: 'staging',
      'next-stage': 'production',
      'next-candidate-branch': 'env/production/candidate',
      'next-production-branch': 'env/production/production',
      'image-tags': '',
      last: 'false',
    });
  });

  it("adds one stage's image tags to those of every stage", async () => {
    const run = await stage({
      STAGE: 'staging',
      IMAGE_TAGS: 'live\nlatest',
      STAGE_IMAGE_TAGS: 'staging=rc-{app-short-sha}\nproduction=release-{app-short-sha}',
    });
    expect(run.outputs['image-tags']).toBe('live,latest,rc-{app-short-sha}');
    const bad = await stage({ STAGE: 'staging', STAGE_IMAGE_TAGS: 'rc-{app-short-sha}' });
    expect(bad.stdout).toContain("::error::env-cd: input 'stage-image-tags': 'rc-{app-short-sha}' is not supported");
  });

  it('draws where the run stands in the chain', async () => {
    const run = await stage({ STAGE: 'staging', STAGES: 'dev staging production' });
    expect(run.summary).toContain('```mermaid\nflowchart LR\n');
    expect(run.summary).toContain('staging["staging: this run"]:::here');
    expect(run.summary).toContain('dev -- by digest --> staging');
    expect(run.summary).toContain('staging -- by digest --> production');
    expect((await stage({})).summary).toBe('');
  });

  it('keeps what is given explicitly', async () => {
    const run = await stage({ STAGE: 'staging', PRODUCTION_BRANCH: 'released/staging', ENVIRONMENT: 'stage-eu' });
    expect(run.outputs).toMatchObject({ 'production-branch': 'released/staging', environment: 'stage-eu' });
  });

  it.each([
    [{ STAGE: 'Staging!' }, "input 'stage': 'Staging!' is not supported"],
    [{ STAGES: 'dev production' }, "input 'stages' is set, but this run names no stage"],
    [{ STAGE: 'qa', STAGES: 'dev production' }, "input 'stages': 'dev production' does not name this run's stage 'qa'"],
  ])('refuses %j', async (env, message) => {
    const run = await stage(env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::env-cd: ${message}`);
  });
});

describe('the app commit and its status', () => {
  it('finds the app commit in the Source-Commit trailer of the revision, carried through promotions, and none otherwise', async () => {
    const app = 'b'.repeat(40);
    const bare = await makeBareRepo(await tempDir('app-commit'), 'env', [
      { branch: 'candidate', files: { 'a.yaml': 'a: 1\n' }, message: `Update hello\n\nSource-Commit: acme/hello@${app}\nImage: x` },
      { branch: 'plain', files: { 'a.yaml': 'a: 2\n' }, message: 'Edited by hand' },
    ]);
    const step = await workflowStep('.github/workflows/env-cd.yml', 'check', 'app-commit');
    const found = await runWorkflowStep(step, {
      ENV_URL: bare,
      ENV_REPOSITORY: 'acme/hello-env',
      REVISION: (await tipOf(bare, 'candidate'))!,
      TOKEN: '',
    });
    expect(found.code).toBe(0);
    expect(found.outputs).toEqual({ repository: 'acme/hello', sha: app, name: 'hello' });
    const other = await runWorkflowStep(step, {
      ENV_URL: bare,
      ENV_REPOSITORY: 'other/env',
      REVISION: (await tipOf(bare, 'candidate'))!,
      TOKEN: '',
    });
    expect(other.outputs).toEqual({ repository: 'acme/hello', sha: app, name: '' });
    const none = await runWorkflowStep(step, {
      ENV_URL: bare,
      ENV_REPOSITORY: 'acme/hello-env',
      REVISION: (await tipOf(bare, 'plain'))!,
      TOKEN: '',
    });
    expect(none.outputs).toEqual({ repository: '', sha: '', name: '' });
  });

  it('writes the commit status, and a refusal is a warning, not a failed deployment', async () => {
    const api = await startGitHubApi();
    try {
      const step = await workflowStep('.github/workflows/env-cd.yml', 'deploy', 'Tell the app commit how it ended');
      const base = {
        APP_REPOSITORY: 'acme/hello',
        APP_SHA: 'c'.repeat(40),
        ENVIRONMENT: 'production',
        REVISION: 'd'.repeat(40),
        STATE: '',
        DESCRIPTION: '',
        JOB_STATUS: 'success',
        DEPLOY_RESULT: 'succeeded',
        ANALYSIS_OUTCOME: 'skipped',
        RECORD_OUTCOME: 'success',
        HELD_AT: '',
        TOKEN: 'ghs_secret',
        GITHUB_API_URL: api.url,
        GITHUB_REPOSITORY: 'acme/hello-env',
        GITHUB_RUN_ID: '7',
      };
      const told = await runWorkflowStep(step, base);
      expect(told.code).toBe(0);
      expect(api.requests.at(-1)).toMatchObject({
        method: 'POST',
        path: `/repos/acme/hello/statuses/${'c'.repeat(40)}`,
        authorization: 'Bearer ghs_secret',
        body: {
          state: 'success',
          context: 'gitops-delivery/production',
          description: 'production runs it: ddddddd recorded on production',
          target_url: 'https://github.com/acme/hello-env/actions/runs/7',
        },
      });
      expect(told.stdout + told.stderr).not.toContain('ghs_secret');

      // A canary held at a step (canary-step-per-run) is pending, not done.
      await runWorkflowStep(step, { ...base, RECORD_OUTCOME: 'skipped', HELD_AT: '2 of 3' });
      expect(api.requests.at(-1)!.body).toMatchObject({
        state: 'pending',
        description: 'the canary of ddddddd passed step 2 of 3 in production; the next run serves the next step',
      });

      const refused = await runWorkflowStep(step, { ...base, TOKEN: '', GITHUB_API_URL: `${api.url}/nowhere` });
      expect(refused.code).toBe(0);
      expect(refused.stdout).toContain('::warning::could not write the commit status of acme/hello@ccccccc (HTTP 404)');
    } finally {
      await api.close();
    }
  });
});

describe('a canary held at a step (canary-hold.sh)', () => {
  it('outputs held, and says in the log and the summary which step passed and what the next run serves', async () => {
    const step = await workflowStep('.github/workflows/env-cd.yml', 'deploy', 'hold');
    const held = await runWorkflowStep(step, { STEP: '2', COUNT: '3', SHARE: '25' });
    expect(held.code).toBe(0);
    expect(held.outputs).toEqual({ held: 'true' });
    expect(held.stdout).toContain(
      "::notice::env-cd: canary step 2 of 3 passed its analysis and keeps serving 25%; run env-cd again (with the environment's approval) for step 3",
    );
    expect(held.summary).toBe(
      "### Canary held at step 2 of 3\n\nCanary step 2 of 3 passed its analysis and keeps serving 25%; run env-cd again (with the environment's approval) for step 3.\n",
    );
  });
});
