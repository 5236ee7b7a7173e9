#!/usr/bin/env bash
# npm stop: stops every process npm start started. Ledgers and crypto stay.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ ! -f network/dist/src/cli.js ]; then
  if [ -d .data/pids ]; then
    ensure_node_modules
    build
  else
    say "nothing to stop"
    exit 0
  fi
fi
node network/dist/src/cli.js down
