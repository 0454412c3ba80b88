#!/usr/bin/env bash
# Fails when a generated file in the tree differs from what its generator makes
# now: GitHub runs the committed dist/ bundles, and users read the committed
# READMEs, so both must match the sources they come from.
#   bash scripts/check-fresh.sh           rebuild dist/, then compare
#   bash scripts/check-fresh.sh --built   compare a dist/ that `npm test` has just rebuilt
set -euo pipefail
cd "$(dirname "$0")/.."

git rev-parse --is-inside-work-tree >/dev/null 2>&1 || {
  echo "check-fresh: $(pwd) is not a git work tree; nothing to compare against" >&2
  exit 1
}

stale=0

# Changed, deleted or new files under the given pathspecs, compared with the index.
changed() {
  git diff --exit-code --stat -- "$@" && [[ -z $(git ls-files --others --exclude-standard -- "$@") ]]
}

if [[ ${1:-} != --built ]]; then
  npm run build --silent >/dev/null || {
    echo "check-fresh: npm run build failed (see above)" >&2
    exit 1
  }
fi
if ! changed dist/; then
  git ls-files --others --exclude-standard -- dist/ | sed 's/^/  new: /'
  echo "check-fresh: dist/ is stale. Run: npm run build, then commit dist/" >&2
  stale=1
fi

node scripts/docs.mjs >/dev/null || {
  echo "check-fresh: scripts/docs.mjs could not read every action.yml (see above)" >&2
  stale=1
}
if ! changed 'actions/*/README.md' README.md docs/deliver.md; then
  git ls-files --others --exclude-standard -- 'actions/*/README.md' README.md docs/deliver.md | sed 's/^/  new: /'
  echo "check-fresh: usage docs are stale. Run: npm run docs, then commit the READMEs" >&2
  stale=1
fi

((stale == 0)) && echo "check-fresh: dist/ and usage docs are up to date"
exit "$stale"
