#!/usr/bin/env bash
# npm test: unit tests, then integration tests on the real network (started, or reused when
# `npm start` left it running, by the jest global setup).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules
bash scripts/install-fabric.sh
build
npx jest --selectProjects unit
npx jest --selectProjects integration --runInBand
