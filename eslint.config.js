// Syntax-level rules only: type-checking is tsc's job (npm run typecheck),
// which keeps a lint run cheap enough for every commit.
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(globalIgnores(['dist/', 'node_modules/', 'lib/', 'coverage/', 'bench/.work/', '.tmp/']), {
  files: ['**/*.{ts,js,mjs,cjs}'],
  extends: [tseslint.configs.recommended],
  linterOptions: { reportUnusedDisableDirectives: 'error' },
  rules: {
    // `_`-prefixed names mark parameters a signature needs but a body ignores.
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
  },
});
