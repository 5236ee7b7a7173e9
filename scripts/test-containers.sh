#!/usr/bin/env bash
# The container runtime's tests (jest project "containers") on a Docker engine: installs docker.io
# if missing (Debian, as root), starts dockerd when none answers (no bridge: every container uses
# host networking, on its org's own loopback address) and stops it again at the end, builds the images, runs the tests,
# then docker-compose.yml end to end (scripts/compose-smoke.sh).
# CI runs this after `npm test`; SCF_REQUIRE_CONTAINERS=1 makes a missing engine a failure there,
# where a developer's run would only skip with the reason printed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
say() { echo "[containers] $*"; }
export SCF_REQUIRE_CONTAINERS=${SCF_REQUIRE_CONTAINERS:-1}

if ! command -v dockerd >/dev/null 2>&1; then
  say "installing docker.io (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q docker.io >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q docker.io >/dev/null; }
fi
# The compose smoke test needs a compose: the docker CLI's plugin, else Debian's docker-compose.
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
  say "installing docker-compose (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q docker-compose >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q docker-compose >/dev/null; }
fi

dockerd_pid=""
stop_dockerd() {
  if [ -n "$dockerd_pid" ] && kill -0 "$dockerd_pid" 2>/dev/null; then
    say "stopping the dockerd this script started (pid $dockerd_pid)"
    kill "$dockerd_pid"
    for _ in $(seq 1 30); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 1; done
  fi
}
if ! docker info >/dev/null 2>&1; then
  log=$(mktemp -t dockerd.XXXXXX.log)
  say "starting dockerd --bridge=none --iptables=false (log: $log)"
  dockerd --bridge=none --iptables=false >"$log" 2>&1 &
  dockerd_pid=$!
  trap stop_dockerd EXIT
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -n 20 "$log" >&2; say "dockerd did not come up" >&2; exit 1; }
fi
say "docker $(docker version --format '{{.Server.Version}}')"

# The host enrolls every identity through the CAs (fabric-ca-client SDK); the CAs themselves run in
# containers (scf/fabric-ca, made from the same release archive).
bash scripts/install-fabric-ca.sh
bash scripts/build-images.sh
npx tsc -b kernel chaincode network gateway
mkdir -p test-output
npx jest --selectProjects containers --runInBand --json --outputFile=test-output/jest-containers.json
bash scripts/compose-smoke.sh
