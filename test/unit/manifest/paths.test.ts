import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InputError } from '../../../src/action/errors.js';
import { listManifestFiles, resolveInside } from '../../../src/manifest/paths.js';

let sandbox: string;
let root: string;
let outside: string;

beforeEach(() => {
  sandbox = realpathSync(mkdtempSync(join(tmpdir(), 'manifest-paths-')));
  root = join(sandbox, 'env');
  outside = join(sandbox, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.yaml'), 'kind: Secret\n');
});
afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

function touch(...paths: string[]): void {
  for (const path of paths) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), 'kind: ConfigMap\n');
  }
}

function inputErrorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('accepted');
}

describe('resolveInside', () => {
  it.each([
    ['apps/web/deployment.yaml', 'apps/web/deployment.yaml'],
    ['./apps/../apps/web', 'apps/web'],
    ['not/yet/there.yaml', 'not/yet/there.yaml'],
    ['.', ''],
  ])('resolves %s inside the repository', (path, expected) => {
    touch('apps/web/deployment.yaml');
    expect(resolveInside(root, path, 'output')).toBe(join(root, expected));
  });

  it.each([
    ['../x', 'leads outside the repository'],
    ['apps/../../x', 'leads outside the repository'],
    ['..', 'leads outside the repository'],
    ['/etc', 'is an absolute path'],
    ['/etc/passwd', 'is an absolute path'],
  ])('refuses %s', (path, problem) => {
    const error = inputErrorOf(() => resolveInside(root, path, 'output'));
    expect(error.input).toBe('output');
    expect(error.message).toBe(`input 'output': '${path}' ${problem}; expected a path relative to the repository root, without ..`);
  });

  it('refuses a path through a symbolic link that points outside', () => {
    symlinkSync(outside, join(root, 'linked'));
    expect(inputErrorOf(() => resolveInside(root, 'linked/secret.yaml', 'output')).message).toContain(
      "'linked/secret.yaml' goes through a symbolic link to a place outside the repository",
    );
    expect(inputErrorOf(() => resolveInside(root, 'linked/new.yaml', 'output')).message).toContain('symbolic link');
  });

  it('refuses a dangling symbolic link whose target would be outside', () => {
    symlinkSync(join(outside, 'not-yet.yaml'), join(root, 'dangling.yaml'));
    expect(inputErrorOf(() => resolveInside(root, 'dangling.yaml', 'output')).message).toContain('symbolic link');
  });

  it('accepts a symbolic link that stays inside', () => {
    touch('base/app.yaml');
    symlinkSync('base', join(root, 'current'));
    expect(resolveInside(root, 'current/app.yaml', 'output')).toBe(join(root, 'current/app.yaml'));
  });
});

describe('listManifestFiles', () => {
  beforeEach(() =>
    touch(
      'kustomization.yaml',
      'apps/web/deployment.yaml',
      'apps/web/values.yml',
      'apps/web/README.md',
      'apps/api/deployment.yaml',
      'apps/legacy/old.yaml',
      '.github/workflows/ci.yaml',
      'apps/.hidden.yaml',
      '.git/config.yaml',
    ),
  );

  it('lists YAML files by default, sorted, without dot files or .git', async () => {
    expect(await listManifestFiles(root, [], 'paths')).toEqual([
      'apps/api/deployment.yaml',
      'apps/legacy/old.yaml',
      'apps/web/deployment.yaml',
      'apps/web/values.yml',
      'kustomization.yaml',
    ]);
  });

  it.each([
    [['apps/web/*.yaml'], ['apps/web/deployment.yaml']],
    [
      ['apps/*/deployment.yaml', '*.yaml'],
      ['apps/api/deployment.yaml', 'apps/web/deployment.yaml', 'kustomization.yaml'],
    ],
    [['apps/web'], ['apps/web/deployment.yaml', 'apps/web/values.yml']],
    [['apps/web/'], ['apps/web/deployment.yaml', 'apps/web/values.yml']],
    [
      ['apps/**', '!apps/legacy/**', '!**/*.md'],
      ['apps/api/deployment.yaml', 'apps/web/deployment.yaml', 'apps/web/values.yml'],
    ],
    [['!apps/**'], ['kustomization.yaml']],
    [['.github/**/*.yaml'], ['.github/workflows/ci.yaml']],
    [['.git/*.yaml'], []],
  ])('%j lists %j', async (patterns, expected) => {
    expect(await listManifestFiles(root, patterns, 'paths')).toEqual(expected);
  });

  it.each([
    ['../x', 'leads outside the repository'],
    ['apps/../../**/*.yaml', 'leads outside the repository'],
    ['!../x', 'leads outside the repository'],
    ['/abs/*.yaml', 'is an absolute path'],
  ])('refuses the glob %s', async (pattern, problem) => {
    const error = await listManifestFiles(root, [pattern], 'paths').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(`input 'paths': '${pattern.replace(/^!/, '')}' ${problem}`);
  });

  it('refuses a matching symbolic link to a file outside', async () => {
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'apps/web/secret.yaml'));
    await expect(listManifestFiles(root, [], 'paths')).rejects.toThrow(
      "input 'paths': 'apps/web/secret.yaml' is a symbolic link to a file outside the repository",
    );
    expect(await listManifestFiles(root, ['apps/api/*'], 'paths')).toEqual(['apps/api/deployment.yaml']);
  });

  it('lists a symbolic link to a file inside, and never enters a linked directory', async () => {
    symlinkSync('deployment.yaml', join(root, 'apps/web/current.yaml'));
    symlinkSync(outside, join(root, 'apps/outside'));
    symlinkSync('..', join(root, 'apps/loop'));
    expect(await listManifestFiles(root, ['apps/**/*.yaml'], 'paths')).toEqual([
      'apps/api/deployment.yaml',
      'apps/legacy/old.yaml',
      'apps/web/current.yaml',
      'apps/web/deployment.yaml',
    ]);
  });
});
