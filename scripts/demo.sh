#!/usr/bin/env bash
# Sets everything up on a fresh Debian machine and runs the main job: scan a real image for vulnerabilities.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CROWSNEST_CACHE_DIR="${CROWSNEST_CACHE_DIR:-$PWD/.cache/demo}"
# a real image: Debian 12 (debootstrap) with old npm packages, built without a Docker engine
npx tsc -p tsconfig.bench.json --noCheck >/dev/null
ln -sfn ../.cache .bench-dist/.cache
layout=$(node --input-type=module -e "
  const { ensureFixtures } = await import('./.bench-dist/test/fixtures/images.js');
  console.log((await ensureFixtures()).layout);")
if [ ! -f "$CROWSNEST_CACHE_DIR/advisories.db" ]; then
  node bin/crowsnest.js db import ../shared/advisories
fi
node bin/crowsnest.js inspect "oci-dir://$layout" --ref app
node bin/crowsnest.js cves "oci-dir://$layout" --ref app
