// Promotion from one environment to the next, by digest: patch-manifest's
// `promote-from`, run as a bundle against a real env repository and a real
// registry. The next environment's candidate receives exactly the digests the
// previous one ran, its own settings untouched, in one commit that names
// where they came from.
import { fileAt, git, makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { pushEmptyImage, startRegistry, type StartedRegistry } from '../support/registry.js';
import { runAction } from '../support/run-action.js';

let registry: StartedRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry?.close();
});

const app = (image: string, replicas: number, host: string) => `# hello, as this environment runs it
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
        - name: hello
          image: ${image}
          env:
            - name: PUBLIC_HOST
              value: ${host}
`;

const refsOf = (bare: string) => git(bare, ['for-each-ref', '--format=%(refname) %(objectname)']);

async function chain(stagingImage: string, productionImage: string) {
  return makeBareRepo(await tempDir('stages'), 'hello-env', [
    {
      branch: 'env/production/production',
      files: { 'apps/hello.yaml': app(productionImage, 5, 'hello.example.com') },
      message: 'Promote 1111111: hello v0',
    },
    {
      branch: 'env/staging/production',
      files: { 'apps/hello.yaml': app(stagingImage, 1, 'hello.staging.example.com') },
      message: `Promote 2222222: Update hello\n\nSource-Commit: acme/hello@${'a'.repeat(40)}\nImage: ${stagingImage}\nPromoted-From: ${'2'.repeat(40)}`,
    },
  ]);
}

const promote = (bare: string, from = 'env/staging/production') =>
  runAction('patch-manifest', {
    inputs: {
      'env-repository': bare,
      'promote-from': from,
      branch: 'env/production/candidate',
      'base-branch': 'env/production/production',
    },
  });

describe('patch-manifest promote-from (bundle, real registry)', () => {
  it("writes the previous environment's digests, and nothing else, to the next one's candidate", async () => {
    const old = await pushEmptyImage(registry, 'hello', 'v0', 'v0');
    const next = await pushEmptyImage(registry, 'hello', 'v1', 'v1');
    const stagingImage = `${registry.host}/hello:abc1234@${next.digest}`;
    const bare = await chain(stagingImage, `${registry.host}/hello:0000000@${old.digest}`);
    const stagingTip = (await tipOf(bare, 'env/staging/production'))!;

    const run = await promote(bare);
    expect(run.code).toBe(0);
    expect(run.outputs.changed).toBe('true');
    const candidate = (await tipOf(bare, 'env/production/candidate'))!;
    expect(run.outputs.commit).toBe(candidate);
    // Production's own settings (replicas, host) stay; only the image moved, to the exact digest.
    expect(await fileAt(bare, 'env/production/candidate', 'apps/hello.yaml')).toBe(app(stagingImage, 5, 'hello.example.com'));
    const message = await git(bare, ['log', '-1', '--format=%B', candidate]);
    expect(message.split('\n')[0]).toBe(`Promote ${stagingImage} from env/staging/production`);
    const trailers = await git(bare, ['log', '-1', '--format=%(trailers:only)', candidate]);
    expect(trailers).toContain(`Promoted-From-Environment: env/staging/production@${stagingTip}`);
    expect(trailers).toContain(`Source-Commit: acme/hello@${'a'.repeat(40)}`);
    expect(trailers).toContain(`Image: ${stagingImage}`);

    const again = await promote(bare);
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ changed: 'false', commit: candidate });
  });

  it('refuses, writing nothing, an environment with no success yet', async () => {
    const image = await pushEmptyImage(registry, 'hello', 'v2', 'v2');
    const bare = await chain(`${registry.host}/hello:v2@${image.digest}`, `${registry.host}/hello:v2@${image.digest}`);
    const before = await refsOf(bare);
    const run = await promote(bare, 'env/dev/production');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::patch-manifest: input 'promote-from': branch 'env\/dev\/production' does not exist in .*: that environment has no successful revision to promote/,
    );
    expect(await refsOf(bare)).toBe(before);
  });

  it('refuses, writing nothing, an image the previous environment names by tag alone', async () => {
    const image = await pushEmptyImage(registry, 'hello', 'v3', 'v3');
    const bare = await chain(`${registry.host}/hello:v3`, `${registry.host}/hello:v3@${image.digest}`);
    const before = await refsOf(bare);
    const run = await promote(bare);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::patch-manifest: apps/hello.yaml in env/staging/production (`);
    expect(run.stdout).toContain(`names ${registry.host}/hello:v3, which is not pinned by digest`);
    expect(await refsOf(bare)).toBe(before);
  });

  it('refuses, writing nothing, a digest its registry no longer holds', async () => {
    const image = await pushEmptyImage(registry, 'hello', 'v4', 'v4');
    const gone = `sha256:${'9'.repeat(64)}`;
    const bare = await chain(`${registry.host}/hello:v5@${gone}`, `${registry.host}/hello:v4@${image.digest}`);
    const before = await refsOf(bare);
    const run = await promote(bare);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${registry.host}/hello:v5@${gone} is no longer in its registry`);
    expect(await refsOf(bare)).toBe(before);
  });

  it('looks up only the digests it writes: one the next environment already runs is not asked for', async () => {
    const next = await pushEmptyImage(registry, 'hello', 'v6', 'v6');
    // A sidecar both environments run, by a digest this registry does not hold (another registry, gone, or never asked).
    const sidecar = `${registry.host}/sidecar:1.0@sha256:${'5'.repeat(64)}`;
    const old = `${registry.host}/hello:v0@sha256:${'4'.repeat(64)}`;
    const bare = await makeBareRepo(await tempDir('stages'), 'hello-env', [
      { branch: 'env/production/production', files: { 'apps/hello.yaml': app(old, 5, 'h'), 'apps/sidecar.yaml': app(sidecar, 1, 's') } },
      {
        branch: 'env/staging/production',
        files: { 'apps/hello.yaml': app(`${registry.host}/hello:v6@${next.digest}`, 1, 'h'), 'apps/sidecar.yaml': app(sidecar, 1, 's') },
      },
    ]);
    const run = await promote(bare);
    expect(run.code).toBe(0);
    expect(run.outputs.files).toBe('apps/hello.yaml');
  });

  it('refuses promote-from together with images', async () => {
    const run = await runAction('patch-manifest', {
      inputs: { 'env-repository': '/nonexistent', 'promote-from': 'env/staging/production', images: 'ghcr.io/acme/hello:v1' },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::patch-manifest: input 'promote-from': is set together with 'images'");
  });
});
