#!/usr/bin/env bash
# Installs everything crowsnest's tests and fixtures need on a fresh Debian machine, then builds.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
packages=$(grep -v '^\s*#' .ci/apt-packages | grep -v '^\s*$' | tr '\n' ' ')
missing=""
for p in $packages; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if [ "${SKIP_NPM_CI:-}" != 1 ]; then
  # npm ci checks that the lock lists every platform's optional binaries (biome, duckdb); a registry that
  # serves only this platform's cannot produce such a lock, so fall back to installing from it as it is.
  if ! npm ci --no-audit --no-fund; then
    echo "setup: npm ci refused the lock file; installing the locked versions with npm install"
    npm install --no-audit --no-fund
  fi
fi
npm run build
