import semver from 'semver';
import { parse } from 'yaml';
import { canonicalRepository, InvalidReferenceError, parseImageReference, type ImageReference } from '../image/reference.js';

/**
 * The image watch's policies: for each image repository, how the newest
 * version is told among the registry's tags. Declared in YAML, in a file of
 * the env repository (so that reviewers see it beside the manifests) or in
 * the `policies` input:
 *
 *     images:
 *       - image: ghcr.io/acme/web
 *         semver: '^1.2'            # newest version in the range
 *         prerelease: false         # pre-releases only when true
 *       - image: ghcr.io/acme/worker
 *         pattern: '^main-(?<n>\d+)$'
 *         order-by: number          # or date: the capture read as a date
 *       - image: ghcr.io/acme/tools
 *         digest-of: latest         # the tag's current digest, pinned as latest@sha256:…
 *         allow: ['…']              # any policy: regexes a tag must match (one of)
 *         ignore: ['…']             # and must not match (any of)
 *
 * `images` may also be a mapping from the image to its policy.
 */

export type Order =
  | { kind: 'semver'; range: string; prerelease: boolean }
  | { kind: 'pattern'; pattern: RegExp; orderBy: 'number' | 'date' }
  | { kind: 'digest-of'; tag: string };

export interface WatchPolicy {
  /** The image repository as written in the policy (no tag, no digest). */
  image: string;
  ref: ImageReference;
  order: Order;
  allow: RegExp[];
  ignore: RegExp[];
  /** The policy in one phrase, for the commit message and the summary: `semver ^1.2`. */
  description: string;
}

export const POLICY_FORM =
  "a YAML mapping with 'images': a list of entries with 'image' (a repository without tag) and one of 'semver' (a range such as '^1.2', with 'prerelease: true' to allow pre-releases), 'pattern' (a regex with a capture group, with 'order-by: number' or 'date') or 'digest-of' (a tag), and optionally 'allow' and 'ignore' (lists of regexes)";

const ENTRY_FORM = "one of 'semver: RANGE', 'pattern: REGEX' with 'order-by: number|date', or 'digest-of: TAG'";
const KEYS = new Set(['image', 'semver', 'prerelease', 'pattern', 'order-by', 'digest-of', 'allow', 'ignore']);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** A policy that cannot be used: names where it was read, the image, and the form expected. */
export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

function fail(where: string, image: string | undefined, problem: string, expected: string): never {
  throw new PolicyError(`${where}: ${image ? `image '${image}': ` : ''}${problem}; expected ${expected}`);
}

function regex(where: string, image: string, key: string, text: unknown): RegExp {
  if (typeof text !== 'string' || !text) fail(where, image, `'${key}' holds ${JSON.stringify(text)}`, `a regular expression as a string`);
  try {
    return new RegExp(text as string);
  } catch (error) {
    return fail(
      where,
      image,
      `'${key}' is not a valid regular expression (${(error as Error).message})`,
      'a JavaScript regular expression',
    );
  }
}

function regexList(where: string, image: string, key: string, value: unknown): RegExp[] {
  if (value === undefined || value === null) return [];
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items)) fail(where, image, `'${key}' is not a list`, 'a list of regular expressions');
  return (items as unknown[]).map((item) => regex(where, image, key, item));
}

function parseEntry(where: string, image: string, raw: unknown): WatchPolicy {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail(where, image, 'its policy is not a mapping', ENTRY_FORM);
  const entry = raw as Record<string, unknown>;
  const unknown = Object.keys(entry).filter((key) => !KEYS.has(key));
  if (unknown.length)
    fail(where, image, `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `'${key}'`).join(', ')}`, ENTRY_FORM);
  let ref: ImageReference;
  try {
    ref = parseImageReference(image);
  } catch (error) {
    if (error instanceof InvalidReferenceError) fail(where, image, error.message, 'an image repository such as ghcr.io/acme/web');
    throw error;
  }
  if (ref.tag !== undefined || ref.digest !== undefined)
    fail(where, image, 'names a tag or digest', 'the repository alone: the policy chooses the tag');

  const kinds = (['semver', 'pattern', 'digest-of'] as const).filter((key) => entry[key] !== undefined);
  if (kinds.length !== 1)
    fail(where, image, kinds.length ? `has ${kinds.map((kind) => `'${kind}'`).join(' and ')}` : 'has no policy', ENTRY_FORM);
  const kind = kinds[0];
  const flag = (key: string): boolean => {
    const value = entry[key];
    if (value === undefined) return false;
    if (typeof value !== 'boolean') fail(where, image, `'${key}' is ${JSON.stringify(value)}`, 'true or false');
    return value as boolean;
  };
  if (kind !== 'semver' && entry.prerelease !== undefined)
    fail(where, image, "'prerelease' is set without 'semver'", "'prerelease' with a 'semver' range only");
  if (kind !== 'pattern' && entry['order-by'] !== undefined)
    fail(where, image, "'order-by' is set without 'pattern'", "'order-by' with a 'pattern' only");

  let order: Order;
  let description: string;
  if (kind === 'semver') {
    const range = typeof entry.semver === 'number' ? String(entry.semver) : entry.semver;
    const prerelease = flag('prerelease');
    if (typeof range !== 'string' || !range.trim() || semver.validRange(range, { includePrerelease: prerelease }) === null)
      fail(
        where,
        image,
        `'semver' is ${JSON.stringify(entry.semver)}, which is not a semver range`,
        "a range such as '^1.2', '~2.0.1', '>=1.4 <2' or '*'",
      );
    order = { kind, range: (range as string).trim(), prerelease };
    description = `semver ${order.range}${prerelease ? ' (pre-releases allowed)' : ''}`;
  } else if (kind === 'pattern') {
    const pattern = regex(where, image, 'pattern', entry.pattern);
    // The number of groups a regex has: what an empty string's match array would hold.
    const groups = new RegExp(`${pattern.source}|`).exec('')!.length - 1;
    if (groups < 1)
      fail(
        where,
        image,
        `'pattern' ${JSON.stringify(entry.pattern)} has no capture group to order the tags by`,
        "a regex with a capture group, such as '^main-(?<n>\\d+)$'",
      );
    const orderBy = entry['order-by'] ?? 'number';
    if (orderBy !== 'number' && orderBy !== 'date') fail(where, image, `'order-by' is ${JSON.stringify(orderBy)}`, "'number' or 'date'");
    order = { kind, pattern, orderBy: orderBy as 'number' | 'date' };
    description = `pattern ${pattern.source} by ${order.orderBy}`;
  } else {
    const tag = entry['digest-of'];
    if (typeof tag !== 'string' || !TAG.test(tag))
      fail(where, image, `'digest-of' is ${JSON.stringify(tag)}`, "a tag such as 'latest' or 'stable'");
    order = { kind, tag: tag as string };
    description = `digest of ${order.tag}`;
  }
  const allow = regexList(where, image, 'allow', entry.allow);
  const ignore = regexList(where, image, 'ignore', entry.ignore);
  if (allow.length) description += `, allow ${allow.map((re) => re.source).join(' | ')}`;
  if (ignore.length) description += `, ignore ${ignore.map((re) => re.source).join(' | ')}`;
  return { image, ref, order, allow, ignore, description };
}

/**
 * Parses the policies; `where` names their source for errors ("input
 * 'policies'", "file .gitops-delivery/images.yaml"). Every entry is checked
 * before any is used, and two entries for one repository are refused.
 */
export function parsePolicies(text: string, where: string): WatchPolicy[] {
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    fail(where, undefined, `is not YAML (${(error as Error).message.split('\n')[0]})`, POLICY_FORM);
  }
  const images = Array.isArray(document) ? document : (document as { images?: unknown } | null)?.images;
  if (document && typeof document === 'object' && !Array.isArray(document)) {
    const extra = Object.keys(document).filter((key) => key !== 'images');
    if (extra.length)
      fail(where, undefined, `has unknown key${extra.length > 1 ? 's' : ''} ${extra.map((key) => `'${key}'`).join(', ')}`, POLICY_FORM);
  }
  let entries: [string, unknown][];
  if (Array.isArray(images)) {
    entries = images.map((item, i) => {
      const image = (item as { image?: unknown } | null)?.image;
      if (typeof image !== 'string' || !image)
        fail(where, undefined, `entry ${i + 1} of 'images' has no 'image'`, "each entry to name its repository in 'image'");
      return [image as string, item];
    });
  } else if (images && typeof images === 'object') {
    entries = Object.entries(images as Record<string, unknown>).map(([image, policy]) => {
      if (policy && typeof policy === 'object' && 'image' in policy && (policy as { image: unknown }).image !== image)
        fail(where, image, "its 'image' differs from its key", 'the key alone to name the image');
      return [image, policy && typeof policy === 'object' ? { ...(policy as object), image } : policy];
    });
  } else {
    return fail(where, undefined, images === undefined ? "has no 'images'" : "'images' is neither a list nor a mapping", POLICY_FORM);
  }
  if (!entries.length) fail(where, undefined, "'images' is empty", POLICY_FORM);
  const seen = new Set<string>();
  return entries.map(([image, raw]) => {
    const policy = parseEntry(where, image, raw);
    const key = canonicalRepository(policy.ref);
    if (seen.has(key)) fail(where, image, 'has two policies', 'one entry per image repository');
    seen.add(key);
    return policy;
  });
}
