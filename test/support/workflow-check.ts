// Checks what actionlint cannot know: that the workflows compose this
// project's actions and reusable workflows by their real contracts (inputs,
// outputs, secrets), and the project's security rules for workflows.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';

export const root = new URL('../..', import.meta.url).pathname;

/** How this repository is referenced from other repositories: OWNER/gitops-delivery[/path]@ref. */
export const PROJECT_SLUG = 'OWNER/gitops-delivery';
/**
 * Where the reusable workflows check out the actions of their own commit,
 * relative to the job's workspace; they use them as `./.gitops-delivery/actions/<name>`.
 */
export const ACTIONS_CHECKOUT = '.gitops-delivery';

interface Parameter {
  required: boolean;
  hasDefault: boolean;
}
export interface ActionContract {
  file: string;
  inputs: Map<string, Parameter>;
  outputs: Set<string>;
}
export interface WorkflowContract {
  file: string;
  inputs: Map<string, Parameter>;
  secrets: Map<string, Parameter>;
  outputs: Set<string>;
  /** The most any of its jobs asks of the run's token, by scope: what a caller must grant. */
  permissions: Map<string, Level>;
}
type Level = 'none' | 'read' | 'write';
const LEVELS: Level[] = ['none', 'read', 'write'];
export interface Contracts {
  /** By the path after the repository: 'actions/build-push', '' for the root action. */
  actions: Map<string, ActionContract>;
  /** By the path in the repository: '.github/workflows/app-ci.yml'. */
  workflows: Map<string, WorkflowContract>;
}

type Yaml = Record<string, unknown>;
const isObject = (value: unknown): value is Yaml => typeof value === 'object' && value !== null && !Array.isArray(value);
const keys = (value: unknown): string[] => (isObject(value) ? Object.keys(value) : []);

function parameters(spec: unknown): Map<string, Parameter> {
  const result = new Map<string, Parameter>();
  for (const [name, value] of Object.entries(isObject(spec) ? spec : {})) {
    const body = isObject(value) ? value : {};
    result.set(name, { required: body.required === true, hasDefault: body.default !== undefined });
  }
  return result;
}

export function actionContract(text: string, file: string): ActionContract {
  const action = parse(text) as Yaml;
  return { file, inputs: parameters(action.inputs), outputs: new Set(keys(action.outputs)) };
}

export function workflowContract(text: string, file: string): WorkflowContract | undefined {
  const workflow = parse(text) as Yaml;
  const on = workflow.on;
  const call = isObject(on) ? on.workflow_call : undefined;
  if (call === undefined) return undefined;
  const body = isObject(call) ? call : {};
  const permissions = new Map<string, Level>();
  for (const job of Object.values(isObject(workflow.jobs) ? workflow.jobs : {})) {
    const asked = isObject(job) && isObject(job.permissions) ? job.permissions : {};
    for (const [scope, level] of Object.entries(asked)) {
      if (LEVELS.indexOf(level as Level) > LEVELS.indexOf(permissions.get(scope) ?? 'none')) permissions.set(scope, level as Level);
    }
  }
  return { file, inputs: parameters(body.inputs), secrets: parameters(body.secrets), outputs: new Set(keys(body.outputs)), permissions };
}

/** Every action.yml and reusable workflow of this repository. */
export function loadContracts(): Contracts {
  const actions = new Map<string, ActionContract>();
  actions.set('', actionContract(readFileSync(join(root, 'action.yml'), 'utf8'), 'action.yml'));
  for (const name of readdirSync(join(root, 'actions'))) {
    const file = join('actions', name, 'action.yml');
    if (existsSync(join(root, file))) actions.set(`actions/${name}`, actionContract(readFileSync(join(root, file), 'utf8'), file));
  }
  const workflows = new Map<string, WorkflowContract>();
  for (const file of workflowFiles().filter((path) => path.startsWith('.github/'))) {
    const contract = workflowContract(readFileSync(join(root, file), 'utf8'), file);
    if (contract) workflows.set(file, contract);
  }
  return { actions, workflows };
}

/** The project's workflows and the examples' workflows, relative to the root. */
export function workflowFiles(): string[] {
  const found: string[] = [];
  const inFolder = (folder: string) =>
    existsSync(join(root, folder))
      ? readdirSync(join(root, folder))
          .filter((name) => /\.ya?ml$/.test(name))
          .map((name) => join(folder, name))
      : [];
  found.push(...inFolder('.github/workflows'));
  for (const example of existsSync(join(root, 'examples')) ? readdirSync(join(root, 'examples')) : []) {
    found.push(...inFolder(join('examples', example, '.github/workflows')));
  }
  return found.sort();
}

export function actionFiles(): string[] {
  return ['action.yml', ...readdirSync(join(root, 'actions')).map((name) => join('actions', name, 'action.yml'))].filter((file) =>
    existsSync(join(root, file)),
  );
}

/** What a `uses:` names when it is one of ours; undefined for anything else. */
function ours(uses: string, file: string): { kind: 'action' | 'workflow'; path: string } | undefined {
  let path: string | undefined;
  if (uses.startsWith(`./${ACTIONS_CHECKOUT}/`)) {
    path = uses.slice(`./${ACTIONS_CHECKOUT}/`.length).replace(/\/$/, '');
  } else if (uses.startsWith('./')) {
    // `./` is the checkout of the repository the workflow runs in: this one for
    // .github/workflows, the example's own repository for examples/<name>.
    const repoRoot = relative(root, dirname(dirname(dirname(join(root, file)))));
    path = join(repoRoot, uses.slice(2)).replace(/\/$/, '');
    if (repoRoot) return path.includes('.github/workflows/') ? { kind: 'workflow', path } : undefined;
  } else if (uses === PROJECT_SLUG || uses.startsWith(`${PROJECT_SLUG}/`) || uses.startsWith(`${PROJECT_SLUG}@`)) {
    path = uses
      .slice(PROJECT_SLUG.length)
      .replace(/@[^@]*$/, '')
      .replace(/^\//, '');
  }
  if (path === undefined) return undefined;
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) ? { kind: 'workflow', path } : { kind: 'action', path };
}

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Yaml;
}
interface Job {
  needs?: string | string[];
  uses?: string;
  with?: Yaml;
  secrets?: Yaml | 'inherit';
  outputs?: Yaml;
  permissions?: unknown;
  steps?: Step[];
}

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

/** The expressions in a value: the `${{ }}` parts, or the whole of an `if:`. */
function expressions(value: unknown, key: string): string[] {
  if (typeof value !== 'string') return [];
  if (key === 'if' && !value.includes('${{')) return [value];
  return [...value.matchAll(EXPRESSION)].map((match) => match[1]);
}

/** Every (key, string) pair below a node, with the key that holds it. */
function* strings(node: unknown, key = ''): Generator<[string, string]> {
  if (typeof node === 'string') yield [key, node];
  else if (Array.isArray(node)) for (const item of node) yield* strings(item, key);
  else if (isObject(node)) for (const [name, value] of Object.entries(node)) yield* strings(value, name);
}

/**
 * The problems of one workflow, as `file: job …: what` lines; empty when it
 * is sound. `contracts` are this repository's actions and reusable workflows.
 */
export function checkWorkflow(text: string, file: string, contracts: Contracts): string[] {
  const problems: string[] = [];
  const report = (where: string, what: string) => problems.push(`${file}: ${where}: ${what}`);
  const workflow = parse(text) as Yaml;
  const jobs = (isObject(workflow.jobs) ? workflow.jobs : {}) as Record<string, Job>;
  const self = workflowContract(text, file);
  const on = isObject(workflow.on) ? workflow.on : {};
  const dispatch = isObject(on.workflow_dispatch) ? parameters(on.workflow_dispatch.inputs) : new Map<string, Parameter>();
  const declaredInputs = new Set([...(self?.inputs.keys() ?? []), ...dispatch.keys()]);

  if (!('permissions' in workflow)) report('workflow', "declares no 'permissions'");

  // What each job offers to `needs.<job>.outputs`.
  const jobOutputs = new Map<string, Set<string>>();
  for (const [name, job] of Object.entries(jobs)) {
    const called = job.uses ? ours(job.uses, file) : undefined;
    const contract = called?.kind === 'workflow' ? contracts.workflows.get(called.path) : undefined;
    jobOutputs.set(name, contract ? contract.outputs : new Set(keys(job.outputs)));
  }

  for (const [name, job] of Object.entries(jobs)) {
    const where = `job ${name}`;
    if (!('permissions' in job)) report(where, "declares no 'permissions'");
    const needs = new Set(typeof job.needs === 'string' ? [job.needs] : (job.needs ?? []));
    for (const need of needs) if (!jobs[need]) report(where, `needs job '${need}', which does not exist`);

    // Every expression of the job, wherever it is.
    for (const [key, value] of strings(job)) {
      for (const expression of expressions(value, key)) {
        for (const [, other, output] of expression.matchAll(/\bneeds\.([\w-]+)\.outputs\.([\w-]+)/g)) {
          if (!needs.has(other)) report(where, `uses needs.${other}.outputs.${output} without 'needs: ${other}'`);
          else if (!jobOutputs.get(other)?.has(output))
            report(where, `uses needs.${other}.outputs.${output}, which job ${other} does not declare`);
        }
        if (self || dispatch.size) {
          for (const [, input] of expression.matchAll(/\binputs\.([\w-]+)/g)) {
            if (!declaredInputs.has(input)) report(where, `uses inputs.${input}, which the workflow does not declare`);
          }
        }
        if (self) {
          for (const [, secret] of expression.matchAll(/\bsecrets\.([\w-]+)/g)) {
            if (secret !== 'GITHUB_TOKEN' && !self.secrets.has(secret))
              report(where, `uses secrets.${secret}, which workflow_call does not declare`);
          }
        }
      }
    }

    if (job.uses) {
      checkUses(job.uses, where, report);
      const called = ours(job.uses, file);
      if (called?.kind === 'workflow') {
        const contract = contracts.workflows.get(called.path);
        if (!contract) report(where, `calls ${job.uses}, which is not a reusable workflow of this repository`);
        else {
          checkArguments(where, 'input', keys(job.with), contract.inputs, job.uses, report);
          if (job.secrets !== 'inherit') checkArguments(where, 'secret', keys(job.secrets), contract.secrets, job.uses, report);
          // GitHub refuses to start a called workflow whose jobs ask for more than the caller grants.
          const granted = isObject(job.permissions) ? job.permissions : isObject(workflow.permissions) ? workflow.permissions : {};
          for (const [scope, level] of contract.permissions) {
            if (LEVELS.indexOf((granted[scope] as Level) ?? 'none') < LEVELS.indexOf(level))
              report(where, `grants ${scope}: ${String(granted[scope] ?? 'none')}, but ${job.uses} asks for ${scope}: ${level}`);
          }
        }
      }
      continue;
    }

    const stepActions = new Map<string, ActionContract | undefined>();
    for (const [index, step] of (job.steps ?? []).entries()) {
      const at = `${where} step ${step.id ?? index + 1}`;
      if (step.id) stepActions.set(step.id, undefined);
      if (step.run !== undefined) {
        for (const expression of expressions(step.run, 'run')) {
          report(at, `interpolates \${{${expression}}} into 'run'; pass it through 'env' instead`);
        }
      }
      if (!step.uses) continue;
      checkUses(step.uses, at, report);
      const used = ours(step.uses, file);
      if (used?.kind !== 'action') continue;
      const contract = contracts.actions.get(used.path);
      if (!contract) {
        report(at, `uses ${step.uses}, which is not an action of this repository`);
        continue;
      }
      if (step.id) stepActions.set(step.id, contract);
      checkArguments(at, 'input', keys(step.with), contract.inputs, step.uses, report);
    }
    for (const [key, value] of strings(job)) {
      for (const expression of expressions(value, key)) {
        for (const [, id, output] of expression.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
          if (!stepActions.has(id)) report(where, `uses steps.${id}.outputs.${output}, but no step has id '${id}'`);
          const contract = stepActions.get(id);
          if (contract && !contract.outputs.has(output))
            report(where, `uses steps.${id}.outputs.${output}, which ${contract.file} does not declare`);
        }
      }
    }
  }

  // A reusable workflow's outputs come from its jobs' outputs.
  const callOutputs = isObject(on.workflow_call) && isObject(on.workflow_call.outputs) ? on.workflow_call.outputs : {};
  for (const [name, spec] of Object.entries(callOutputs)) {
    const value = isObject(spec) ? spec.value : undefined;
    for (const expression of expressions(value, 'value')) {
      for (const [, job, output] of expression.matchAll(/\bjobs\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        if (!jobOutputs.get(job)?.has(output))
          report(`output ${name}`, `uses jobs.${job}.outputs.${output}, which job ${job} does not declare`);
      }
    }
  }
  return problems;
}

function checkUses(uses: string, where: string, report: (where: string, what: string) => void) {
  if (uses.startsWith('./') || uses.startsWith('docker://') || uses.startsWith(`${PROJECT_SLUG}/`) || uses.startsWith(`${PROJECT_SLUG}@`))
    return;
  if (!/@[0-9a-f]{40}$/.test(uses)) report(where, `uses ${uses}, which is not pinned to a full commit SHA`);
}

function checkArguments(
  where: string,
  kind: 'input' | 'secret',
  given: string[],
  declared: Map<string, Parameter>,
  uses: string,
  report: (where: string, what: string) => void,
) {
  for (const name of given) if (!declared.has(name)) report(where, `gives ${kind} '${name}', which ${uses} does not declare`);
  for (const [name, spec] of declared) {
    if (spec.required && !spec.hasDefault && !given.includes(name))
      report(where, `does not give ${kind} '${name}', which ${uses} requires`);
  }
}
