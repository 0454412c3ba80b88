#!/usr/bin/env bash
# The one test command: installs what the tests need when it is missing,
# builds the bundles the integration tests run, then runs jest.
# Extra arguments go to jest, e.g. `npm test -- test/unit`.
# Services (git server, registry, Prometheus, ...) are started by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm keeps its own copy of the lockfile in node_modules; when package-lock.json
# is newer than that copy, the install is stale.
installed_lock=node_modules/.package-lock.json
if [[ ! -f $installed_lock || package-lock.json -nt $installed_lock ]]; then
  echo "test.sh: node_modules missing or older than package-lock.json; running npm ci"
  npm ci --no-audit --no-fund
fi

# Debian's git, registry, image builder and tools, when missing.
bash scripts/install-tools.sh git docker-registry buildah skopeo prometheus ||
  echo "test.sh: tests that need the missing tools will fail" >&2
# kubectl and the Pub/Sub emulator come with the Google Cloud SDK, which is not in Debian.
for tool in kubectl gcloud; do
  command -v "$tool" >/dev/null || echo "test.sh: $tool not found (Google Cloud SDK); tests that need it will fail" >&2
done
# The Pub/Sub emulator is an SDK component that runs on Java.
bash scripts/install-tools.sh java=default-jre-headless ||
  echo "test.sh: the Pub/Sub emulator needs java; the notification tests will fail" >&2
bash scripts/pubsub-emulator.sh check ||
  echo "test.sh: the notification tests will fail (see above)" >&2

npm run build --silent

mkdir -p .tmp
export NODE_OPTIONS="--experimental-vm-modules ${NODE_OPTIONS:-}"
exec npx jest --json --outputFile=.tmp/jest-results.json "$@"
