#!/usr/bin/env bash
# Builds every image of the container runtime and docker-compose.yml on this machine, with no
# registry: Fabric's peer and orderer FROM scratch with the release archive's static binaries
# (scripts/install-fabric.sh), Fabric CA's server FROM scratch with its binary and the C library it
# loads (scripts/install-fabric-ca.sh), and our chaincode and gateway (multi-stage, from source).
#   NODE_IMAGE   base image of the Node stages; unset: a local one made from this machine's node
#                (docker/make-node-base.sh), since there is no registry to pull node:20-slim from
#   SCF_IMAGE_TAG  tag of the images (default: dev)
#   SCF_IMAGES   which images to build (default: "peer orderer ca chaincode gateway")
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VERSION=3.1.5
TAG=${SCF_IMAGE_TAG:-dev}
IMAGES=${SCF_IMAGES:-peer orderer ca chaincode gateway}
started=$(date +%s)
say() { printf '[images %4ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

command -v docker >/dev/null || { say "docker not found: install docker.io and start dockerd" >&2; exit 1; }
docker info >/dev/null 2>&1 || { say "the docker daemon does not answer" >&2; exit 1; }

rm -f docker/prebuilt/*.node
if [ -z "${NODE_IMAGE:-}" ]; then
  say "making the local Node base image from $(command -v node) ($(node --version))"
  NODE_IMAGE=$(docker/make-node-base.sh)
  # Same Node as the base image: the host's compiled better-sqlite3 binding fits (npm can't download one here).
  binding=node_modules/better-sqlite3/build/Release/better_sqlite3.node
  [ -f "$binding" ] && cp "$binding" docker/prebuilt/
fi
say "Node base image: $NODE_IMAGE"

build() { # build <image> <dockerfile> <context> [docker build args...]
  local image=$1 file=$2 context=$3
  shift 3
  local t0=$(date +%s)
  say "building $image"
  # Host networking: dockerd runs with --bridge=none, and npm in the build stages needs the registry.
  local log
  log=$(mktemp)
  if ! docker build --network host -f "$file" -t "$image" "$@" "$context" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    say "building $image failed" >&2
    exit 1
  fi
  rm -f "$log"
  say "built $image in $(( $(date +%s) - t0 )) s"
}

wants() { [[ " $IMAGES " == *" $1 "* ]]; }

# static_shell <dir>: a static busybox as <dir>/sh and <dir>/cat, for images FROM scratch whose
# compose command is `sh -c` (apt-get installs busybox-static when missing).
static_shell() {
  if ! { ldd /bin/busybox 2>&1 || true; } | grep -q 'not a dynamic executable'; then
    say "installing busybox-static (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q busybox-static >/dev/null ||
      { say "a static /bin/busybox is needed for the peer and CA images: apt-get install busybox-static" >&2; exit 1; }
  fi
  mkdir -p "$1"
  cp /bin/busybox "$1/sh"
  cp /bin/busybox "$1/cat"
}

if wants peer || wants orderer; then
  bash scripts/install-fabric.sh
  fabric=${SCF_FABRIC_HOME:-$ROOT/.fabric/$VERSION}
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  mkdir -p "$stage/bin" "$stage/config" "$stage/builders" "$stage/rootfs/tmp" "$stage/rootfs/var/hyperledger/production" "$stage/rootfs/etc"
  chmod 1777 "$stage/rootfs/tmp"
  cp "$fabric/bin/peer" "$fabric/bin/orderer" "$stage/bin/"
  cp "$fabric/config/core.yaml" "$fabric/config/orderer.yaml" "$stage/config/"
  cp -r "$fabric/builders/ccaas" "$stage/builders/"
  printf 'root:x:0:0:root:/:/nonexistent\nfabric:x:1000:1000::/var/hyperledger:/nonexistent\n' > "$stage/rootfs/etc/passwd"
  printf 'root:x:0:\nfabric:x:1000:\n' > "$stage/rootfs/etc/group"
  if wants peer; then
    # The compose peers start through `sh -c` (they read the ccaas builder config the setup step
    # writes): a static busybox gives the scratch image `sh` and `cat`, nothing else.
    static_shell "$stage/shell"
    build "scf/fabric-peer:$TAG" docker/fabric-peer.Dockerfile "$stage"
  fi
  wants orderer && build "scf/fabric-orderer:$TAG" docker/fabric-orderer.Dockerfile "$stage"
fi
if wants ca; then
  bash scripts/install-fabric-ca.sh
  ca_home=${SCF_FABRIC_CA_HOME:-$ROOT/.fabric/ca-1.5.21}
  ca_stage=$(mktemp -d)
  mkdir -p "$ca_stage/bin" "$ca_stage/rootfs/tmp" "$ca_stage/rootfs/etc"
  chmod 1777 "$ca_stage/rootfs/tmp"
  cp "$ca_home/bin/fabric-ca-server" "$ca_stage/bin/"
  # The loader and libraries ldd lists (vdso has no file), at their own paths.
  ldd "$ca_home/bin/fabric-ca-server" | awk '/=> \// {print $3} /^[ \t]*\/[^ ]+ \(/ {print $1}' | while read -r lib; do
    mkdir -p "$ca_stage/rootfs$(dirname "$lib")"
    cp -L "$lib" "$ca_stage/rootfs$lib"
  done
  # Compose starts the CA through `sh -c` (it reads the registrar's secret from the CA's folder).
  static_shell "$ca_stage/shell"
  printf 'root:x:0:0:root:/:/nonexistent\nfabric:x:1000:1000::/tmp:/nonexistent\n' > "$ca_stage/rootfs/etc/passwd"
  printf 'root:x:0:\nfabric:x:1000:\n' > "$ca_stage/rootfs/etc/group"
  build "scf/fabric-ca:$TAG" docker/fabric-ca.Dockerfile "$ca_stage"
  rm -rf "$ca_stage"
fi
wants chaincode && build "scf/chaincode:$TAG" docker/chaincode.Dockerfile . --build-arg "NODE_IMAGE=$NODE_IMAGE"
wants gateway && build "scf/gateway:$TAG" docker/gateway.Dockerfile . --build-arg "NODE_IMAGE=$NODE_IMAGE"

say "images:"
for name in fabric-peer fabric-orderer fabric-ca chaincode gateway; do
  docker image inspect "scf/$name:$TAG" >/dev/null 2>&1 || continue
  bytes=$(docker image inspect -f '{{.Size}}' "scf/$name:$TAG")
  printf '  %-24s %6s MB\n' "scf/$name:$TAG" "$(( bytes / 1000000 ))"
done
base_bytes=$(docker image inspect -f '{{.Size}}' "$NODE_IMAGE" 2>/dev/null || echo 0)
printf '  %-24s %6s MB (base of chaincode and gateway)\n' "$NODE_IMAGE" "$(( base_bytes / 1000000 ))"
