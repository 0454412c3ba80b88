// Syntax-level rules only: type-checking is tsc's job (npm run typecheck),
// which keeps a lint run cheap enough for every commit.
//
// Layers of src/, lowest first. A folder imports its own layer's files only
// within itself and any folder of a lower layer, never a sibling or a higher
// one:
//   action    the floor: errors, input readers, logger, run context, Markdown,
//             workdir, child-process tracking
//   http      fetch with timeouts and retries
//   git, image, notify
//   manifest, github
//   kube
//   canary, verify
//   pipeline  use cases that span domains (deliver, promote); watch, the image watch
//   door      the doors' runtime: the run wrapper, outputs and job summary
//             (the one user of @actions/core), the step's notification
// The doors (actions/*/main.ts, main.ts) import any layer; nothing in src/
// imports the door layer.
import { readdirSync } from 'node:fs';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const LAYERS = [
  ['action'],
  ['http'],
  ['git', 'image', 'notify'],
  ['manifest', 'github'],
  ['kube'],
  ['canary', 'verify'],
  ['pipeline', 'watch'],
  ['door'],
];

// A folder in no layer would be checked by no rule: refuse to lint until it has its place.
const placed = new Set(LAYERS.flat());
const unplaced = readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !placed.has(entry.name))
  .map((entry) => `src/${entry.name}/`);
if (unplaced.length) throw new Error(`eslint.config.js: ${unplaced.join(', ')} belongs to no layer of LAYERS; add it to one`);

const onlyIn = (name, file) => ({ name, message: `${name} is imported by ${file} alone.` });
const CONFINED = [onlyIn('@actions/core', 'src/door/report.ts')];

/**
 * The rule for the files of one folder: the other folders of its layer, and
 * every folder of the layers above, are out of reach, by static import and by
 * `import()` alike.
 */
function layerRule(level, folder) {
  const forbidden = LAYERS.slice(level)
    .flat()
    .filter((other) => other !== folder);
  const message = `src/${folder}/ is in layer ${level + 1} of eslint.config.js: it imports from lower layers only.`;
  return {
    files: [`src/${folder}/**`],
    rules: {
      'no-restricted-imports': ['error', { paths: CONFINED, patterns: [{ regex: `^(\\.\\./)+(${forbidden.join('|')})/`, message }] }],
      'no-restricted-syntax': ['error', { selector: `ImportExpression[source.value=/^(\\.\\.\\/)+(${forbidden.join('|')})\\//]`, message }],
    },
  };
}

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'lib/', 'coverage/', 'bench/.work/', '.tmp/']),
  {
    files: ['**/*.{ts,js,mjs,cjs}'],
    extends: [tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names mark parameters a signature needs but a body ignores.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': ['error', { paths: CONFINED }],
    },
  },
  LAYERS.slice(0, -1).flatMap((folders, level) => folders.map((folder) => layerRule(level, folder))),
  { files: ['src/door/report.ts'], rules: { 'no-restricted-imports': 'off' } },
);
