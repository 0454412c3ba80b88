// The local run: an app repository and an env repository made here, and the
// built bundles run against them as GitHub would run them. It renders the
// tutorial's template onto `candidate`, promotes it to `production`, pins a
// second build by digest, promotes that, shows that re-running changes
// nothing, and prints both branches' history.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundle } from './lib/run-bundle.mjs';

const root = new URL('..', import.meta.url).pathname;
const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...identity } }).trim();
const identity = {
  GIT_AUTHOR_NAME: 'Ada Lovelace',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada Lovelace',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
};

if (!['patch-manifest', 'promote-production'].every((name) => existsSync(join(root, 'dist', name, 'index.js')))) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
}

const base = await mkdtemp(join(tmpdir(), 'gitops-local-run-'));
const envRepo = join(base, 'hello-env.git');
const app = join(base, 'hello-app');
const summaries = join(base, 'summaries.md');
git(base, 'init', '-q', '--bare', '-b', 'main', envRepo);
await mkdir(app);
git(app, 'init', '-q', '-b', 'main');
await copyFile(join(root, 'test', 'fixtures', 'gke-gitops-tutorial', 'kubernetes.yaml.tpl'), join(app, 'kubernetes.yaml.tpl'));
await writeFile(join(app, 'app.py'), 'print("Hello World!")\n');
git(app, 'add', '.');
git(app, 'commit', '-q', '-m', 'Hello app');

let step = 0;
async function stage(title, name, inputs) {
  const sha = git(app, 'rev-parse', 'HEAD');
  const run = await runBundle(name, {
    inputs,
    workspace: app,
    env: {
      GITHUB_REPOSITORY: 'acme/hello-app',
      GITHUB_SHA: sha,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: String(1000 + step),
    },
  });
  step++;
  const shown = Object.entries(run.outputs)
    .filter(([key]) => key !== 'diff')
    .map(([key, value]) => `${key}=${value.split('\n').join(',')}`)
    .join(' ');
  process.stdout.write(`[${step}] ${title.padEnd(56)} ${run.code === 0 ? 'ok' : 'FAILED'} ${Math.round(run.durationMs)} ms  ${shown}\n`);
  await appendFile(summaries, `<!-- ${step}. ${title} -->\n${run.summary}\n`);
  if (run.code !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    process.exit(1);
  }
  return run.outputs;
}

process.stdout.write(`app repository ${app}\nenv repository ${envRepo}\n\n`);
const rendered = await stage("patch-manifest: render the tutorial's template", 'patch-manifest', {
  'env-repository': envRepo,
  template: 'kubernetes.yaml.tpl',
  vars: 'GOOGLE_CLOUD_PROJECT=acme-demo\nCOMMIT_SHA=${SHORT_SHA}',
});
await stage('promote-production: record the deployed candidate', 'promote-production', {
  'env-repository': envRepo,
  source: rendered.commit,
});

await writeFile(join(app, 'app.py'), 'print("Hello GitOps!")\n');
git(app, 'commit', '-q', '-am', 'Say hello to GitOps');
const digest = `sha256:${execFileSync('sha256sum', { input: git(app, 'rev-parse', 'HEAD') })
  .toString()
  .slice(0, 64)}`;
const image = `us-central1-docker.pkg.dev/acme-demo/my-repository/hello-cloudbuild:${git(app, 'rev-parse', '--short=7', 'HEAD')}@${digest}`;
const patched = await stage('patch-manifest: pin the new build by digest', 'patch-manifest', { 'env-repository': envRepo, images: image });
await stage('patch-manifest: the same again changes nothing', 'patch-manifest', { 'env-repository': envRepo, images: image });
await stage('promote-production: record it', 'promote-production', { 'env-repository': envRepo, source: patched.commit });
await stage('promote-production: the same again changes nothing', 'promote-production', {
  'env-repository': envRepo,
  source: patched.commit,
});
await stage('promote-production: roll back to the first revision', 'promote-production', {
  'env-repository': envRepo,
  source: rendered.commit,
  reason: 'rollback',
});

for (const branch of ['candidate', 'production']) {
  process.stdout.write(`\n$ git log --oneline ${branch}\n${git(envRepo, 'log', '--oneline', branch)}\n`);
}
process.stdout.write(`\njob summaries: ${summaries}\n`);
