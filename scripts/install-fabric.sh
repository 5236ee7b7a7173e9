#!/usr/bin/env bash
# Installs the Fabric 3.1.5 binaries into .fabric/3.1.5 (outside git), once.
# The archive comes from, in order: $FABRIC_ARCHIVE; ../shared/fabric/ (checksum verified);
# the official release download (needs internet).
set -euo pipefail
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
if [ -n "${FABRIC_ARCHIVE:-}" ]; then
  say "using \$FABRIC_ARCHIVE=$FABRIC_ARCHIVE"
  ARCHIVE=$FABRIC_ARCHIVE
elif [ -f "$SHARED/$NAME" ]; then
  say "using $SHARED/$NAME"
  ARCHIVE=$SHARED/$NAME
  if [ -f "$SHARED/SHA256SUMS" ]; then
    (cd "$SHARED" && grep " $NAME\$" SHA256SUMS | sha256sum --check --quiet -) || { say "checksum mismatch for $ARCHIVE" >&2; exit 1; }
    say "checksum verified"
  fi
else
  say "downloading $URL"
  ARCHIVE=$TMP/$NAME
  curl -fsSL --retry 3 -o "$ARCHIVE" "$URL"
fi

mkdir -p "$TMP/unpack"
tar -xzf "$ARCHIVE" -C "$TMP/unpack"
for f in bin/peer bin/orderer bin/configtxgen bin/cryptogen bin/osnadmin builders/ccaas/bin/release; do
  [ -x "$TMP/unpack/$f" ] || { say "the archive has no $f" >&2; exit 1; }
done
rm -rf "$DEST"
mkdir -p "$(dirname "$DEST")"
mv "$TMP/unpack" "$DEST"
GOT=$(installed_version)
if [ "$GOT" != "$VERSION" ]; then
  say "peer version says '$GOT', expected $VERSION" >&2
  exit 1
fi
say "installed Fabric $GOT in $DEST"
