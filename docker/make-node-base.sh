#!/usr/bin/env bash
# Makes a Node base image from this machine's own node binary, for machines without an image
# registry: a root filesystem holding node, npm, a POSIX shell and a few coreutils (for the
# Dockerfiles' RUN steps) with exactly the shared libraries `ldd` lists, imported with
# `docker import`. The Dockerfiles take it as NODE_IMAGE; with a registry, node:20-slim is the default.
# Usage: docker/make-node-base.sh [image-name]   (default scf/node-base:<node version>; SCF_REBUILD_BASE=1)
set -euo pipefail
node_bin=$(readlink -f "$(command -v node)")
version=$(node --version | sed 's/^v//')
image=${1:-scf/node-base:${version}}
# The tag names the Node version: an existing image is reused (docker import never gives the same
# id twice, and a new base would rebuild every image on it). SCF_REBUILD_BASE=1 makes it anew.
if [ -z "${SCF_REBUILD_BASE:-}" ] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "$image"
  exit 0
fi
npm_dir=$(readlink -f "$(dirname "$node_bin")/../lib/node_modules/npm")
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

tools=("$node_bin" /bin/dash)
# bash, tar and gzip as in node:20-slim: the network code packages chaincode with them.
for tool in cp mkdir rm ln cat ls chmod chown mv env bash tar gzip; do
  tools+=("$(readlink -f "$(command -v "$tool")")")
done

copy_with_parents() { mkdir -p "$root$(dirname "$1")" && cp -L "$1" "$root$1"; }

for tool in "${tools[@]}"; do
  copy_with_parents "$tool"
  # ldd prints "name => /path (addr)" or "/path (addr)" for the loader; vdso has no file.
  ldd "$tool" | awk '/=> \// {print $3} /^[ \t]*\/[^ ]+ \(/ {print $1}' | while read -r lib; do
    [ -e "$root$lib" ] || copy_with_parents "$lib"
  done
done
mkdir -p "$root/usr/local/bin" "$root/bin" "$root/tmp" "$root/etc/ssl/certs" "$root/home/node" "$root/usr/local/lib/node_modules"
chmod 1777 "$root/tmp"
ln -sf "$node_bin" "$root/usr/local/bin/node"
ln -sf /bin/dash "$root/bin/sh"
for tool in "${tools[@]:2}"; do
  [ -e "$root/bin/$(basename "$tool")" ] || ln -sf "$tool" "$root/bin/$(basename "$tool")"
done
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
# This machine's trust store (it may hold a proxy's CA) for npm and node, as on the host.
mkdir -p "$root/usr/local/etc"
printf 'cafile=/etc/ssl/certs/ca-certificates.crt\nfund=false\naudit=false\nupdate-notifier=false\n' > "$root/usr/local/etc/npmrc"
# The official image's user: uid and gid 1000, named node.
printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\n' > "$root/etc/group"
chown 1000:1000 "$root/home/node"

tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
  --change 'ENV NODE_VERSION='"$version" \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["node"]' \
  - "$image" >/dev/null
echo "$image"
