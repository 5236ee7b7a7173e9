#!/usr/bin/env bash
# Installs the browser the dashboard's end-to-end tests drive: Debian's `chromium` package at
# /usr/bin/chromium (playwright-core uses it as it is; it never downloads a browser of its own).
# As root it runs apt-get; otherwise it tries `sudo -n` (no password prompt); if neither can,
# it exits non-zero with the command to run by hand.
set -euo pipefail
say() { echo "[browser] $*"; }
CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  say "chromium present: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  run_as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run_as_root=(sudo -n)
else
  say "chromium is missing and this user cannot install packages without a password."
  say "run:  sudo apt-get update && sudo apt-get install -y chromium"
  exit 1
fi

say "installing chromium (apt-get update, then apt-get install -y chromium); this can take a few minutes"
export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
"${run_as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
if [ ! -x "$CHROMIUM" ]; then
  say "apt-get finished but $CHROMIUM is still missing"
  say "run:  sudo apt-get update && sudo apt-get install -y chromium"
  exit 1
fi
say "chromium installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
