# Sourced by install-fabric.sh and install-fabric-ca.sh: finds a release archive and checks it.
# locate_archive NAME URL OVERRIDE_VAR TMP sets ARCHIVE to, in order: the file named by $OVERRIDE_VAR;
# ../shared/fabric/NAME (only with a SHA256SUMS line for it that matches: without one it fails
# rather than use it unverified); a download of URL into TMP (needs internet).
# Needs `say` and SHARED from the caller.
locate_archive() {
  local name=$1 url=$2 override_var=$3 tmp=$4
  local override=${!override_var:-}
  if [ -n "$override" ]; then
    say "using \$$override_var=$override"
    ARCHIVE=$override
  elif [ -f "$SHARED/$name" ]; then
    say "using $SHARED/$name"
    ARCHIVE=$SHARED/$name
    if [ ! -f "$SHARED/SHA256SUMS" ]; then
      say "$SHARED has $name but no SHA256SUMS: refusing to install an unverified archive" >&2
      say "add its checksum (cd $SHARED && sha256sum $name >> SHA256SUMS, from a trusted copy) or set $override_var" >&2
      exit 1
    fi
    local sum_line
    sum_line=$(grep -E "^[0-9a-fA-F]{64} [ *]${name//./\\.}\$" "$SHARED/SHA256SUMS" || true)
    if [ -z "$sum_line" ]; then
      say "$SHARED/SHA256SUMS has no checksum line for $name: refusing to install an unverified archive" >&2
      exit 1
    fi
    (cd "$SHARED" && printf '%s\n' "$sum_line" | sha256sum --check --quiet -) || { say "checksum mismatch for $ARCHIVE" >&2; exit 1; }
    say "checksum verified"
  else
    say "downloading $url"
    ARCHIVE=$tmp/$name
    curl -fsSL --retry 3 -o "$ARCHIVE" "$url"
  fi
}

# unpack_archive DEST TMP FILE... unpacks ARCHIVE, checks each FILE is there and executable, moves it to DEST.
unpack_archive() {
  local dest=$1 tmp=$2
  shift 2
  mkdir -p "$tmp/unpack"
  tar -xzf "$ARCHIVE" -C "$tmp/unpack"
  local f
  for f in "$@"; do
    [ -x "$tmp/unpack/$f" ] || { say "the archive has no $f" >&2; exit 1; }
  done
  rm -rf "$dest"
  mkdir -p "$(dirname "$dest")"
  mv "$tmp/unpack" "$dest"
}
