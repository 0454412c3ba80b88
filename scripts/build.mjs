// Bundles every action's door (actions/<name>/main.ts, and the root main.ts
// when present) with ncc into dist/<name>/index.js. Dynamic imports become
// chunks beside it, which keeps a bundle's start cheap. The TypeScript is
// type-checked and compiled once, by tsc with tsconfig.json (which covers
// only what ships: src, actions, main.ts), into .tmp/build; ncc then bundles
// that JavaScript. Left to ncc, the type check would run again for every
// bundle (its --transpile-only cannot resolve the `.js` import paths of
// NodeNext). Two bundles are built at a time, each into a fresh folder that
// replaces the old one when complete, so a test running meanwhile never finds
// half a bundle.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (command, args) => promisify(execFile)(command, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
const entries = readdirSync(join(root, 'actions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'actions', entry.name, 'main.ts')))
  .map((entry) => ({ name: entry.name, main: join('actions', entry.name, 'main.js') }));
if (existsSync(join(root, 'main.ts'))) entries.push({ name: 'deliver', main: 'main.js' });

const only = process.argv.slice(2);
if (!only.length) {
  // A bundle that outlived its action would still be committed and shipped.
  const names = new Set(entries.map((entry) => entry.name));
  for (const stale of existsSync(join(root, 'dist')) ? readdirSync(join(root, 'dist')) : []) {
    if (!names.has(stale)) rmSync(join(root, 'dist', stale), { recursive: true, force: true });
  }
}
const compiled = join(root, '.tmp', 'build');
rmSync(compiled, { recursive: true, force: true });
try {
  await run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--outDir', compiled, '--noEmitOnError']);
} catch (error) {
  process.stderr.write(`tsc found errors, so nothing was bundled:\n${error.stdout || error.message}\n`);
  process.exit(1);
}

async function bundle({ name, main }) {
  const out = join(root, 'dist', name);
  const next = join(root, 'dist', `.${name}.next`);
  rmSync(next, { recursive: true, force: true });
  const args = ['build', join(compiled, main), '-o', next, '--minify', '--no-source-map-register', '--license', 'licenses.txt', '-q'];
  await run(join(root, 'node_modules', '.bin', 'ncc'), args).catch((error) => {
    rmSync(next, { recursive: true, force: true });
    throw new Error(`ncc could not bundle ${main.replace(/\.js$/, '.ts')}:\n${error.stderr || error.message}`);
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
