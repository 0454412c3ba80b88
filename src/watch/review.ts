import { createHash } from 'node:crypto';
import { canonicalRepository } from '../image/reference.js';
import type { WatchPolicy } from './policy.js';

/**
 * The branch of each image's own pull request: the prefix, a dash, and the
 * image's repository with every character a branch name may not hold (or
 * that would nest it under the per-run branch) made a dash, so that every run
 * finds the same branch for the same image:
 * `image-watch/candidate-ghcr.io-acme-web`. Two repositories that read alike
 * once flattened (`acme/web-x`, `acme-web/x`) each get a short hash of their
 * name, decided over all the policies, so adding a move changes no name.
 */
export function reviewBranches(prefix: string, policies: readonly WatchPolicy[]): Map<WatchPolicy, string> {
  const flat = (policy: WatchPolicy) =>
    canonicalRepository(policy.ref)
      .toLowerCase()
      .replace(/[^a-z0-9._]+/g, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^[-.]+|[-.]+$/g, '')
      .replace(/\.lock$/, '-lock');
  const counts = new Map<string, number>();
  for (const policy of policies) counts.set(flat(policy), (counts.get(flat(policy)) ?? 0) + 1);
  return new Map(
    policies.map((policy) => {
      const name = flat(policy);
      const hash = createHash('sha256').update(canonicalRepository(policy.ref)).digest('hex').slice(0, 8);
      return [policy, `${prefix}-${counts.get(name)! > 1 ? `${name}-${hash}` : name}`];
    }),
  );
}
