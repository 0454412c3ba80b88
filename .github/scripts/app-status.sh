#!/usr/bin/env bash
# Shows an environment's outcome on the app commit that built the images: a
# commit status `gitops-delivery/<environment>` in the app repository
# (deploying, verified, promoted, failed, rolled back). A status that cannot be
# written is a warning: the deployment itself is what the run is for.
#   in:  APP_REPOSITORY, APP_SHA (nothing is done when empty), ENVIRONMENT, REVISION, TOKEN,
#        STATE (pending|success|failure|error) and DESCRIPTION, or, for the end of a deployment, STATE empty and
#        the outcomes it is read from: JOB_STATUS, DEPLOY_RESULT, ANALYSIS_OUTCOME, RECORD_OUTCOME, HELD_AT (a held
#        canary's step, '2 of 3');
#        GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID
set -euo pipefail
[[ -n ${APP_REPOSITORY:-} && -n ${APP_SHA:-} ]] || exit 0
short=${REVISION:0:7}
if [[ -z ${STATE:-} ]]; then
  if [[ ${RECORD_OUTCOME:-} == success ]]; then
    STATE=success DESCRIPTION="$ENVIRONMENT runs it: $short recorded on production"
  elif [[ -n ${HELD_AT:-} ]]; then
    STATE=pending DESCRIPTION="the canary of $short passed step $HELD_AT in $ENVIRONMENT; the next run serves the next step"
  elif [[ ${JOB_STATUS:-} == cancelled ]]; then
    STATE=error DESCRIPTION="deployment of $short to $ENVIRONMENT cancelled; production unchanged"
  elif [[ ${DEPLOY_RESULT:-} == rolled-back ]]; then
    STATE=failure DESCRIPTION="$short did not roll out in $ENVIRONMENT; rolled back to production"
  elif [[ ${ANALYSIS_OUTCOME:-} == failure ]]; then
    STATE=failure DESCRIPTION="the canary of $short failed its analysis in $ENVIRONMENT; removed"
  else
    STATE=failure DESCRIPTION="deployment of $short to $ENVIRONMENT failed; production unchanged"
  fi
fi
url="${GITHUB_API_URL:-https://api.github.com}/repos/$APP_REPOSITORY/statuses/$APP_SHA"
target="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-}"
description=${DESCRIPTION:0:140}
json() {
  local text=$1
  text=${text//\\/\\\\}
  text=${text//\"/\\\"}
  text=${text//$'\n'/\\n}
  text=${text//$'\t'/\\t}
  text=${text//$'\r'/}
  printf '"%s"' "$text"
}
body="{\"state\":$(json "$STATE"),\"context\":$(json "gitops-delivery/$ENVIRONMENT"),\"description\":$(json "$description"),\"target_url\":$(json "$target")}"
# The token goes in a header file, never on a command line.
headers=$(mktemp)
trap 'rm -f "$headers"' EXIT
printf 'Authorization: Bearer %s\nAccept: application/vnd.github+json\nContent-Type: application/json\n' "$TOKEN" >"$headers"
answer=$(curl -sS --max-time 30 --retry 2 -o /dev/null -w '%{http_code}' -X POST "$url" -H @"$headers" --data "$body" 2>/dev/null) || answer=000
if [[ $answer == 201 ]]; then
  echo "told $APP_REPOSITORY@${APP_SHA::7}: $ENVIRONMENT $STATE ($description)"
else
  echo "::warning::could not write the commit status of $APP_REPOSITORY@${APP_SHA::7} (HTTP $answer); give the token statuses: write on that repository"
fi
