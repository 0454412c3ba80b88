// env-cd.yml's check job, run from the workflow file as written: a candidate
// is deployed only while it is the tip of the candidate branch.
import { git, makeBareRepo, tempDir } from '../support/git.js';
import { runWorkflowStep, workflowStep } from '../support/workflow-step.js';

describe('env-cd.yml check step', () => {
  it('deploys the tip of candidate, skips a superseded candidate, refuses bad input', async () => {
    const step = await workflowStep('.github/workflows/env-cd.yml', 'check', 'tip');
    const bare = await makeBareRepo(await tempDir('env-cd'), 'hello-env', [
      { branch: 'candidate', files: { 'kubernetes.yaml': 'image: hello:v1\n' }, message: 'Deploy v1' },
      { branch: 'candidate', files: { 'kubernetes.yaml': 'image: hello:v2\n' }, message: 'Deploy v2' },
    ]);
    const [older, tip] = (await git(bare, ['rev-list', '--reverse', 'candidate'])).split('\n');
    const check = (revision: string, branch = 'candidate') =>
      runWorkflowStep(step, {
        ENV_URL: bare,
        ENV_REPOSITORY: bare,
        CANDIDATE_BRANCH: branch,
        PRODUCTION_BRANCH: 'production',
        REVISION: revision,
        TOKEN: '',
      });

    const current = await check(tip);
    expect(current.code).toBe(0);
    expect(current.outputs).toEqual({ revision: tip, tip, current: 'true', production: '' });
    expect(current.summary).toContain('| production now | none yet |');

    const superseded = await check(older);
    expect(superseded.code).toBe(0);
    expect(superseded.outputs).toEqual({ revision: older, tip, current: 'false', production: '' });
    expect(superseded.stdout).toContain(`::notice::env-cd: ${older} is no longer the tip of 'candidate' (now ${tip})`);
    expect(superseded.summary).toContain(`Skipped \`${older.slice(0, 12)}\``);

    expect((await check(tip.slice(0, 7))).stdout).toMatch(
      /::error::env-cd: input 'revision': '[0-9a-f]{7}' is not supported; expected a full 40-character/,
    );
    expect((await check(tip, 'nope')).stdout).toMatch(/::error::env-cd: branch 'nope' of .* does not exist/);
    expect((await check(tip, 'bad..name')).stdout).toMatch(
      /::error::env-cd: input 'candidate-branch': 'bad..name' is not a valid branch name/,
    );
  });

  it('shows the reviewers where a promoted candidate was verified', async () => {
    const step = await workflowStep('.github/workflows/env-cd.yml', 'check', 'tip');
    const staging = 'a'.repeat(40);
    const bare = await makeBareRepo(await tempDir('env-cd'), 'hello-env', [
      {
        branch: 'env/production/candidate',
        files: { 'kubernetes.yaml': 'image: hello:v2\n' },
        message: `Promote hello:v2 from env/staging/production\n\nWorkflow run: https://github.com/acme/hello-env/actions/runs/7\n\nPromoted-From-Environment: env/staging/production@${staging}`,
      },
    ]);
    const tip = (await git(bare, ['rev-parse', 'env/production/candidate'])).trim();
    const run = await runWorkflowStep(step, {
      ENV_URL: bare,
      ENV_REPOSITORY: bare,
      CANDIDATE_BRANCH: 'env/production/candidate',
      PRODUCTION_BRANCH: 'env/production/production',
      REVISION: tip,
      TOKEN: '',
    });
    expect(run.code).toBe(0);
    expect(run.summary).toContain(
      `Promoted by digest from \`env/staging/production\` (its success commit \`${staging.slice(0, 12)}\`); verified and recorded in [that run](https://github.com/acme/hello-env/actions/runs/7).`,
    );
  });
});
