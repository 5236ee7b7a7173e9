#!/usr/bin/env bash
# docker-compose.yml end to end, beside any other network on this machine: the file generated for
# another port space and data folder, `up`, the setup service's exit code, then a peer CLI invoke
# and fabric-gateway reads from every org (cli.js check), every org's gateway container answering a
# read as one of its own people (cli.js check-gateways), then `down`.
#   SCF_COMPOSE_OFFSET (default 10000), SCF_COMPOSE_ENV_FILE (default docker/local-images.env:
#   the images scripts/build-images.sh builds; empty for the official ones from a registry).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
say() { echo "[compose] $*"; }
compose_cmd() {
  if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi
}
export SCF_PORT_OFFSET=${SCF_COMPOSE_OFFSET:-10000}
export SCF_DATA_DIR=$ROOT/.data-compose
env_file=${SCF_COMPOSE_ENV_FILE-docker/local-images.env}
file=.data-compose/docker-compose.yml
args=(-p scfcompose --project-directory . -f "$file")
[ -n "$env_file" ] && args+=(--env-file "$env_file")

rm -rf "$SCF_DATA_DIR"
mkdir -p "$SCF_DATA_DIR"
npx tsc -b network
node network/dist/src/compose-cli.js "$file" >/dev/null
trap 'compose_cmd "${args[@]}" down >/dev/null 2>&1 || true' EXIT
started=$(date +%s)
say "up (ports +$SCF_PORT_OFFSET, data in $SCF_DATA_DIR)"
up_log=$(mktemp)
compose_cmd "${args[@]}" up -d >"$up_log" 2>&1 || {
  tail -n 20 "$up_log" >&2
  # The setup step every node waits for: its own output says why it stopped.
  docker logs scf-artifacts 2>&1 | tail -n 30 >&2 || true
  say "compose up failed" >&2
  exit 1
}
rm -f "$up_log"
status=$(docker wait scf-network)
docker logs scf-network 2>&1 | tail -n 3
[ "$status" = 0 ] || { say "the setup service exited with $status" >&2; exit 1; }
say "network ready $(( $(date +%s) - started )) s after up"
node network/dist/src/cli.js check
node network/dist/src/cli.js check-gateways || {
  for container in $(docker ps -a --filter label=com.docker.compose.project=scfcompose --filter name=gateway- --format '{{.Names}}'); do
    echo "--- $container" >&2
    docker logs "$container" 2>&1 | tail -n 10 >&2
  done
  say "the gateways did not answer" >&2
  exit 1
}
