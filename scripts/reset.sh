#!/usr/bin/env bash
# npm run reset: stops everything and wipes ledgers, crypto and logs (.data/).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ -f network/dist/src/cli.js ]; then
  node network/dist/src/cli.js reset
else
  rm -rf .data
  say "removed .data"
fi
