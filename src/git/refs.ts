import { execFileSync } from 'node:child_process';
import { InputError } from '../action/errors.js';
import type { Identity } from './git.js';

/** Asks git itself whether a branch name is valid, so the rule is exactly git's. */
export function validBranch(name: string, input: string): string {
  try {
    execFileSync('git', ['check-ref-format', '--branch', name], { stdio: 'ignore' });
  } catch {
    throw new InputError(input, `'${name}' is not a branch name git accepts`, "a name like 'candidate' or 'env/production' (no spaces, '..', '~', '^', ':', '?', '*', '[' or '\\')");
  }
  if (name.startsWith('-')) throw new InputError(input, `'${name}' starts with '-'`, 'a branch name');
  return name;
}

/** `Name <email>`, the form git prints. */
export function parseIdentity(text: string, input: string): Identity {
  const match = /^([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(text.trim());
  if (!match) throw new InputError(input, `'${text}' is not an identity`, "'Name <email@example.com>'");
  return { name: match[1], email: match[2] };
}

export function formatIdentity(identity: Identity): string {
  return `${identity.name} <${identity.email}>`;
}

export const FULL_SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;
