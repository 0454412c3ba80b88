// One patch-manifest image update in a process of its own, as an action step
// pays for it: Node's start, loading the compiled library, a cold parser.
//
//   node bench/patch-engine/once.mjs LIB ROOT IMAGE [FILE...]
//
// Patches FILE... (relative to ROOT), or every manifest under ROOT when none
// is given, writes the changed files, and prints the number of changes.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadEngine } from './tree.mjs';

const [lib, root, image, ...given] = process.argv.slice(2);
const { parseImageUpdates, patchTree, listManifestFiles, readFiles } = await loadEngine(lib);

const files = given.length ? given : listManifestFiles(root);
const patch = patchTree(readFiles(root, files), parseImageUpdates([image]));
await Promise.all(patch.files.map((file) => writeFile(join(root, file.path), file.after)));
console.log(patch.files.reduce((sum, file) => sum + file.changes.length, 0));
