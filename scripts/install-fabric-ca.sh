#!/usr/bin/env bash
# Installs Fabric CA 1.5.21 (fabric-ca-server, fabric-ca-client) into .fabric/ca-1.5.21 (outside
# git), once: every org runs its own fabric-ca-server (network/src/ca-servers.ts).
# The archive comes from, in order: $FABRIC_CA_ARCHIVE; ../shared/fabric/ (only with a SHA256SUMS
# line for it that matches: without one the script fails rather than use it unverified); the
# official release download (needs internet). The binaries are dynamically linked (cgo, for the
# CA's sqlite3 store): the script runs one to check that this host can load it.
set -euo pipefail
source "$(dirname "$0")/archive.sh"
VERSION=1.5.21
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${SCF_FABRIC_CA_HOME:-$ROOT/.fabric/ca-$VERSION}
NAME=hyperledger-fabric-ca-linux-amd64-$VERSION.tar.gz
SHARED=$ROOT/../shared/fabric
URL=https://github.com/hyperledger/fabric-ca/releases/download/v$VERSION/$NAME

say() { echo "[fabric-ca] $*"; }

installed_version() {
  "$DEST/bin/fabric-ca-server" version 2>/dev/null | awk '/^ Version:/ {print $2}'
}

if [ -x "$DEST/bin/fabric-ca-client" ] && [ "$(installed_version)" = "$VERSION" ]; then
  say "Fabric CA $VERSION already installed in $DEST"
  exit 0
fi

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  say "this script installs linux/amd64 binaries; this host is $(uname -s)-$(uname -m)" >&2
  exit 1
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
locate_archive "$NAME" "$URL" FABRIC_CA_ARCHIVE "$TMP"
unpack_archive "$DEST" "$TMP" bin/fabric-ca-server bin/fabric-ca-client
GOT=$(installed_version)
if [ "$GOT" != "$VERSION" ]; then
  say "fabric-ca-server version says '$GOT', expected $VERSION (a dynamically linked binary: is glibc there? ldd $DEST/bin/fabric-ca-server)" >&2
  exit 1
fi
say "installed Fabric CA $GOT in $DEST"
