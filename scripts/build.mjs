// Bundles every action's door (actions/<name>/main.ts, and the root main.ts
// when present) with ncc into dist/<name>/index.js. Dynamic imports become
// chunks beside it, which keeps a bundle's start cheap. ncc type-checks with
// tsconfig.json, which covers only what ships (src, actions).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
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
for (const { name, main } of entries) {
  if (only.length && !only.includes(name)) continue;
  const out = join(root, 'dist', name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    join(root, 'node_modules', '.bin', 'ncc'),
    ['build', main, '-o', out, '--minify', '--no-source-map-register', '--license', 'licenses.txt', '-q'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  process.stdout.write(`built dist/${name}\n`);
}
