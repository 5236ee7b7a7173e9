#!/usr/bin/env bash
# npm test: lint, unit tests, then integration tests on the real network (started, or reused
# when `npm start` left it running, by the jest global setup, which stops only what it started).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules
bash scripts/install-fabric.sh
bash scripts/install-fabric-ca.sh
bash scripts/install-softhsm.sh
build
# Each jest project writes its results to test-output/jest-<project>.json; the last line sums them.
mkdir -p test-output && rm -f test-output/jest-*.json
say "type-checking the integration tests"
npx tsc -p test --noEmit
say "format (prettier --check)"
npx prettier --check . --log-level warn
say "lint (eslint, type-checked rules)"
npx eslint .
npx jest --selectProjects unit --json --outputFile=test-output/jest-unit.json
bash scripts/install-browser.sh
# The schema fuzzer of test/integration/openapi-fuzz.test.ts (a short run; npm run fuzz runs a long one).
bash scripts/install-schemathesis.sh
npx jest --selectProjects integration --runInBand --json --outputFile=test-output/jest-integration.json
npx jest --selectProjects reliability --runInBand --json --outputFile=test-output/jest-reliability.json
npx jest --selectProjects attacks --runInBand --json --outputFile=test-output/jest-attacks.json
node scripts/test-summary.mjs
