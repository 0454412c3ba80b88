#!/usr/bin/env bash
# Is REVISION still the tip of CANDIDATE_BRANCH? Runs are queued per
# environment, so a run can come to its turn after newer candidates were
# pushed: then it deploys nothing, and the newest candidate's own run deploys
# that one. An older candidate is never deployed over a newer one.
# Also reads the tip of PRODUCTION_BRANCH, which the job's summary compares with.
#   in:  ENV_URL, ENV_REPOSITORY, CANDIDATE_BRANCH, PRODUCTION_BRANCH, REVISION, TOKEN (may be empty)
#   out: revision, tip, current (true|false), production
set -euo pipefail
fail() {
  echo "::error::env-cd: $*"
  exit 1
}
git check-ref-format --branch "$CANDIDATE_BRANCH" >/dev/null 2>&1 ||
  fail "input 'candidate-branch': '$CANDIDATE_BRANCH' is not a valid branch name"
git check-ref-format --branch "$PRODUCTION_BRANCH" >/dev/null 2>&1 ||
  fail "input 'production-branch': '$PRODUCTION_BRANCH' is not a valid branch name"
[[ $REVISION =~ ^[0-9a-f]{40}$ ]] || fail "input 'revision': '$REVISION' is not supported; expected a full 40-character commit SHA"
# The token goes to git as a header in the environment, never in a URL or an argument.
if [[ -n ${TOKEN:-} && $ENV_URL == http* ]]; then
  basic=$(printf 'x-access-token:%s' "$TOKEN" | base64 -w0)
  echo "::add-mask::$basic"
  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=http.extraHeader GIT_CONFIG_VALUE_0="Authorization: Basic $basic"
fi
export GIT_TERMINAL_PROMPT=0
listed=$(git ls-remote "$ENV_URL" "refs/heads/$CANDIDATE_BRANCH" "refs/heads/$PRODUCTION_BRANCH") ||
  fail "cannot list the branches of $ENV_REPOSITORY (see above)"
tip=$(awk -v ref="refs/heads/$CANDIDATE_BRANCH" '$2 == ref { print $1 }' <<<"$listed")
production=$(awk -v ref="refs/heads/$PRODUCTION_BRANCH" '$2 == ref { print $1 }' <<<"$listed")
[[ -n $tip ]] || fail "branch '$CANDIDATE_BRANCH' of $ENV_REPOSITORY does not exist"
if [[ $tip == "$REVISION" ]]; then
  current=true
  echo "env-cd: $REVISION is the tip of '$CANDIDATE_BRANCH'"
else
  current=false
  echo "::notice::env-cd: $REVISION is no longer the tip of '$CANDIDATE_BRANCH' (now $tip); skipped, the newer candidate's run deploys it"
fi
{
  echo "revision=$REVISION"
  echo "tip=$tip"
  echo "current=$current"
  echo "production=$production"
} >>"$GITHUB_OUTPUT"
if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
  if [[ $current == false ]]; then
    printf '### env-cd\n\nSkipped `%s`: `%s` is now the tip of `%s`.\n' "${REVISION::12}" "${tip::12}" "$CANDIDATE_BRANCH"
  else
    printf '### env-cd\n\n| | commit |\n| --- | --- |\n| candidate to deploy | `%s` |\n| production now | %s |\n' \
      "${REVISION::12}" "${production:+\`${production::12}\`}${production:-none yet}"
    # A candidate promoted from the previous environment says where it was verified: the reviewers' evidence.
    GIT_DIR=$(mktemp -d "${RUNNER_TEMP:-/tmp}/candidate.XXXXXX")
    export GIT_DIR
    git init -q --bare "$GIT_DIR"
    if git fetch -q --no-tags --depth=1 --filter=tree:0 "$ENV_URL" "$REVISION" 2>/dev/null; then
      message=$(git log -1 --format=%B FETCH_HEAD)
      from=$(sed -n 's/^Promoted-From-Environment: //p' <<<"$message" | tail -n1)
      run=$(sed -n 's/^Workflow run: //p' <<<"$message" | tail -n1)
      if [[ -n $from ]]; then
        printf '\nPromoted by digest from `%s` (its success commit `%s`)%s.\n' "${from%@*}" "$(cut -c1-12 <<<"${from##*@}")" \
          "${run:+; verified and recorded in [that run]($run)}"
      fi
    fi
    rm -rf "$GIT_DIR"
  fi >>"$GITHUB_STEP_SUMMARY"
fi
