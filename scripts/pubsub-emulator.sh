#!/usr/bin/env bash
# The Pub/Sub emulator of the installed Google Cloud SDK, which the
# notification tests start (test/support/pubsub-emulator.ts finds it the same
# way: beside the real gcloud, else where `gcloud info` puts the SDK).
#   bash scripts/pubsub-emulator.sh check   install it when missing and possible; exit 1 if still missing
#   bash scripts/pubsub-emulator.sh path    print its start script
set -euo pipefail
relative=platform/pubsub-emulator/bin/cloud-pubsub-emulator

find_emulator() {
  local gcloud root
  gcloud=$(command -v gcloud) || return 1
  root=$(dirname "$(dirname "$(readlink -f "$gcloud")")")
  [[ -x $root/$relative ]] && { echo "$root/$relative"; return 0; }
  root=$(gcloud info --format='value(installation.sdk_root)' 2>/dev/null) || return 1
  [[ -n $root && -x $root/$relative ]] && { echo "$root/$relative"; return 0; }
  return 1
}

case ${1:-check} in
  path) find_emulator ;;
  check)
    find_emulator >/dev/null && exit 0
    if ! command -v gcloud >/dev/null; then
      echo "pubsub-emulator: gcloud not found; install the Google Cloud SDK with its pubsub-emulator component" >&2
      exit 1
    fi
    echo "pubsub-emulator: the emulator component is missing; installing it"
    # A Debian-packaged SDK disables `gcloud components`; its components are packages.
    # The installer's output goes to a log; one line says what happened.
    log=$(mktemp "${TMPDIR:-/tmp}/pubsub-emulator.XXXXXX.log")
    if dpkg -s google-cloud-cli >/dev/null 2>&1 && [[ $(id -u) == 0 ]]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-upgrade google-cloud-cli-pubsub-emulator >"$log" 2>&1 || true
    else
      gcloud components install pubsub-emulator --quiet >"$log" 2>&1 || true
    fi
    find_emulator >/dev/null && echo "pubsub-emulator: installed (log: $log)"
    find_emulator >/dev/null && exit 0
    echo "pubsub-emulator: could not install it; run 'gcloud components install pubsub-emulator' or 'apt-get install google-cloud-cli-pubsub-emulator'" >&2
    exit 1
    ;;
  *)
    echo "usage: $0 check|path" >&2
    exit 2
    ;;
esac
