#!/usr/bin/env bash
# Installs the pinned schemathesis (the schema fuzzer of `npm run fuzz` and of npm test's short run)
# into a project-local venv, .tools/schemathesis (gitignored). Safe to run twice: a venv that
# already answers with the pinned version is kept. Fails loudly when PyPI cannot be reached:
# the fuzz run is part of npm test, and it is never skipped silently.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SCHEMATHESIS_VERSION=4.32.5
VENV="$ROOT/.tools/schemathesis"
ST="$VENV/bin/st"

if [ -x "$ST" ] && [ "$("$ST" --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -1)" = "$SCHEMATHESIS_VERSION" ]; then
  say "schemathesis $SCHEMATHESIS_VERSION already installed in .tools/schemathesis"
  exit 0
fi
if ! command -v python3 >/dev/null; then
  echo "[start] FAILED: python3 is needed for the schema fuzzer (schemathesis $SCHEMATHESIS_VERSION); install python3 (>= 3.9) with venv" >&2
  exit 1
fi
say "creating the venv .tools/schemathesis with $(python3 --version)"
rm -rf "$VENV"
python3 -m venv "$VENV"
say "installing schemathesis==$SCHEMATHESIS_VERSION from PyPI (pip progress below)"
if ! "$VENV/bin/pip" install --disable-pip-version-check --progress-bar off "schemathesis==$SCHEMATHESIS_VERSION"; then
  rm -rf "$VENV"
  echo "" >&2
  echo "[start] FAILED: could not install schemathesis==$SCHEMATHESIS_VERSION from PyPI (is https://pypi.org reachable?)." >&2
  echo "[start] The schema fuzz run is part of npm test and is not skipped: fix the connection and run npm test again." >&2
  exit 1
fi
say "schemathesis installed: $("$ST" --version)"
