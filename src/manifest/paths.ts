/**
 * Paths and globs from the user, confined to the env repository's tree: a
 * workflow input must never make the action read or write outside it. The
 * tree is git's (see IndexTree), so nothing here touches the file system;
 * symbolic links are entries whose content is their target.
 */
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { InputError } from '../action/errors.js';
import { SYMLINK, type TreeEntry } from '../git/tree.js';

export const DEFAULT_MANIFEST_GLOBS = ['**/*.yaml', '**/*.yml'];

const RELATIVE = 'a path relative to the repository root, without ..';
const GLOB = "globs relative to the repository root, such as 'apps/**/*.yaml' or '!apps/legacy/**', without ..";

function looksAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}

function leavesRoot(path: string): boolean {
  const normal = posix.normalize(path);
  return normal === '..' || normal.startsWith('../');
}

/** A path relative to the repository root, normalised; absolute paths and `..` out of the root are refused. */
export function checkRelativePath(path: string, input: string): string {
  if (looksAbsolute(path)) throw new InputError(input, `'${path}' is an absolute path`, RELATIVE);
  if (leavesRoot(path)) throw new InputError(input, `'${path}' leads outside the repository`, RELATIVE);
  return posix.normalize(path).replace(/\/+$/, '');
}

const OUTPUT = `${RELATIVE}: a file of its own, not a folder, not under a file, not inside .git`;

/**
 * The checks of a file to write that need no tree: inside the repository, a
 * file rather than the root, and never under `.git` (git ignores such a
 * path, so the write would silently do nothing).
 */
export function checkOutputName(path: string, input: string): string {
  const normal = checkRelativePath(path, input);
  if (normal === '.' || normal === '') throw new InputError(input, `'${path}' names the repository root, not a file`, OUTPUT);
  if (normal.split('/').some((part) => part.toLowerCase() === '.git')) throw new InputError(input, `'${path}' is inside .git`, OUTPUT);
  return normal;
}

/**
 * Where a file may be written: a file of the repository or a new one, not
 * through a symbolic link of the tree, and not where a folder is (writing it
 * would replace the folder's files) nor under a file (which would be deleted
 * to make room for a folder).
 */
export function checkOutputPath(entries: TreeEntry[], path: string, input: string): string {
  const normal = checkOutputName(path, input);
  const link = entries.find((entry) => entry.mode === SYMLINK && (normal === entry.path || normal.startsWith(`${entry.path}/`)));
  if (link)
    throw new InputError(input, `'${path}' goes through the symbolic link '${link.path}'`, `${RELATIVE}, not through a symbolic link`);
  const above = entries.find((entry) => normal.startsWith(`${entry.path}/`));
  if (above) throw new InputError(input, `'${path}' is under '${above.path}', which is a file`, OUTPUT);
  if (entries.some((entry) => entry.path.startsWith(`${normal}/`))) {
    throw new InputError(input, `'${path}' is a folder of the repository`, OUTPUT);
  }
  return normal;
}

/** A symbolic link whose target leaves the repository is refused; one that stays inside names a file listed on its own. */
export function checkLinkTarget(link: string, target: string, input: string): void {
  if (looksAbsolute(target) || leavesRoot(posix.join(posix.dirname(link), target))) {
    throw new InputError(input, `'${link}' is a symbolic link to a file outside the repository`, GLOB);
  }
}

function validateGlob(pattern: string, input: string): void {
  if (looksAbsolute(pattern)) throw new InputError(input, `'${pattern}' is an absolute path`, GLOB);
  if (pattern.split(/[\\/]/).includes('..')) throw new InputError(input, `'${pattern}' leads outside the repository`, GLOB);
}

/** A directory named without glob characters stands for the manifests under it. */
function expandDirectory(entries: TreeEntry[], pattern: string): string[] {
  if (picomatch.scan(pattern).isGlob) return [pattern];
  const prefix = posix.normalize(pattern).replace(/\/+$/, '');
  if (prefix === '.') return DEFAULT_MANIFEST_GLOBS;
  const isDirectory = entries.some((entry) => entry.path.startsWith(`${prefix}/`));
  return isDirectory ? DEFAULT_MANIFEST_GLOBS.map((glob) => `${prefix}/${glob}`) : [pattern];
}

/**
 * The tree's regular files matching any of the globs and none of the `!`
 * ones (`**\/*.yaml` and `**\/*.yml` when no positive glob is given), sorted;
 * dot files only match a glob that names them. Matching symbolic links are
 * returned apart, for their targets to be checked with `checkLinkTarget`.
 */
export function selectManifestFiles(entries: TreeEntry[], patterns: string[], input: string): { files: TreeEntry[]; links: TreeEntry[] } {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const raw of patterns.map((pattern) => pattern.trim()).filter(Boolean)) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    validateGlob(pattern, input);
    (negated ? exclude : include).push(...expandDirectory(entries, pattern));
  }
  const included = picomatch(include.length ? include : DEFAULT_MANIFEST_GLOBS, { dot: false });
  const excluded = exclude.length ? picomatch(exclude, { dot: false }) : () => false;
  const matching = entries
    .filter((entry) => included(entry.path) && !excluded(entry.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    files: matching.filter((entry) => entry.mode.startsWith('100')),
    links: matching.filter((entry) => entry.mode === SYMLINK),
  };
}
