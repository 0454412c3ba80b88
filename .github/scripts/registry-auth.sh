#!/usr/bin/env bash
# Writes a containers auth file (the format of REGISTRY_AUTH_FILE and
# ~/.docker/config.json) holding one registry's credentials, for an action that
# reads credentials from there. Nothing is written when no user name is given.
#   in:  REGISTRY (host[:port]), REGISTRY_USERNAME, REGISTRY_PASSWORD, RUNNER_TEMP, WORKFLOW
#   out: file (empty when no credentials were given)
set -euo pipefail
fail() {
  echo "::error::${WORKFLOW:-gitops-delivery}: $*"
  exit 1
}
if [[ -z ${REGISTRY_USERNAME:-} ]]; then
  echo "file=" >>"$GITHUB_OUTPUT"
  exit 0
fi
[[ -n ${REGISTRY_PASSWORD:-} ]] || fail "secret REGISTRY_PASSWORD is empty while REGISTRY_USERNAME is set"
[[ $REGISTRY =~ ^[A-Za-z0-9.-]+(:[0-9]{1,5})?$ ]] ||
  fail "input 'registry': '$REGISTRY' is not supported; expected the registry host of the images, such as ghcr.io or us-docker.pkg.dev"
auth=$(printf '%s:%s' "$REGISTRY_USERNAME" "$REGISTRY_PASSWORD" | base64 -w0)
echo "::add-mask::$auth"
file=$(mktemp "${RUNNER_TEMP:-/tmp}/registry-auth.XXXXXX.json")
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$REGISTRY" "$auth" >"$file"
echo "file=$file" >>"$GITHUB_OUTPUT"
