#!/usr/bin/env node
// Runs kube-sim until killed:
//   npm run kube-sim -- --kubeconfig PATH [--port N] [--registry HOST:PORT]...
//     [--rule BEHAVIOR=PATTERN]... [--server-version 1.30] [--nodes N]
//     [--ready-delay MS] [--time-scale X]
// A PATTERN is a glob on the image (`*` any run of characters), or /regex/.
import { parseArgs } from 'node:util';
import { startKubeSim } from './index.mjs';

const BEHAVIORS = ['crashloop', 'slow', 'never-ready', 'unschedulable', 'missing', 'run'];

const usage = `usage: kube-sim --kubeconfig PATH [--port N] [--registry HOST:PORT]... [--rule BEHAVIOR=PATTERN]...
                [--server-version MAJOR.MINOR] [--nodes N] [--ready-delay MS] [--time-scale X]
  BEHAVIOR is one of ${BEHAVIORS.join(', ')}; PATTERN is a glob on the image or /regex/`;

/** @param {string} message */
function fail(message) {
  console.error(`kube-sim: ${message}\n${usage}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      kubeconfig: { type: 'string' },
      port: { type: 'string' },
      registry: { type: 'string', multiple: true },
      rule: { type: 'string', multiple: true },
      'server-version': { type: 'string' },
      nodes: { type: 'string' },
      'ready-delay': { type: 'string' },
      'time-scale': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (e) {
  fail(/** @type {Error} */ (e).message);
}
const args = /** @type {NonNullable<typeof parsed>} */ (parsed);
if (args.help) {
  console.log(usage);
  process.exit(0);
}
if (!args.kubeconfig) fail('--kubeconfig PATH is required');

/** @param {string | undefined} text @param {string} flag */
function number(text, flag) {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) fail(`${flag} must be a non-negative number, got ${JSON.stringify(text)}`);
  return n;
}

const rules = (args.rule ?? []).map((spec) => {
  const at = spec.indexOf('=');
  const behavior = spec.slice(0, at);
  const pattern = spec.slice(at + 1);
  if (at < 0 || !BEHAVIORS.includes(behavior) || !pattern) fail(`--rule must be BEHAVIOR=PATTERN, got ${JSON.stringify(spec)}`);
  const image = /^\/.+\/$/.test(pattern) ? new RegExp(pattern.slice(1, -1)) : pattern;
  return { image, behavior: /** @type {import('./images.mjs').ImageRule['behavior']} */ (behavior) };
});

let version;
if (args['server-version']) {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(args['server-version']);
  if (!m) fail(`--server-version must look like 1.30, got ${JSON.stringify(args['server-version'])}`);
  else version = { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

const readyDelay = number(args['ready-delay'], '--ready-delay');
const sim = await startKubeSim({
  kubeconfigPath: args.kubeconfig,
  port: number(args.port, '--port'),
  registries: args.registry ?? [],
  rules,
  version,
  nodes: number(args.nodes, '--nodes'),
  timeScale: number(args['time-scale'], '--time-scale'),
  timings: readyDelay === undefined ? {} : { readyDelayMs: readyDelay },
});
console.log(`kube-sim ready at ${sim.url} (kubeconfig ${sim.kubeconfigPath})`);

const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
