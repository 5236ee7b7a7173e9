#!/usr/bin/env bash
# npm run network:upgrade: rebuilds the chaincode and commits it as the next sequence, network running.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules
build
node network/dist/src/cli.js upgrade
