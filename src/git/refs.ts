import { InputError } from '../action/errors.js';

const EXPECTED = "a name like 'candidate' or 'env/production' (not 'HEAD'; no spaces, '..', '~', '^', ':', '?', '*', '[', '\\' or '@{')";

/**
 * The rules of `git check-ref-format --branch` (git-check-ref-format(1)),
 * checked here rather than by running git so that parsing the inputs stays
 * free of child processes. `HEAD` is refused as git refuses it: a branch of
 * that name would shadow the symbolic ref in every command that reads it.
 * '@' alone is refused too: git reads it as HEAD.
 */
export function validBranch(name: string, input: string): string {
  const problem = !name
    ? 'is empty'
    : name === 'HEAD'
      ? "is 'HEAD', which git keeps for the checked-out commit"
      : /[\x00-\x20\x7f~^:?*[\\]/.test(name)
        ? 'contains a space, a control character or one of ~ ^ : ? * [ \\'
        : name.includes('..') || name.includes('@{') || name.includes('//')
          ? "contains '..', '@{' or '//'"
          : name === '@' || name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || name.endsWith('.')
            ? "is '@', starts with '-' or '/', or ends with '/' or '.'"
            : name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'))
              ? "has a component that starts with '.' or ends with '.lock'"
              : '';
  if (problem) throw new InputError(input, `'${name}' is not a branch name git accepts: it ${problem}`, EXPECTED);
  return name;
}

export const FULL_SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;
