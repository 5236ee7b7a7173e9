#!/usr/bin/env bash
# Installs the Fabric 3.1.5 binaries into .fabric/3.1.5 (outside git), once.
# The archive comes from, in order: $FABRIC_ARCHIVE; ../shared/fabric/ (only with a SHA256SUMS line
# for it that matches: without one the script fails rather than use it unverified);
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
  # A shared archive is used only when SHA256SUMS beside it vouches for it.
  if [ ! -f "$SHARED/SHA256SUMS" ]; then
    say "$SHARED has $NAME but no SHA256SUMS: refusing to install an unverified archive" >&2
    say "add its checksum (cd $SHARED && sha256sum $NAME >> SHA256SUMS, from a trusted copy) or set FABRIC_ARCHIVE" >&2
    exit 1
  fi
  SUM_LINE=$(grep -E "^[0-9a-fA-F]{64} [ *]${NAME//./\\.}\$" "$SHARED/SHA256SUMS" || true)
  if [ -z "$SUM_LINE" ]; then
    say "$SHARED/SHA256SUMS has no checksum line for $NAME: refusing to install an unverified archive" >&2
    exit 1
  fi
  (cd "$SHARED" && printf '%s\n' "$SUM_LINE" | sha256sum --check --quiet -) || { say "checksum mismatch for $ARCHIVE" >&2; exit 1; }
  say "checksum verified"
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
