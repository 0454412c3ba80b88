/**
 * Paths and globs from the user, confined to the checked-out env repository:
 * a workflow input must never make the action read or write outside it.
 */
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { InputError } from '../action/errors.js';

export const DEFAULT_MANIFEST_GLOBS = ['**/*.yaml', '**/*.yml'];

const RELATIVE = 'a path relative to the repository root, without ..';
const GLOB = "globs relative to the repository root, such as 'apps/**/*.yaml' or '!apps/legacy/**', without ..";

function isInside(root: string, path: string): boolean {
  const rest = relative(root, path);
  return rest === '' || (!rest.startsWith(`..${sep}`) && rest !== '..' && !isAbsolute(rest));
}

function looksAbsolute(path: string): boolean {
  return isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}

/** The real path of `path`, following symbolic links even when the last components do not exist yet. */
function realpathAllowingMissing(path: string, depth = 0): string {
  if (depth > 40) throw new Error(`too many levels of symbolic links at ${path}`);
  try {
    return realpathSync(path);
  } catch {
    // A dangling link is still followed: writing through it would land at its target.
    try {
      if (lstatSync(path).isSymbolicLink()) return realpathAllowingMissing(resolve(dirname(path), readlinkSync(path)), depth + 1);
    } catch {
      // Does not exist at all: resolve its parent.
    }
    const parent = dirname(path);
    if (parent === path) return path;
    return join(realpathAllowingMissing(parent, depth + 1), basename(path));
  }
}

/**
 * Resolves a user path relative to `root`. Throws InputError naming `input`
 * when the path is absolute, climbs out with `..`, or goes through a symbolic
 * link to a place outside the repository. The path need not exist yet.
 */
export function resolveInside(root: string, path: string, input: string): string {
  if (looksAbsolute(path)) throw new InputError(input, `'${path}' is an absolute path`, RELATIVE);
  const resolved = resolve(root, path);
  if (!isInside(resolve(root), resolved)) throw new InputError(input, `'${path}' leads outside the repository`, RELATIVE);
  if (!isInside(realpathSync(root), realpathAllowingMissing(resolved))) {
    throw new InputError(input, `'${path}' goes through a symbolic link to a place outside the repository`, RELATIVE);
  }
  return resolved;
}

/** A directory named without glob characters stands for the manifests under it. */
function expandDirectory(root: string, pattern: string, input: string): string[] {
  if (picomatch.scan(pattern).isGlob) return [pattern];
  const directory = resolveInside(root, pattern, input);
  try {
    if (!statSync(directory).isDirectory()) return [pattern];
  } catch {
    return [pattern];
  }
  const prefix = posix.normalize(pattern).replace(/\/+$/, '');
  return DEFAULT_MANIFEST_GLOBS.map((glob) => (prefix === '.' ? glob : `${prefix}/${glob}`));
}

function validateGlob(pattern: string, input: string): void {
  if (looksAbsolute(pattern)) throw new InputError(input, `'${pattern}' is an absolute path`, GLOB);
  if (pattern.split(/[\\/]/).includes('..')) throw new InputError(input, `'${pattern}' leads outside the repository`, GLOB);
}

/**
 * Files under `root` (relative POSIX paths, sorted) matching any of the globs
 * and none of the `!` ones; `**\/*.yaml` and `**\/*.yml` when no positive glob
 * is given. Dot files only match a glob that names them; `.git/` never.
 * Symbolically linked directories are not entered, and a matching linked file
 * must point inside the repository, or this throws InputError.
 */
export async function listManifestFiles(root: string, patterns: string[], input: string): Promise<string[]> {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const raw of patterns.map((pattern) => pattern.trim()).filter(Boolean)) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    validateGlob(pattern, input);
    (negated ? exclude : include).push(...expandDirectory(root, pattern, input));
  }
  const included = picomatch(include.length ? include : DEFAULT_MANIFEST_GLOBS, { dot: false });
  const excluded = exclude.length ? picomatch(exclude, { dot: false }) : () => false;
  const realRoot = await realpath(root);

  const found: string[] = [];
  const walk = async (directory: string, prefix: string): Promise<void> => {
    const entries = await readdir(directory, { withFileTypes: true });
    await Promise.all(
      entries.map(async (entry) => {
        if (entry.name === '.git') return;
        const path = prefix + entry.name;
        const full = join(directory, entry.name);
        if (entry.isDirectory()) return walk(full, `${path}/`);
        if (!included(path) || excluded(path)) return;
        if (entry.isSymbolicLink()) {
          // Followed links to directories could loop or leave the repository; linked files are checked.
          const target = await stat(full).catch(() => undefined);
          if (!target?.isFile()) return;
          if (!isInside(realRoot, await realpath(full))) {
            throw new InputError(input, `'${path}' is a symbolic link to a file outside the repository`, GLOB);
          }
        } else if (!entry.isFile()) {
          return;
        }
        found.push(path);
      }),
    );
  };
  await walk(root, '');
  return found.sort();
}
