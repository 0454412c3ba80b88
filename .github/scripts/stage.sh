#!/usr/bin/env bash
# Which environment of the env repository a run is about, and its branches.
# The default layout is the tutorial's: one environment on `candidate` and
# `production`. Several environments live in one env repository as branch
# pairs, `env/<stage>/candidate` (attempts) and `env/<stage>/production`
# (successes): a stage is named by STAGE, or by a candidate branch of that
# form, and then the production branch and the GitHub environment follow from
# it unless given. STAGES, the ordered chain (`dev staging production`), names
# the environment a success is promoted to next.
# STAGE_IMAGE_TAGS, lines of `<stage>=<tags>`, adds registry tags for one
# stage to IMAGE_TAGS (`staging=rc-{app-short-sha}`: a release candidate).
#   in:  STAGE, STAGES, CANDIDATE_BRANCH (may be empty), PRODUCTION_BRANCH, ENVIRONMENT, IMAGE_TAGS, STAGE_IMAGE_TAGS, WORKFLOW
#   out: stage, candidate-branch, production-branch, environment, next-stage, next-candidate-branch,
#        next-production-branch, image-tags, last (true for the last environment of the chain, or the only one)
set -euo pipefail
fail() {
  echo "::error::${WORKFLOW:-gitops-delivery}: $*"
  exit 1
}
stage=${STAGE:-}
if [[ -z $stage && ${CANDIDATE_BRANCH:-} =~ ^env/([^/]+)/candidate$ ]]; then
  stage=${BASH_REMATCH[1]}
fi
candidate=${CANDIDATE_BRANCH:-}
production=$PRODUCTION_BRANCH
environment=$ENVIRONMENT
if [[ -n $stage ]]; then
  [[ $stage =~ ^[a-z0-9][a-z0-9-]{0,62}$ ]] ||
    fail "input 'stage': '$stage' is not supported; expected a name of lower-case letters, digits and dashes, such as staging"
  [[ -z $candidate || $candidate == candidate ]] && candidate=env/$stage/candidate
  [[ $production == production ]] && production=env/$stage/production
  [[ $environment == production ]] && environment=$stage
fi
read -r -a chain <<<"$(tr ',\n' '  ' <<<"${STAGES:-}")"
next=
if ((${#chain[@]})); then
  [[ -n $stage ]] ||
    fail "input 'stages' is set, but this run names no stage; set 'stage', or a candidate-branch of the form env/<stage>/candidate"
  found=false
  for i in "${!chain[@]}"; do
    if [[ ${chain[i]} == "$stage" ]]; then
      found=true
      next=${chain[i + 1]:-}
    fi
  done
  $found || fail "input 'stages': '${STAGES//$'\n'/ }' does not name this run's stage '$stage'"
fi
tags=$(printf '%s' "${IMAGE_TAGS:-}" | tr '\n' ',' | sed 's/[[:space:]]//g; s/,,*/,/g; s/^,//; s/,$//')
while IFS= read -r line; do
  line=${line//[[:space:]]/}
  [[ -z $line || $line == \#* ]] && continue
  [[ $line =~ ^([a-z0-9][a-z0-9-]*)=(.+)$ ]] ||
    fail "input 'stage-image-tags': '$line' is not supported; expected lines of <stage>=<tags>, such as staging=rc-{app-short-sha}"
  [[ ${BASH_REMATCH[1]} == "$stage" ]] && tags+="${tags:+,}${BASH_REMATCH[2]}"
done <<<"${STAGE_IMAGE_TAGS:-}"
{
  echo "stage=$stage"
  echo "candidate-branch=$candidate"
  echo "production-branch=$production"
  echo "environment=$environment"
  echo "next-stage=$next"
  echo "next-candidate-branch=${next:+env/$next/candidate}"
  echo "next-production-branch=${next:+env/$next/production}"
  echo "image-tags=$tags"
  echo "last=$([[ -z $next ]] && echo true || echo false)"
} >>"$GITHUB_OUTPUT"
# Where this run stands in the chain, as a picture on the run's page.
if ((${#chain[@]})) && [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
  {
    echo '```mermaid'
    echo 'flowchart LR'
    previous=
    for name in "${chain[@]}"; do
      node=${name//-/_}
      if [[ $name == "$stage" ]]; then echo "  $node[\"$name: this run\"]:::here"; else echo "  $node[\"$name\"]"; fi
      [[ -n $previous ]] && echo "  $previous -- by digest --> $node"
      previous=$node
    done
    echo '  classDef here stroke-width:3px'
    echo '```'
  } >>"$GITHUB_STEP_SUMMARY"
fi
echo "${WORKFLOW:-gitops-delivery}: environment ${stage:-(default)}: $candidate -> $production (GitHub environment $environment)${next:+, then $next}"
