// Bundles every action's door (actions/<name>/main.ts, and the root main.ts
// when present) with ncc into dist/<name>/index.js. Dynamic imports become
// chunks beside it, which keeps a bundle's start cheap. ncc type-checks with
// tsconfig.json, which covers only what ships (src, actions); its
// --transpile-only would emit CommonJS, which breaks top-level await. Two
// bundles are built at a time, each into a fresh folder that replaces the old
// one when complete, so a test running meanwhile never finds half a bundle.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entries = readdirSync(join(root, 'actions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'actions', entry.name, 'main.ts')))
  .map((entry) => ({ name: entry.name, main: join('actions', entry.name, 'main.ts') }));
if (existsSync(join(root, 'main.ts'))) entries.push({ name: 'deliver', main: 'main.ts' });

const only = process.argv.slice(2);
if (!only.length) {
  // A bundle that outlived its action would still be committed and shipped.
  const names = new Set(entries.map((entry) => entry.name));
  for (const stale of existsSync(join(root, 'dist')) ? readdirSync(join(root, 'dist')) : []) {
    if (!names.has(stale)) rmSync(join(root, 'dist', stale), { recursive: true, force: true });
  }
}
async function bundle({ name, main }) {
  const out = join(root, 'dist', name);
  const next = join(root, 'dist', `.${name}.next`);
  rmSync(next, { recursive: true, force: true });
  const args = ['build', main, '-o', next, '--minify', '--no-source-map-register', '--license', 'licenses.txt', '-q'];
  await promisify(execFile)(join(root, 'node_modules', '.bin', 'ncc'), args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }).catch((error) => {
    rmSync(next, { recursive: true, force: true });
    throw new Error(`ncc could not bundle ${main}:\n${error.stderr || error.message}`);
  });
  rmSync(out, { recursive: true, force: true });
  renameSync(next, out);
  process.stdout.write(`built dist/${name}\n`);
}

const queue = entries.filter(({ name }) => !only.length || only.includes(name));
const workers = Array.from({ length: Math.min(2, cpus().length) }, async () => {
  for (let entry = queue.shift(); entry; entry = queue.shift()) await bundle(entry);
});
try {
  await Promise.all(workers);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
