// The engine's two halves as patch-manifest calls them, over a checked-out
// tree: the manifests selected from git's list of files, and their bytes.
// (The action reads the same bytes from git's object store instead of disk.)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function loadEngine(lib) {
  const { parseImageUpdates, patchTree } = await import(pathToFileURL(join(lib, 'manifest/images.js')).href);
  const { selectManifestFiles } = await import(pathToFileURL(join(lib, 'manifest/paths.js')).href);
  const listManifestFiles = (root) => {
    const entries = execFileSync('git', ['ls-files', '--stage', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 })
      .split('\0')
      .filter(Boolean)
      .map((line) => ({ mode: line.slice(0, 6), object: '', path: line.slice(line.indexOf('\t') + 1) }));
    return selectManifestFiles(entries, [], 'paths').files.map((entry) => entry.path);
  };
  const readFiles = (root, paths) => paths.map((path) => ({ path, bytes: readFileSync(join(root, path)) }));
  return { parseImageUpdates, patchTree, listManifestFiles, readFiles };
}
