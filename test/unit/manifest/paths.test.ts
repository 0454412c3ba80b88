import { InputError } from '../../../src/action/errors.js';
import { SYMLINK, type TreeEntry } from '../../../src/git/tree.js';
import { checkLinkTarget, checkOutputPath, checkRelativePath, selectManifestFiles } from '../../../src/manifest/paths.js';

const file = (path: string): TreeEntry => ({ path, mode: '100644', object: `blob-of-${path}` });
const link = (path: string): TreeEntry => ({ path, mode: SYMLINK, object: `link-${path}` });

function inputErrorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('accepted');
}

describe('checkRelativePath and checkOutputPath', () => {
  it.each([
    ['apps/web/deployment.yaml', 'apps/web/deployment.yaml'],
    ['./apps/../apps/web', 'apps/web'],
    ['not/yet/there.yaml', 'not/yet/there.yaml'],
  ])('normalises %s', (path, expected) => {
    expect(checkRelativePath(path, 'output')).toBe(expected);
  });

  it.each([
    ['../x', 'leads outside the repository'],
    ['apps/../../x', 'leads outside the repository'],
    ['..', 'leads outside the repository'],
    ['/etc', 'is an absolute path'],
    ['/etc/passwd', 'is an absolute path'],
  ])('refuses %s', (path, problem) => {
    const error = inputErrorOf(() => checkRelativePath(path, 'output'));
    expect(error.input).toBe('output');
    expect(error.message).toBe(`input 'output': '${path}' ${problem}; expected a path relative to the repository root, without ..`);
  });

  it('refuses to write through a symbolic link of the tree, or at the root', () => {
    const entries = [file('base/app.yaml'), link('linked'), link('current.yaml')];
    expect(inputErrorOf(() => checkOutputPath(entries, 'linked/secret.yaml', 'output')).message).toContain(
      "'linked/secret.yaml' goes through the symbolic link 'linked'",
    );
    expect(inputErrorOf(() => checkOutputPath(entries, 'current.yaml', 'output')).message).toContain('symbolic link');
    expect(inputErrorOf(() => checkOutputPath(entries, '.', 'output')).message).toContain('names the repository root');
    expect(checkOutputPath(entries, 'base/app.yaml', 'output')).toBe('base/app.yaml');
    expect(checkOutputPath(entries, 'linkedness/x.yaml', 'output')).toBe('linkedness/x.yaml');
  });
});

describe('checkLinkTarget', () => {
  it.each([
    ['apps/web/current.yaml', 'deployment.yaml'],
    ['apps/web/shared.yaml', '../../base/shared.yaml'],
  ])('accepts %s -> %s', (path, target) => {
    expect(() => checkLinkTarget(path, target, 'paths')).not.toThrow();
  });

  it.each([
    ['apps/web/secret.yaml', '/etc/passwd'],
    ['apps/web/secret.yaml', '../../../outside/secret.yaml'],
    ['top.yaml', '..'],
  ])('refuses %s -> %s', (path, target) => {
    expect(inputErrorOf(() => checkLinkTarget(path, target, 'paths')).message).toBe(
      `input 'paths': '${path}' is a symbolic link to a file outside the repository; expected globs relative to the repository root, such as 'apps/**/*.yaml' or '!apps/legacy/**', without ..`,
    );
  });
});

describe('selectManifestFiles', () => {
  const entries = [
    'kustomization.yaml',
    'apps/web/deployment.yaml',
    'apps/web/values.yml',
    'apps/web/README.md',
    'apps/api/deployment.yaml',
    'apps/legacy/old.yaml',
    '.github/workflows/ci.yaml',
    'apps/.hidden.yaml',
  ].map(file);
  const paths = (selected: { files: TreeEntry[] }) => selected.files.map((entry) => entry.path);

  it('selects YAML files by default, sorted, without dot files', () => {
    expect(paths(selectManifestFiles(entries, [], 'paths'))).toEqual([
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
    [['kustomization.yaml'], ['kustomization.yaml']],
  ])('%j selects %j', (patterns, expected) => {
    expect(paths(selectManifestFiles(entries, patterns, 'paths'))).toEqual(expected);
  });

  it.each([
    ['../x', 'leads outside the repository'],
    ['apps/../../**/*.yaml', 'leads outside the repository'],
    ['!../x', 'leads outside the repository'],
    ['/abs/*.yaml', 'is an absolute path'],
  ])('refuses the glob %s', (pattern, problem) => {
    expect(inputErrorOf(() => selectManifestFiles(entries, [pattern], 'paths')).message).toContain(
      `input 'paths': '${pattern.replace(/^!/, '')}' ${problem}`,
    );
  });

  it('returns matching symbolic links apart, and skips submodules', () => {
    const selected = selectManifestFiles(
      [...entries, link('apps/web/current.yaml'), { path: 'apps/sub.yaml', mode: '160000', object: 'c0ffee' }],
      ['apps/**/*.yaml'],
      'paths',
    );
    expect(selected.links.map((entry) => entry.path)).toEqual(['apps/web/current.yaml']);
    expect(paths(selected)).toEqual(['apps/api/deployment.yaml', 'apps/legacy/old.yaml', 'apps/web/deployment.yaml']);
  });
});

describe('checkOutputPath: a file of its own', () => {
  const entries = [file('apps/web.yaml'), file('apps/api/deploy.yaml'), file('README.md')];

  it.each([
    ['apps', "'apps' is a folder of the repository"],
    ['apps/', "'apps/' is a folder of the repository"],
    ['apps/api', "'apps/api' is a folder of the repository"],
    ['apps/web.yaml/rendered.yaml', "'apps/web.yaml/rendered.yaml' is under 'apps/web.yaml', which is a file"],
    ['README.md/x/y.yaml', "'README.md/x/y.yaml' is under 'README.md', which is a file"],
    ['.git/config', "'.git/config' is inside .git"],
    ['apps/.Git/hooks/post-checkout', "'apps/.Git/hooks/post-checkout' is inside .git"],
  ])('refuses %s', (path, problem) => {
    const error = inputErrorOf(() => checkOutputPath(entries, path, 'output'));
    expect(error.input).toBe('output');
    expect(error.message).toContain(problem);
    expect(error.message).toContain('; expected ');
  });

  it('accepts a file of the tree, a new file beside it, and names that only look alike', () => {
    expect(checkOutputPath(entries, 'apps/web.yaml', 'output')).toBe('apps/web.yaml');
    expect(checkOutputPath(entries, 'apps/new.yaml', 'output')).toBe('apps/new.yaml');
    expect(checkOutputPath(entries, 'apps-new/x.yaml', 'output')).toBe('apps-new/x.yaml');
    expect(checkOutputPath(entries, '.github/x.yaml', 'output')).toBe('.github/x.yaml');
    expect(checkOutputPath(entries, 'x.git/y.yaml', 'output')).toBe('x.git/y.yaml');
  });
});
