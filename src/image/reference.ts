/**
 * Container image references as the distribution spec defines them:
 * `[registry[:port]/]path[:tag][@algorithm:hex]`. Parsing keeps what the user
 * wrote (a short `nginx` stays short) and separately knows the canonical form
 * (`docker.io/library/nginx`), so that matching is exact while edits keep the
 * manifest's own spelling.
 */
export interface ImageReference {
  /** Registry host as written, or '' when the reference names none (Docker Hub). */
  registry: string;
  /** Repository path as written, without registry, tag or digest. */
  path: string;
  tag?: string;
  digest?: string;
}

export const DEFAULT_REGISTRY = 'docker.io';

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?$/;
const DIGEST = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([A-Za-z0-9=_-]+)$/;

export class InvalidReferenceError extends Error {
  constructor(
    readonly reference: string,
    reason: string,
  ) {
    super(`'${reference}' is not a valid image reference: ${reason}`);
    this.name = 'InvalidReferenceError';
  }
}

/** A first component is a registry when it looks like a host, as docker decides it. */
function isRegistryHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || /^\[.*\]$/.test(component);
}

export function parseImageReference(text: string): ImageReference {
  const fail = (reason: string): never => {
    throw new InvalidReferenceError(text, reason);
  };
  if (!text) fail('it is empty');
  if (/\s/.test(text)) fail('it contains white space');

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const match = DIGEST.exec(digest);
    if (!match) fail(`digest '${digest}' is not of the form algorithm:hex`);
    if (match![1] === 'sha256' && !/^[a-f0-9]{64}$/.test(match![2])) fail('a sha256 digest has 64 lowercase hex digits');
  }

  const slash = rest.indexOf('/');
  let registry = '';
  if (slash > 0 && isRegistryHost(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    rest = rest.slice(slash + 1);
    if (!HOST.test(registry)) fail(`registry '${registry}' is not a host name with an optional port`);
  }

  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) fail(`tag '${tag}' must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`);
  }

  const path = rest;
  if (!path) fail('it names no repository');
  for (const component of path.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      fail(
        component.includes(':')
          ? 'it has more than one tag'
          : `repository component '${component}' must be lowercase letters and digits, separated by '.', '_', '__' or '-'`,
      );
    }
  }
  if ((registry ? registry.length + 1 : 0) + path.length > 255) fail('the repository name is longer than 255 characters');
  return { registry, path, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}

/** `registry/path` as written (no tag, no digest). */
export function repositoryOf(ref: ImageReference): string {
  return ref.registry ? `${ref.registry}/${ref.path}` : ref.path;
}

/** The full canonical repository, e.g. `docker.io/library/nginx` for `nginx`. */
export function canonicalRepository(ref: ImageReference): string {
  const registry =
    ref.registry === 'index.docker.io' || ref.registry === 'registry-1.docker.io' ? DEFAULT_REGISTRY : ref.registry || DEFAULT_REGISTRY;
  const path = registry === DEFAULT_REGISTRY && !ref.path.includes('/') ? `library/${ref.path}` : ref.path;
  return `${registry}/${path}`;
}

export function formatImageReference(ref: ImageReference): string {
  return `${repositoryOf(ref)}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

export function sameRepository(a: ImageReference, b: ImageReference): boolean {
  return canonicalRepository(a) === canonicalRepository(b);
}

/** The registry's host for a reference: Docker Hub when none is written. */
export function registryHost(ref: ImageReference): string {
  return ref.registry || DEFAULT_REGISTRY;
}

/** The repository's path in the registry's API: `library/nginx` for `nginx`. */
export function apiRepository(ref: ImageReference): string {
  const canonical = canonicalRepository(ref);
  return canonical.slice(canonical.indexOf('/') + 1);
}
