#!/usr/bin/env bash
# Resolves rollback.yml's `revision` (previous, -N, or a SHA) to a commit of
# the production branch. Anything else, and any commit that is not on that
# branch, is refused before anything is deployed: only what once ran in
# production may be rolled back to.
#   in:  ENV_URL, ENV_REPOSITORY, PRODUCTION_BRANCH, REVISION, TOKEN (may be empty)
#   out: sha, short, tip
set -euo pipefail
fail() {
  echo "::error::rollback: $*"
  exit 1
}
url=$ENV_URL
git check-ref-format --branch "$PRODUCTION_BRANCH" >/dev/null 2>&1 ||
  fail "input 'production-branch': '$PRODUCTION_BRANCH' is not a valid branch name"

# The token goes to git as a header in the environment, never in a URL or an argument.
if [[ -n ${TOKEN:-} && $url == http* ]]; then
  basic=$(printf 'x-access-token:%s' "$TOKEN" | base64 -w0)
  echo "::add-mask::$basic"
  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=http.extraHeader GIT_CONFIG_VALUE_0="Authorization: Basic $basic"
fi
export GIT_TERMINAL_PROMPT=0
GIT_DIR=$(mktemp -d "${RUNNER_TEMP:-/tmp}/production-history.XXXXXX")
export GIT_DIR
git init -q --bare "$GIT_DIR"
# Commits only (no trees, no blobs): all that resolving and the ancestry check read.
if ! git fetch -q --no-tags --filter=tree:0 "$url" "+refs/heads/$PRODUCTION_BRANCH:refs/production" 2>"$GIT_DIR/fetch.log"; then
  sed 's/^/  /' "$GIT_DIR/fetch.log" >&2
  fail "cannot fetch branch '$PRODUCTION_BRANCH' of $ENV_REPOSITORY (see above); nothing was deployed"
fi
tip=$(git rev-parse --verify -q 'refs/production^{commit}')
count=$(git rev-list --count --first-parent refs/production)

spec=$(printf '%s' "$REVISION" | tr -d '[:space:]')
expected="expected 'previous', '-N' (N revisions before the current one) or a commit SHA on '$PRODUCTION_BRANCH'"
back=
case $spec in
  previous) back=1 ;;
  -*)
    [[ $spec =~ ^-[0-9]{1,6}$ ]] && ((10#${spec#-} >= 1)) || fail "input 'revision': '$spec' is not supported; $expected"
    back=$((10#${spec#-}))
    ;;
esac
if [[ -n $back ]]; then
  ((back < count)) || fail "input 'revision': '$spec' goes back $back revisions, but '$PRODUCTION_BRANCH' has only $count (the oldest is -$((count - 1)))"
  sha=$(git rev-parse --verify -q "refs/production~$back^{commit}")
elif [[ $spec =~ ^[0-9a-fA-F]{7,40}$ ]]; then
  refused="input 'revision': $spec is not a commit on '$PRODUCTION_BRANCH' of $ENV_REPOSITORY; only a revision that ran in production can be rolled back to"
  sha=$(git rev-parse --verify -q "${spec,,}^{commit}") || fail "$refused"
  git merge-base --is-ancestor "$sha" refs/production || fail "$refused"
else
  fail "input 'revision': '$spec' is not supported; $expected"
fi
subject=$(git log -1 --format=%s "$sha")
[[ $sha != "$tip" ]] || echo "::notice::rollback: $sha is already the tip of '$PRODUCTION_BRANCH'; it is redeployed and the branch is left as it is"

{
  echo "sha=$sha"
  echo "short=${sha::7}"
  echo "tip=$tip"
} >> "$GITHUB_OUTPUT"
if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
  {
    echo "### rollback"
    echo
    echo "| | commit | subject |"
    echo "| --- | --- | --- |"
    echo "| current production | \`${tip::12}\` | $(git log -1 --format=%s "$tip" | sed 's/|/\\|/g') |"
    echo "| rolling back to ($spec) | \`${sha::12}\` | $(sed 's/|/\\|/g' <<<"$subject") |"
  } >> "$GITHUB_STEP_SUMMARY"
fi
echo "rollback: '$spec' is $sha ($subject)"
