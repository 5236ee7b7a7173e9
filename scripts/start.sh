#!/usr/bin/env bash
# npm start: installs what is missing, then brings the whole network up. Safe to run twice.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules
bash scripts/install-fabric.sh
bash scripts/install-fabric-ca.sh
bash scripts/install-softhsm.sh
build
node network/dist/src/cli.js up
node gateway/dist/src/launch.js
