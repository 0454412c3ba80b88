#!/usr/bin/env bash
# The app commit that built the images of an env-repository revision, from its
# Source-Commit trailer (patch-manifest writes it; promotions from one
# environment to the next carry it on), so that the outcome can be shown on
# that commit in the app repository. None is not an error: a hand-written
# revision has no app commit to report to.
#   in:  ENV_URL, REVISION, TOKEN (may be empty), GITHUB_SERVER_URL
#   out: repository, sha, name (the repository's name alone, for a token scoped to it; empty when another owner's)
set -euo pipefail
if [[ -n ${TOKEN:-} && $ENV_URL == http* ]]; then
  basic=$(printf 'x-access-token:%s' "$TOKEN" | base64 -w0)
  echo "::add-mask::$basic"
  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=http.extraHeader GIT_CONFIG_VALUE_0="Authorization: Basic $basic"
fi
export GIT_TERMINAL_PROMPT=0
GIT_DIR=$(mktemp -d "${RUNNER_TEMP:-/tmp}/app-commit.XXXXXX")
export GIT_DIR
git init -q --bare "$GIT_DIR"
repository= sha=
# The commit alone: no tree, no blobs.
if git fetch -q --no-tags --depth=1 --filter=tree:0 "$ENV_URL" "$REVISION" 2>/dev/null; then
  trailer=$(git log -1 --format=%B FETCH_HEAD | grep -E '^Source-Commit: [A-Za-z0-9._-]+/[A-Za-z0-9._-]+@[0-9a-f]{40}$' | tail -n1 || true)
  if [[ -n $trailer ]]; then
    source=${trailer#Source-Commit: }
    repository=${source%@*}
    sha=${source##*@}
  fi
else
  echo "::warning::cannot read $REVISION to find its app commit; the app repository is not told of this deployment"
fi
rm -rf "$GIT_DIR"
env_owner=
[[ ${ENV_REPOSITORY:-} == */* && ${ENV_REPOSITORY:-} != *://* ]] && env_owner=${ENV_REPOSITORY%%/*}
name=
[[ -n $repository && ${repository%%/*} == "$env_owner" ]] && name=${repository##*/}
{
  echo "repository=$repository"
  echo "sha=$sha"
  echo "name=$name"
} >>"$GITHUB_OUTPUT"
[[ -n $repository ]] && echo "app commit: $repository@$sha" || echo "no app commit named by $REVISION"
