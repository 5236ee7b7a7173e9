#!/usr/bin/env bash
# npm run fuzz: the long schema-fuzzing run (schemathesis, 100 examples per operation and a new
# seed, printed) against a gateway on the real network, which the jest global setup starts or
# reuses as for npm test. Replay a run with SCF_FUZZ_SEED=<seed>; size it with SCF_FUZZ_EXAMPLES.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules
bash scripts/install-fabric.sh
bash scripts/install-fabric-ca.sh
build
bash scripts/install-schemathesis.sh
say "schema fuzzing (long run): test/integration/openapi-fuzz.test.ts"
SCF_FUZZ=long npx jest --selectProjects integration --runInBand -- test/integration/openapi-fuzz.test.ts
