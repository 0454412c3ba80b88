// What happens to an image: real registries the simulator was told about are
// asked whether the manifest exists; rules by image pattern script failures.

/**
 * @typedef {object} ImageRule
 * @property {string | RegExp} image  a glob (`*` any run of characters, `?` one) or a regular expression
 * @property {'crashloop' | 'slow' | 'never-ready' | 'unschedulable' | 'missing' | 'run'} behavior
 * @property {number} [readyAfterMs]  slow: how long until ready
 * @property {number} [exitCode]      crashloop: exit code of each crash (default 1); run: the exit code (default 0)
 * @property {string[]} [logs]        crashloop, run: what each run prints before it exits
 * @property {number} [runMs]         run: how long each run lasts (default timings.runMs)
 */

/** @param {string} glob */
function globToRegExp(glob) {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${body}$`);
}

/** @param {ImageRule[]} rules @param {string} image @returns {ImageRule | undefined} */
export function ruleFor(rules, image) {
  return rules.find((r) => (r.image instanceof RegExp ? r.image : globToRegExp(r.image)).test(image));
}

/**
 * Splits an image reference the way container runtimes do.
 * @param {string} image
 * @returns {{ registry: string, repository: string, reference: string }}
 */
export function parseImage(image) {
  let rest = image;
  let registry = 'docker.io';
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    rest = rest.slice(slash + 1);
  }
  // A digest wins over a tag: `repo:tag@sha256:…` pulls by the digest alone.
  let reference = 'latest';
  const at = rest.indexOf('@');
  if (at >= 0) {
    reference = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    if (at < 0) reference = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (registry === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`;
  return { registry, repository: rest, reference };
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const isLoopback = (/** @type {string} */ host) => /^(127\.|localhost(:|$)|\[::1\])/.test(host);

/**
 * @typedef {{ ok: true, digest?: string } | { ok: false, reason: string, code?: 'NotFound' }} PullResult
 */

/**
 * Asks the image's registry for its manifest, when that registry is one the
 * simulator checks; images elsewhere are taken to exist.
 * @param {string} image @param {string[]} registries host:port of the registries to ask
 * @returns {Promise<PullResult>}
 */
export async function pullImage(image, registries) {
  const { registry, repository, reference } = parseImage(image);
  if (!registries.includes(registry)) return { ok: true };
  const scheme = isLoopback(registry) ? 'http' : 'https';
  try {
    const response = await fetch(`${scheme}://${registry}/v2/${repository}/manifests/${reference}`, {
      headers: { Accept: MANIFEST_TYPES },
      signal: AbortSignal.timeout(5000),
    });
    const body = await response.text();
    if (response.ok) return { ok: true, digest: response.headers.get('docker-content-digest') ?? undefined };
    let reason = `unexpected status ${response.status}`;
    try {
      const message = JSON.parse(body).errors?.[0]?.message;
      if (message) reason = message;
    } catch {
      // not a registry error document; the status says enough
    }
    if (response.status === 404)
      return { ok: false, reason: `${registry}/${repository}:${reference}: not found: ${reason}`, code: 'NotFound' };
    return {
      ok: false,
      reason: `unexpected status from GET request to ${scheme}://${registry}/v2/${repository}/manifests/${reference}: ${response.status}: ${reason}`,
    };
  } catch (e) {
    return { ok: false, reason: `failed to do request: ${/** @type {Error} */ (e).message}` };
  }
}
