#!/usr/bin/env bash
# env-cd's own inputs, checked before anything is deployed; the actions check
# theirs in the steps that follow.
#   in: STRATEGY, IMAGE_TAGS, REGISTRY, REGISTRY_USERNAME
set -euo pipefail
fail() {
  echo "::error::env-cd: $*"
  exit 1
}
case $STRATEGY in
  rolling | canary | blue-green) ;;
  *) fail "input 'strategy': '$STRATEGY' is not supported; expected rolling, canary or blue-green" ;;
esac
if [[ -n $IMAGE_TAGS && -n ${REGISTRY_USERNAME:-} && -z $REGISTRY ]]; then
  fail "input 'registry' is required with secret REGISTRY_USERNAME: the registry host the credentials are for, such as ghcr.io"
fi
echo "env-cd: strategy $STRATEGY"
