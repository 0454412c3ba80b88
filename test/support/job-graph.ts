// A job-graph simulator for GitHub Actions workflows: which jobs and steps a
// run executes, with which inputs, by GitHub's rules. Every `if:`, `with:`,
// `env:` and output is evaluated by GitHub's own expression evaluator
// (@actions/expressions). The rules applied, from GitHub's documentation:
// - a job or step `if:` without a status function is `success() && (…)`;
// - a job's success() is true when every job it needs, directly or through
//   others, succeeded (a skipped ancestor makes it false); failure() when one
//   of them failed; cancelled() once the run is cancelled; always() always;
// - a step's success() is true while no earlier step of the job failed (a
//   step with continue-on-error counts as succeeded) and the run is not
//   cancelled;
// - a skipped job has result 'skipped' and empty outputs; a job in an
//   environment waits for its approval first: refused or timed out fails it,
//   a run cancelled while it waits cancels it;
// - a local action (`uses: ./path`) exists only once a step of the same job
//   checked it out under that path.
// What a step does is the caller's `World`: it is given the evaluated inputs
// and environment and returns the outcome and outputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { parse } from 'yaml';
import { root } from './workflow-check.js';

export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped';
export type StepOutcome = 'success' | 'failure' | 'cancelled' | 'skipped';
export type Approval = 'approved' | 'rejected' | 'timed-out' | 'cancelled';

interface StepSpec {
  id?: string;
  name?: string;
  if?: string | boolean;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'continue-on-error'?: boolean;
}
interface JobSpec {
  name?: string;
  needs?: string | string[];
  if?: string | boolean;
  environment?: string | { name: string };
  concurrency?: string | { group: string; 'cancel-in-progress'?: boolean; queue?: string };
  permissions?: Record<string, string> | string;
  env?: Record<string, unknown>;
  outputs?: Record<string, string>;
  steps?: StepSpec[];
  /** A call of a reusable workflow of this repository. */
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
}
type InputSpecs = Record<string, { type: string; default?: unknown; required?: boolean }>;
export interface WorkflowSpec {
  env?: Record<string, unknown>;
  on: {
    workflow_call?: { inputs?: InputSpecs; outputs?: Record<string, { value: string }> };
    workflow_dispatch?: { inputs?: InputSpecs };
  };
  jobs: Record<string, JobSpec>;
}

export interface StepCall {
  job: string;
  /** The step's id, or its name when it has none. */
  key: string;
  uses?: string;
  run?: string;
  with: Record<string, string>;
  env: Record<string, string>;
}
export interface StepEffect {
  outcome: 'success' | 'failure' | 'cancelled';
  outputs?: Record<string, string>;
}
export interface World {
  step(call: StepCall): StepEffect | Promise<StepEffect>;
  approval?(job: string, environment: string): Approval;
}

export interface StepRecord extends StepCall {
  outcome: StepOutcome;
  conclusion: StepOutcome;
  outputs: Record<string, string>;
}
export interface JobRecord {
  result: JobResult;
  outputs: Record<string, string>;
  steps: StepRecord[];
  environment?: string;
  concurrency?: { group: string; cancelInProgress: boolean; queue: string };
  /** Local actions checked out in the job: path → the checkout's `with`. */
  checkouts: Map<string, Record<string, string>>;
  /** The run of the reusable workflow the job called. */
  called?: RunRecord;
}
export interface RunRecord {
  jobs: Map<string, JobRecord>;
  cancelled: boolean;
  outputs: Record<string, string>;
}

export interface RunSpec {
  inputs?: Record<string, unknown>;
  secrets?: Record<string, string>;
  github?: Record<string, unknown>;
  vars?: Record<string, string>;
  world: World;
}

export function loadWorkflow(file: string): WorkflowSpec {
  return parse(readFileSync(join(root, file), 'utf8')) as WorkflowSpec;
}

const STATUS = /\b(success|failure|always|cancelled)\s*\(/;
const CONTEXTS = ['github', 'inputs', 'vars', 'needs', 'steps', 'job', 'jobs', 'runner', 'env', 'secrets', 'matrix', 'strategy'];

interface Status {
  success: boolean;
  failure: boolean;
  cancelled: boolean;
}

function statusFunctions(status: Status): Map<string, FunctionDefinition> {
  const fn = (name: string, value: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value()) },
  ];
  return new Map([
    fn('success', () => status.success),
    fn('failure', () => status.failure),
    fn('cancelled', () => status.cancelled),
    fn('always', () => true),
  ]);
}

const toData = (value: unknown): data.Dictionary => JSON.parse(JSON.stringify(value), data.reviver) as data.Dictionary;

function evaluate(expression: string, context: Record<string, unknown>, status?: Status): unknown {
  const functions = statusFunctions(status ?? { success: true, failure: false, cancelled: false });
  const tokens = new Lexer(expression).lex().tokens;
  const tree = new Parser(
    tokens,
    CONTEXTS,
    [...functions.values()].map(({ name, minArgs, maxArgs }) => ({ name, minArgs, maxArgs })),
  ).parse();
  const result = new Evaluator(tree, toData(context), functions).evaluate();
  return JSON.parse(JSON.stringify(result, data.replacer)) as unknown;
}

/** GitHub's conversion of a value to the string an input or variable receives. */
function asString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A string with `${{ }}` parts, evaluated; a value that is one whole expression keeps its type. */
function template(value: unknown, context: Record<string, unknown>): unknown {
  if (typeof value !== 'string') return value;
  const whole = value.match(/^\s*\$\{\{([\s\S]*?)\}\}\s*$/);
  if (whole) return evaluate(whole[1], context);
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => asString(evaluate(expression, context)));
}

function templates(values: Record<string, unknown> | undefined, context: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, asString(template(value, context))]));
}

const truthy = (value: unknown) => !(value === null || value === false || value === 0 || value === '' || Number.isNaN(value));

/** An `if:` by GitHub's rules: the bare expression, with an implicit success() when it calls no status function. */
function condition(spec: string | boolean | undefined, context: Record<string, unknown>, status: Status): boolean {
  if (spec === undefined) return status.success;
  if (typeof spec === 'boolean') return status.success && spec;
  const whole = spec.match(/^\s*\$\{\{([\s\S]*)\}\}\s*$/);
  const expression = whole ? whole[1] : spec;
  const guarded = STATUS.test(expression) ? expression : `success() && (${expression})`;
  return truthy(evaluate(guarded, context, status));
}

const needsOf = (job: JobSpec) => (typeof job.needs === 'string' ? [job.needs] : (job.needs ?? []));

function ancestors(jobs: Record<string, JobSpec>, name: string, seen = new Set<string>()): Set<string> {
  for (const need of needsOf(jobs[name])) {
    if (!seen.has(need)) {
      seen.add(need);
      ancestors(jobs, need, seen);
    }
  }
  return seen;
}

function order(jobs: Record<string, JobSpec>): string[] {
  const done: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (done.includes(name)) return;
    if (path.includes(name)) throw new Error(`jobs form a cycle: ${[...path, name].join(' -> ')}`);
    if (!jobs[name]) throw new Error(`job '${path.at(-1)}' needs '${name}', which does not exist`);
    for (const need of needsOf(jobs[name])) visit(need, [...path, name]);
    done.push(name);
  };
  for (const name of Object.keys(jobs)) visit(name, []);
  return done;
}

/** The inputs of a workflow_call (or of a workflow_dispatch), with the declared defaults and types. */
function callInputs(workflow: WorkflowSpec, given: Record<string, unknown>): Record<string, unknown> {
  const declared = workflow.on.workflow_call?.inputs ?? workflow.on.workflow_dispatch?.inputs ?? {};
  const unknown = Object.keys(given).filter((name) => !(name in declared));
  if (unknown.length) throw new Error(`the workflow declares no input ${unknown.join(', ')}`);
  const inputs: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const value = name in given ? given[name] : spec.default;
    if (value === undefined && spec.required) throw new Error(`input '${name}' is required`);
    inputs[name] =
      spec.type === 'boolean' ? value === true || value === 'true' : spec.type === 'number' ? Number(value ?? 0) : (value ?? '');
  }
  return inputs;
}

/** Runs a reusable workflow's job graph once, as GitHub would, against `world`. */
export async function simulate(workflow: WorkflowSpec, spec: RunSpec): Promise<RunRecord> {
  const run: RunRecord = { jobs: new Map(), cancelled: false, outputs: {} };
  const base = {
    github: { token: 'ghs_run_token', server_url: 'https://github.com', ...spec.github },
    inputs: callInputs(workflow, spec.inputs ?? {}),
    secrets: { GITHUB_TOKEN: 'ghs_run_token', ...spec.secrets },
    vars: spec.vars ?? {},
    runner: { os: 'Linux', temp: '/home/runner/work/_temp' },
  };
  const workflowEnv = templates(workflow.env, base);

  for (const name of order(workflow.jobs)) {
    const job = workflow.jobs[name];
    const needs = Object.fromEntries(
      needsOf(job).map((need) => [need, { result: run.jobs.get(need)!.result, outputs: run.jobs.get(need)!.outputs }]),
    );
    const before = [...ancestors(workflow.jobs, name)].map((other) => run.jobs.get(other)!.result);
    const jobStatus: Status = {
      success: !run.cancelled && before.every((result) => result === 'success'),
      failure: before.includes('failure'),
      cancelled: run.cancelled,
    };
    const jobContext = { ...base, needs, env: workflowEnv };
    const record: JobRecord = { result: 'skipped', outputs: {}, steps: [], checkouts: new Map() };
    run.jobs.set(name, record);
    if (job.concurrency) {
      const concurrency = typeof job.concurrency === 'string' ? { group: job.concurrency } : job.concurrency;
      record.concurrency = {
        group: asString(template(concurrency.group, jobContext)),
        cancelInProgress: concurrency['cancel-in-progress'] === true,
        queue: concurrency.queue ?? 'single',
      };
    }
    if (!condition(job.if, jobContext, jobStatus)) continue;

    if (job.uses) {
      const file = job.uses.match(/(?:^\.\/|\/gitops-delivery\/)(\.github\/workflows\/[\w.-]+\.ya?ml)(?:@.+)?$/)?.[1];
      if (!file) throw new Error(`job ${name} calls ${job.uses}, which is not a reusable workflow of this repository`);
      const inputs = Object.fromEntries(Object.entries(job.with ?? {}).map(([key, value]) => [key, template(value, jobContext)]));
      const secrets = job.secrets === 'inherit' ? spec.secrets : templates(job.secrets, jobContext);
      record.called = await simulate(loadWorkflow(file), { ...spec, inputs, secrets });
      const results = [...record.called.jobs.values()].map((called) => called.result);
      if (record.called.cancelled) run.cancelled = true;
      record.result = results.includes('failure') ? 'failure' : record.called.cancelled ? 'cancelled' : 'success';
      record.outputs = record.called.outputs;
      continue;
    }

    if (job.environment) {
      record.environment = asString(template(typeof job.environment === 'string' ? job.environment : job.environment.name, jobContext));
      const approval = spec.world.approval?.(name, record.environment) ?? 'approved';
      if (approval === 'cancelled') run.cancelled = true;
      if (approval !== 'approved') {
        record.result = approval === 'cancelled' ? 'cancelled' : 'failure';
        continue;
      }
    }

    const env = { ...workflowEnv, ...templates(job.env, jobContext) };
    const steps: Record<string, { outcome: StepOutcome; conclusion: StepOutcome; outputs: Record<string, string> }> = {};
    let failed = false;
    for (const [index, step] of (job.steps ?? []).entries()) {
      const key = step.id ?? step.name ?? `step ${index + 1}`;
      const context = { ...jobContext, env, steps, job: { status: run.cancelled ? 'cancelled' : failed ? 'failure' : 'success' } };
      const status: Status = { success: !run.cancelled && !failed, failure: failed, cancelled: run.cancelled };
      const call: StepCall = { job: name, key, uses: step.uses, run: step.run, with: {}, env: {} };
      let effect: StepEffect = { outcome: 'success' };
      let outcome: StepOutcome = 'skipped';
      if (condition(step.if, context, status)) {
        call.with = templates(step.with, context);
        call.env = { ...env, ...templates(step.env, context) };
        effect = localActionMissing(record, step.uses) ?? (await spec.world.step(call));
        outcome = effect.outcome;
        if (step.uses?.startsWith('actions/checkout@') && outcome === 'success') record.checkouts.set(call.with.path ?? '.', call.with);
        if (outcome === 'cancelled') run.cancelled = true;
      }
      const conclusion: StepOutcome = outcome === 'failure' && step['continue-on-error'] === true ? 'success' : outcome;
      if (conclusion === 'failure') failed = true;
      const outputs = outcome === 'skipped' ? {} : (effect.outputs ?? {});
      if (step.id) steps[step.id] = { outcome, conclusion, outputs };
      record.steps.push({ ...call, outcome, conclusion, outputs });
    }
    record.result = failed ? 'failure' : run.cancelled ? 'cancelled' : 'success';
    record.outputs = templates(job.outputs, { ...jobContext, env, steps, job: { status: record.result } });
  }

  const jobs = Object.fromEntries([...run.jobs].map(([name, record]) => [name, { result: record.result, outputs: record.outputs }]));
  for (const [name, output] of Object.entries(workflow.on.workflow_call?.outputs ?? {})) {
    run.outputs[name] = asString(template(output.value, { ...base, jobs }));
  }
  return run;
}

/** GitHub fails a step whose local action was never checked out in its job. */
function localActionMissing(job: JobRecord, uses: string | undefined): StepEffect | undefined {
  if (!uses?.startsWith('./')) return undefined;
  const path = uses.slice(2);
  const checkedOut = [...job.checkouts.keys()].some((dir) => dir !== '.' && path.startsWith(`${dir.replace(/\/$/, '')}/`));
  return checkedOut
    ? undefined
    : { outcome: 'failure', outputs: { error: `Can't find 'action.yml' under '${uses}': no step of this job checked it out` } };
}
