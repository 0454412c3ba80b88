#!/usr/bin/env bash
# Installs, from Debian, whichever of the named commands is missing. A name is
# a Debian package that installs a command of the same name, or
# COMMAND=PACKAGE when they differ. As root it installs them; otherwise it says
# what to install and exits 1.
#   bash scripts/install-tools.sh docker-registry buildah java=default-jre-headless ...
set -euo pipefail
missing=()
for tool in "$@"; do
  command -v "${tool%%=*}" >/dev/null || missing+=("${tool#*=}")
done
((${#missing[@]})) || exit 0
if [[ $(id -u) != 0 ]]; then
  echo "install-tools: missing ${missing[*]}; install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "install-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
