#!/usr/bin/env bash
# Installs the Fabric 3.1.5 binaries into .fabric/3.1.5 (outside git), once.
# The archive comes from, in order: $FABRIC_ARCHIVE; ../shared/fabric/ (only with a SHA256SUMS line
# for it that matches: without one the script fails rather than use it unverified);
# the official release download (needs internet).
set -euo pipefail
source "$(dirname "$0")/archive.sh"
VERSION=3.1.5
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${SCF_FABRIC_HOME:-$ROOT/.fabric/$VERSION}
NAME=hyperledger-fabric-linux-amd64-$VERSION.tar.gz
SHARED=$ROOT/../shared/fabric
URL=https://github.com/hyperledger/fabric/releases/download/v$VERSION/$NAME

say() { echo "[fabric] $*"; }

installed_version() {
  "$DEST/bin/peer" version 2>/dev/null | awk '/^ Version:/ {print $2}'
}

if [ -x "$DEST/bin/peer" ] && [ "$(installed_version)" = "$VERSION" ] && [ -x "$DEST/builders/ccaas/bin/release" ]; then
  say "Fabric $VERSION already installed in $DEST"
  exit 0
fi

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  say "this script installs linux/amd64 binaries; this host is $(uname -s)-$(uname -m)" >&2
  exit 1
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
locate_archive "$NAME" "$URL" FABRIC_ARCHIVE "$TMP"
unpack_archive "$DEST" "$TMP" bin/peer bin/orderer bin/configtxgen bin/cryptogen bin/osnadmin builders/ccaas/bin/release
GOT=$(installed_version)
if [ "$GOT" != "$VERSION" ]; then
  say "peer version says '$GOT', expected $VERSION" >&2
  exit 1
fi
say "installed Fabric $GOT in $DEST"
