import { execFileSync } from 'node:child_process';
import { InputError } from '../../../src/action/errors.js';
import { validBranch } from '../../../src/git/refs.js';

/** What git itself says of a branch name. */
function gitAccepts(name: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', '--branch', name], { stdio: 'ignore', cwd: '/' });
    return true;
  } catch {
    return false;
  }
}

describe('validBranch agrees with git check-ref-format --branch', () => {
  const names = [
    'candidate',
    'production',
    'env/staging/candidate',
    'release-1.2',
    'head',
    'a/HEAD',
    'HEAD/x',
    'FETCH_HEAD',
    'feature/é',
    'a@b',
    'HEAD',
    '-x',
    'a..b',
    '@{-1}',
    'a@{b',
    'x.lock',
    'a.lock/b',
    'a/.b',
    '.a',
    'a.',
    'a/',
    '/a',
    'a//b',
    'a b',
    'a\tb',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[b',
    'a\\b',
    'a\x7fb',
  ];

  it.each(names.map((name) => [name]))('%j', (name) => {
    const ours = (() => {
      try {
        validBranch(name, 'branch');
        return true;
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).message).toMatch(/^input 'branch': '.*' is not a branch name git accepts: it .*; expected /s);
        return false;
      }
    })();
    expect(ours).toBe(gitAccepts(name));
  });

  it("refuses '@' alone, which git reads as HEAD", () => {
    expect(() => validBranch('@', 'branch')).toThrow("'@' is not a branch name git accepts");
  });
});
