// build-push benchmark, two questions:
//   1. How long does a re-run take for a commit whose image exists (skip-existing),
//      against a real build and push of the same image in the same run?
//   2. How does the action's push (buildah push, then the registry's digest and
//      the tags) compare with `skopeo copy` of the same local image to the same
//      kind of registry? skopeo copies to a second docker-registry with the same
//      configuration: both share containers/image's blob cache, and on one
//      registry whichever went second would mount the layers instead of sending them.
// Everything is real: Debian's docker-registry on 127.0.0.1, buildah (vfs,
// chroot), skopeo, and the built bundle dist/build-push/index.js run by node.
// Run from the repository root after `node scripts/build.mjs build-push`:
//
//   node bench/build-push/run.mjs [--runs 5] [--megabytes 32]
//
// Everything it writes goes under bench/.work/build-push/.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    megabytes: { type: 'string', default: '32' },
  },
});
const runs = Number(options.runs);
const megabytes = Number(options.megabytes);

const repository = fileURLToPath(new URL('../..', import.meta.url));
const bundle = join(repository, 'dist/build-push/index.js');
if (!existsSync(bundle)) throw new Error(`${bundle} is missing; run: node scripts/build.mjs build-push`);
const work = join(repository, 'bench/.work/build-push');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// The test support that starts the registry, compiled as it is.
const lib = join(work, 'lib');
execFileSync(
  join(repository, 'node_modules/.bin/tsc'),
  [
    '--outDir',
    lib,
    '--rootDir',
    '.',
    '--module',
    'NodeNext',
    '--moduleResolution',
    'NodeNext',
    '--target',
    'ES2022',
    '--skipLibCheck',
    '--types',
    'node',
    'test/support/registry.ts',
  ],
  { cwd: repository, stdio: 'inherit' },
);
const { startRegistry, buildahStorage, pushShellBaseImage } = await import(pathToFileURL(join(lib, 'test/support/registry.js')).href);

const [registry, mirror] = await Promise.all([startRegistry(), startRegistry()]);
// Stopped whatever happens, so that a failed run leaves no registry behind.
try {
  const storageEnv = await buildahStorage(join(work, 'storage'));
  const env = { ...process.env, ...storageEnv };

  // buildah on PATH is a wrapper that timestamps each call, so the action's push phase can be timed from outside.
  const bin = join(work, 'bin');
  mkdirSync(bin);
  const callLog = join(bin, 'calls.log');
  const realBuildah = execFileSync('sh', ['-c', 'command -v buildah'], { encoding: 'utf8' }).trim();
  writeFileSync(
    join(bin, 'buildah'),
    `#!/bin/sh\nstart=$(date +%s%N)\n'${realBuildah}' "$@"\ncode=$?\necho "$start $(date +%s%N) $*" >> '${callLog}'\nexit $code\n`,
  );
  chmodSync(join(bin, 'buildah'), 0o755);

  const workspace = join(work, 'workspace');
  mkdirSync(join(workspace, 'app'), { recursive: true });
  await pushShellBaseImage(`${registry.host}/base:1`, join(work, 'base'), storageEnv);
  // The base is on both registries, so both pushes may mount its layer and neither has to send it.
  execFileSync(
    'skopeo',
    [
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      `docker://${registry.host}/base:1`,
      `docker://${mirror.host}/base:1`,
    ],
    { env },
  );
  writeFileSync(
    join(workspace, 'app', 'Dockerfile'),
    [`FROM ${registry.host}/base:1`, 'COPY payload.bin /payload.bin', 'RUN echo built > /built.txt', ''].join('\n'),
  );

  let runCount = 0;
  /** One run of the bundle, as the runner runs it; resolves with its wall time in ms. */
  async function runAction(inputs, sha) {
    const dir = join(work, `run-${++runCount}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'output'), '');
    const variables = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [bundle], {
      cwd: workspace,
      env: {
        ...env,
        PATH: `${bin}:${process.env.PATH}`,
        GITHUB_SHA: sha,
        GITHUB_REPOSITORY: 'octo/bench',
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: join(dir, 'output'),
        RUNNER_TEMP: dir,
        ...variables,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    const ended = process.hrtime.bigint();
    if (code !== 0) throw new Error(`build-push exited ${code}:\n${output}`);
    const outputs = readFileSync(join(dir, 'output'), 'utf8');
    return { ms: Number(ended - started) / 1e6, endedNs: BigInt(Date.now()) * 1_000_000n, skipped: /skipped<<(\S+)\ntrue\n/.test(outputs) };
  }

  function lastCall(subcommand) {
    const lines = existsSync(callLog) ? readFileSync(callLog, 'utf8').trim().split('\n') : [];
    const line = lines.reverse().find((entry) => entry.split(' ').slice(2).includes(subcommand));
    if (!line) throw new Error(`no buildah ${subcommand} call was logged`);
    const [start, end] = line.split(' ');
    return { startNs: BigInt(start), endNs: BigInt(end) };
  }

  function timed(command, args) {
    const started = process.hrtime.bigint();
    execFileSync(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    return Number(process.hrtime.bigint() - started) / 1e6;
  }

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const hex = (n) => n.toString(16).padStart(8, '0');

  const builds = [];
  const reruns = [];
  const actionPushes = [];
  const skopeoCopies = [];
  for (let run = 0; run < runs; run++) {
    // A new commit and a new repository each time: every layer has to be uploaded, nothing is mounted.
    const sha = `${hex(run + 1)}${'b'.repeat(32)}`;
    const image = `${registry.host}/bench-${run}`;
    // New incompressible content each run: the push moves what the image weighs, and no earlier layer can be reused.
    writeFileSync(join(workspace, 'app', 'payload.bin'), randomBytes(megabytes * 1024 * 1024));
    const built = await runAction({ image, context: 'app', builder: 'buildah' }, sha);
    if (built.skipped) throw new Error('the first run of a new commit was skipped');
    builds.push(built.ms);
    // The action's push: from the start of `buildah push` to the end of the run (digest asked, tags put).
    const push = lastCall('push');
    actionPushes.push(Number(built.endedNs - push.startNs) / 1e6);

    const rerun = await runAction({ image, context: 'app', builder: 'buildah' }, sha);
    if (!rerun.skipped) throw new Error('the re-run of an existing commit was not skipped');
    reruns.push(rerun.ms);

    // The same local image, copied by skopeo to the twin registry.
    skopeoCopies.push(
      timed('skopeo', [
        'copy',
        '--quiet',
        '--dest-tls-verify=false',
        `containers-storage:${image}:${sha}`,
        `docker://${mirror.host}/bench-${run}:${sha}`,
      ]),
    );
  }
  const nodeStarts = Array.from({ length: runs }, () => timed(process.execPath, ['-e', '0']));

  const result = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    buildah: execFileSync('buildah', ['--version'], { encoding: 'utf8' }).trim(),
    skopeo: execFileSync('skopeo', ['--version'], { encoding: 'utf8' }).trim(),
    runs,
    megabytes,
    ms: {
      buildAndPush: median(builds),
      rerunSkipped: median(reruns),
      nodeStart: median(nodeStarts),
      actionPush: median(actionPushes),
      skopeoCopy: median(skopeoCopies),
    },
    samples: { builds, reruns, actionPushes, skopeoCopies, nodeStarts },
  };
  writeFileSync(join(work, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);

  const f = (ms) => `${(ms / 1000).toFixed(2)} s`;
  process.stdout.write(
    [
      `build-push benchmark, ${result.date}`,
      `machine: ${result.machine}; node ${result.node}; ${result.buildah}; ${result.skopeo}`,
      `image: base with /bin/sh + ${megabytes} MiB random layer + RUN layer; ${runs} runs, medians`,
      '',
      '| measure | median |',
      '| --- | --- |',
      `| build and push, new commit (end to end) | ${f(result.ms.buildAndPush)} |`,
      `| re-run, image exists (end to end) | ${f(result.ms.rerunSkipped)} |`,
      `| of which a bare \`node -e 0\` | ${f(result.ms.nodeStart)} |`,
      `| action's push (buildah push + digest + tags) | ${f(result.ms.actionPush)} |`,
      `| \`skopeo copy\` of the same image | ${f(result.ms.skopeoCopy)} |`,
      `| ratio action push / skopeo copy | ${(result.ms.actionPush / result.ms.skopeoCopy).toFixed(2)} |`,
      `| ratio build+push / re-run | ${(result.ms.buildAndPush / result.ms.rerunSkipped).toFixed(1)} |`,
      '',
    ].join('\n'),
  );
} finally {
  await Promise.all([registry.close(), mirror.close()]);
}
