#!/usr/bin/env bash
# Writes a containers auth file (the format of REGISTRY_AUTH_FILE and
# ~/.docker/config.json) holding the credentials of the images' registry and,
# for a public release, of the registry they are published to, for an action
# that reads credentials from there. Nothing is written when no user name is given.
#   in:  REGISTRY (host[:port]), REGISTRY_USERNAME, REGISTRY_PASSWORD,
#        PUBLISH_REGISTRY, PUBLISH_USERNAME, PUBLISH_PASSWORD, RUNNER_TEMP, WORKFLOW
#   out: file (empty when no credentials were given)
set -euo pipefail
fail() {
  echo "::error::${WORKFLOW:-gitops-delivery}: $*"
  exit 1
}
entries=()
# entry INPUT HOST USER PASSWORD_SECRET PASSWORD
entry() {
  [[ -n $3 ]] || return 0
  [[ -n $5 ]] || fail "secret $4 is empty while its user name is set"
  [[ $2 =~ ^[A-Za-z0-9.-]+(:[0-9]{1,5})?$ ]] ||
    fail "input '$1': '$2' is not supported; expected a registry host, such as ghcr.io or us-docker.pkg.dev"
  local auth
  auth=$(printf '%s:%s' "$3" "$5" | base64 -w0)
  echo "::add-mask::$auth"
  entries+=("\"$2\":{\"auth\":\"$auth\"}")
}
entry registry "${REGISTRY:-}" "${REGISTRY_USERNAME:-}" REGISTRY_PASSWORD "${REGISTRY_PASSWORD:-}"
entry publish-registry "${PUBLISH_REGISTRY:-}" "${PUBLISH_USERNAME:-}" PUBLISH_PASSWORD "${PUBLISH_PASSWORD:-}"
if ((${#entries[@]} == 0)); then
  echo "file=" >>"$GITHUB_OUTPUT"
  exit 0
fi
file=$(mktemp "${RUNNER_TEMP:-/tmp}/registry-auth.XXXXXX.json")
(
  IFS=,
  printf '{"auths":{%s}}\n' "${entries[*]}"
) >"$file"
echo "file=$file" >>"$GITHUB_OUTPUT"
