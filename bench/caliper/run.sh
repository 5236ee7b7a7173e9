#!/usr/bin/env bash
# npm run bench:caliper: installs Hyperledger Caliper 0.6.0 with its fabric:fabric-gateway binding
# into bench/caliper/node_modules on first use (outside the npm workspaces), writes the network
# configuration of the running network, and runs benchconfig.yaml against it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
npx tsc -b network gateway
if [ ! -x "$here/node_modules/.bin/caliper" ]; then
  echo "[bench:caliper] installing Caliper 0.6.0 into bench/caliper/node_modules (first use)"
  (cd "$here" && npm ci --no-audit --no-fund)
fi
# package.json pins what `caliper bind --caliper-bind-sut fabric:fabric-gateway` installs; bind only if it is missing.
if [ ! -d "$here/node_modules/@hyperledger/fabric-gateway" ]; then
  echo "[bench:caliper] binding fabric:fabric-gateway"
  (cd "$here" && npx caliper bind --caliper-bind-sut fabric:fabric-gateway)
fi
node "$here/generate-network.js"
cd "$here"
export NODE_OPTIONS="${NODE_OPTIONS:-} --require $here/only-bound-sdk.js"
exec npx caliper launch manager \
  --caliper-workspace . \
  --caliper-networkconfig generated/network.json \
  --caliper-benchconfig benchconfig.yaml \
  --caliper-flow-only-test \
  --caliper-report-path report.html \
  "$@"
