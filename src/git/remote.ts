import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../action/errors.js';

/** Where the env repository lives, as git should be told. */
export interface Remote {
  /** What git clones from: a URL without credentials, or an absolute local path. */
  url: string;
  /** Whether it speaks HTTP(S), the only transport a token authenticates. */
  http: boolean;
  /** `owner/name` when it can be told from the location (needed for pull requests and links). */
  slug?: string;
}

const SLUG = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const SCP_LIKE = /^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:(?!\/\/)/;
const EXPECTED = "'owner/name', an https, ssh or file git URL, or a local path";

/** The last two segments of a location, which on every git host we know name owner and repository. */
function slugOf(location: string): string | undefined {
  const parts = location
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split(/[/:]/)
    .filter(Boolean);
  return parts.length >= 2 ? `${parts[parts.length - 2]}/${parts[parts.length - 1]}` : undefined;
}

export function resolveRemote(spec: string, context: { serverUrl: string; workspace: string }, input = 'env-repository'): Remote {
  if (!spec) throw new InputError(input, 'is required', EXPECTED);
  if (/\s/.test(spec)) throw new InputError(input, `'${spec}' contains white space`, EXPECTED);

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
    let url: URL;
    try {
      url = new URL(spec);
    } catch {
      throw new InputError(input, `'${spec}' is not a valid URL`, EXPECTED);
    }
    const http = url.protocol === 'http:' || url.protocol === 'https:';
    if (url.password || (http && url.username)) {
      // A credential in the URL would be stored in .git/config and printed by git.
      throw new InputError(input, 'contains credentials', "a URL without user or password; give the token in the 'token' input");
    }
    if (!['http:', 'https:', 'ssh:', 'git:', 'file:'].includes(url.protocol)) {
      throw new InputError(input, `protocol '${url.protocol}' is not supported`, EXPECTED);
    }
    return { url: spec, http, slug: slugOf(url.pathname) };
  }
  if (SCP_LIKE.test(spec)) return { url: spec, http: false, slug: slugOf(spec.slice(spec.indexOf(':') + 1)) };

  const local = isAbsolute(spec) ? spec : resolve(context.workspace, spec);
  const looksLocal = spec.startsWith('.') || isAbsolute(spec) || existsSync(local);
  if (looksLocal) return { url: local, http: false, slug: slugOf(local) };
  if (SLUG.test(spec)) {
    return { url: `${context.serverUrl.replace(/\/+$/, '')}/${spec}.git`, http: /^https?:/.test(context.serverUrl), slug: spec };
  }
  throw new InputError(input, `'${spec}' is neither a repository nor an existing path`, EXPECTED);
}

/** The env repository of an action that can open pull requests: in pull-request mode it must name its owner/name. */
export function reviewableRemote(spec: string, context: { serverUrl: string; workspace: string }, mode: 'push' | 'pull-request'): Remote {
  const remote = resolveRemote(spec, context);
  if (mode === 'pull-request' && !remote.slug)
    throw new InputError(
      'env-repository',
      'names no owner/name, which pull-request mode needs',
      "'owner/name' or a URL ending in /owner/name",
    );
  return remote;
}
