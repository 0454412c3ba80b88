import semver from 'semver';
import type { WatchPolicy } from './policy.js';

/**
 * Choosing among a repository's tags by a policy, and judging the version the
 * manifests hold against the choice: never a step back by the policy's order.
 */

/** What the policy's order compares: a version, a number, a time. */
export type Key = semver.SemVer | bigint | number;

/** The tag's place in the policy's order, ignoring allow and ignore; undefined when the order has no place for it. */
export function orderKey(policy: WatchPolicy, tag: string): Key | undefined {
  const { order } = policy;
  if (order.kind === 'semver') {
    const version = semver.parse(tag);
    return version ?? undefined;
  }
  if (order.kind === 'pattern') {
    const match = order.pattern.exec(tag);
    if (!match) return undefined;
    const named = match.groups && Object.values(match.groups).find((value) => value !== undefined);
    const capture = named ?? match.slice(1).find((value) => value !== undefined);
    if (capture === undefined) return undefined;
    return order.orderBy === 'number' ? numberKey(capture) : dateKey(capture);
  }
  return undefined;
}

function numberKey(text: string): bigint | undefined {
  return /^\d+$/.test(text) ? BigInt(text) : undefined;
}

/**
 * A time in the forms tags carry it: 20240131, 202401311530, 20240131153000,
 * 2024-01-31, 2024-01-31T15-30-00 (with '-', '.', '_' or ':' between the
 * parts, 'T', '_', '.' or '-' before the time), read as UTC; or Unix seconds
 * (10 digits).
 */
export function dateKey(text: string): number | undefined {
  if (/^\d{10}$/.test(text)) return Number(text) * 1000;
  const match = /^(\d{4})([-._]?)(\d{2})\2(\d{2})(?:[T_.-]?(\d{2})[:.-]?(\d{2})(?:[:.-]?(\d{2}))?)?Z?$/.exec(text);
  if (!match) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = [match[1], match[3], match[4], match[5], match[6], match[7]].map((part) => Number(part ?? 0));
  const time = Date.UTC(y, mo - 1, d, h, mi, s);
  const date = new Date(time);
  // Date.UTC rolls 2024-02-31 over into March; a tag that says so is not a date.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return time;
}

/** The order of two keys of one policy: negative when `a` comes first (is older). */
export function compareKeys(a: Key, b: Key): number {
  if (a instanceof semver.SemVer && b instanceof semver.SemVer) return semver.compare(a, b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether the tag may be chosen at all: allowed, not ignored, and in the policy's range. */
function eligible(policy: WatchPolicy, tag: string, key: Key | undefined): boolean {
  if (policy.allow.length && !policy.allow.some((re) => re.test(tag))) return false;
  if (policy.ignore.some((re) => re.test(tag))) return false;
  const { order } = policy;
  if (order.kind === 'digest-of') return tag === order.tag;
  if (key === undefined) return false;
  if (order.kind === 'semver') {
    const version = key as semver.SemVer;
    if (version.prerelease.length && !order.prerelease) return false;
    return semver.satisfies(version, order.range, { includePrerelease: order.prerelease });
  }
  return true;
}

export interface Choice {
  /** The newest tag the policy allows, or undefined when no tag qualifies. */
  newest?: string;
  /** How many tags the policy could have chosen. */
  candidates: number;
  /**
   * The manifests' current tag against the choice: 'older' (a move forward),
   * 'same', 'newer' (the choice would be a downgrade: refused), 'unordered'
   * (the current tag has no place in the policy's order, so no comparison
   * holds it back). Undefined when there is no choice or no current tag.
   */
  current?: 'older' | 'same' | 'newer' | 'unordered';
  /** Whether the registry still lists the current tag. */
  currentListed: boolean;
}

/**
 * The newest eligible tag, and how the current tag compares with it. Equal
 * versions under different tags (1.2.3 and v1.2.3) are told apart by the tag
 * text, so the choice does not depend on the registry's listing order.
 */
export function choose(policy: WatchPolicy, tags: readonly string[], current?: string): Choice {
  let newest: { tag: string; key?: Key } | undefined;
  let candidates = 0;
  let currentListed = false;
  for (const tag of tags) {
    if (tag === current) currentListed = true;
    const key = orderKey(policy, tag);
    if (!eligible(policy, tag, key)) continue;
    candidates++;
    if (!newest) {
      newest = { tag, key };
      continue;
    }
    const order = key === undefined || newest.key === undefined ? 0 : compareKeys(key, newest.key);
    if (order > 0 || (order === 0 && tag > newest.tag)) newest = { tag, key };
  }
  const choice: Choice = { newest: newest?.tag, candidates, currentListed };
  if (!newest || current === undefined) return choice;
  if (current === newest.tag) return { ...choice, current: 'same' };
  if (policy.order.kind === 'digest-of') return { ...choice, current: 'unordered' };
  const currentKey = orderKey(policy, current);
  if (currentKey === undefined) return { ...choice, current: 'unordered' };
  const order = compareKeys(currentKey, newest.key!);
  // Equal by the order (v1.2.3 against 1.2.3): no move, as nothing is newer.
  return { ...choice, current: order < 0 ? 'older' : order > 0 ? 'newer' : 'same' };
}
