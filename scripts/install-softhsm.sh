#!/usr/bin/env bash
# SoftHSM2 (Debian's softhsm2), the PKCS#11 token the banks' risk-gateway keys live in (network/src/hsm.ts).
# Installed with apt-get as root or with password-less sudo. When it can't be installed, the command
# is printed and only the HSM is skipped: the risk gateways keep key files (SCF_HSM=softhsm makes
# the HSM mandatory, SCF_HSM=off skips it). Never fails npm start otherwise.
set -uo pipefail
say() { echo "[softhsm] $*"; }
mode="${SCF_HSM:-auto}"
if [ "$mode" = off ]; then
  say "SCF_HSM=off: risk-gateway keys stay in key files"
  exit 0
fi
if command -v softhsm2-util >/dev/null 2>&1; then
  say "SoftHSM2 already installed ($(softhsm2-util --version))"
  exit 0
fi
skip() {
  say "SoftHSM2 could not be installed ($1); install it as root with:"
  say "  apt-get update && apt-get install -y softhsm2"
  if [ "$mode" = softhsm ]; then
    exit 1
  fi
  say "until then the risk gateways' keys are key files (the HSM is skipped)"
  exit 0
}
if [ "$(id -u)" = 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  skip "not root and no password-less sudo"
fi
command -v apt-get >/dev/null 2>&1 || skip "no apt-get on this machine"
say "installing softhsm2 (apt-get install softhsm2)"
if ! "${run[@]}" apt-get install -y -q softhsm2 >/dev/null 2>&1; then
  say "updating the package lists (apt-get update)"
  "${run[@]}" apt-get update -q >/dev/null 2>&1 || skip "apt-get update failed"
  "${run[@]}" apt-get install -y -q softhsm2 >/dev/null 2>&1 || skip "apt-get install failed"
fi
say "SoftHSM2 installed ($(softhsm2-util --version))"
