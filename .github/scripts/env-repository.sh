#!/usr/bin/env bash
# Where the env repository is, for the jobs of the reusable workflows: its git
# URL (an `owner/name` on this GitHub server, or a git URL or path as given),
# and the owner and name a GitHub App token is scoped to.
#   in:  ENV_REPOSITORY, GITHUB_SERVER_URL, WORKFLOW (the caller's name for errors)
#   out: url, owner, name
set -euo pipefail
fail() {
  echo "::error::${WORKFLOW:-gitops-delivery}: $*"
  exit 1
}
case $ENV_REPOSITORY in
  *://* | /* | .* | *@*:*) url=$ENV_REPOSITORY ;;
  */*) url="${GITHUB_SERVER_URL%/}/$ENV_REPOSITORY.git" ;;
  *) fail "input 'env-repository': '$ENV_REPOSITORY' is not supported; expected 'owner/name' or a git URL" ;;
esac
slug=$ENV_REPOSITORY
[[ $slug == *://* ]] && slug=${slug#*://*/}
slug=${slug%.git}
{
  echo "url=$url"
  echo "owner=${slug%%/*}"
  echo "name=${slug##*/}"
} >>"$GITHUB_OUTPUT"
