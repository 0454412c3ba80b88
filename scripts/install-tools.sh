#!/usr/bin/env bash
# Installs, from Debian, whichever of the named commands is missing. A name is
# a Debian package that installs a command of the same name, or
# COMMAND=PACKAGE when they differ. As root it installs them; otherwise it says
# what to install and exits 1.
#   bash scripts/install-tools.sh docker-registry buildah java=default-jre-headless ...
# The host is left as it was found but for the new packages: their system
# services are neither enabled nor started (the tests start their own
# instances on loopback), nothing already installed is upgraded, and apt's
# output goes to a log file, with one line printed per package.
set -euo pipefail
missing=()
for tool in "$@"; do
  command -v "${tool%%=*}" >/dev/null || missing+=("${tool#*=}")
done
((${#missing[@]})) || exit 0
if [[ $(id -u) != 0 ]]; then
  echo "install-tools: missing ${missing[*]}; install them with: sudo apt-get install --no-upgrade ${missing[*]}" >&2
  exit 1
fi
log=$(mktemp "${TMPDIR:-/tmp}/install-tools.XXXXXX.log")
export DEBIAN_FRONTEND=noninteractive
# invoke-rc.d asks policy-rc.d whether it may start a service; 101 says no.
# Debian's own package scripts go through it, so no service starts or is enabled.
policy=/usr/sbin/policy-rc.d
own_policy=false
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  own_policy=true
fi
cleanup() { if $own_policy; then rm -f "$policy"; fi; }
trap cleanup EXIT
if ! apt-get update -q >>"$log" 2>&1; then
  echo "install-tools: apt-get update failed; see $log" >&2
  exit 1
fi
for package in "${missing[@]}"; do
  if apt-get install -y -q --no-install-recommends --no-upgrade -o Dpkg::Options::=--force-confold "$package" >>"$log" 2>&1; then
    echo "install-tools: installed $package ($(dpkg-query -W -f='${Version}' "$package" 2>/dev/null || echo '?'))"
  else
    echo "install-tools: could not install $package; see $log" >&2
    exit 1
  fi
done
# A package whose scripts bypass invoke-rc.d still must not leave a service behind.
for package in "${missing[@]}"; do
  for unit in $(dpkg -L "$package" 2>/dev/null | grep -E '^/(usr/)?lib/systemd/system/[^/]+\.service$' | xargs -r -n1 basename); do
    if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
      systemctl disable --now "$unit" >>"$log" 2>&1 || true
    fi
  done
done
