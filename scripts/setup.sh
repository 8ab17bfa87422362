#!/usr/bin/env bash
# Prepares a fresh Debian machine with the Rust toolchain to build and test
# precis: the rustfmt and clippy components. Building and running precis needs
# nothing else (no C library, no Python, no Perl). Suites that need more
# install it themselves: scripts/test.d/*.sh, and ROUGE verification through
# scripts/install-rouge-references.sh. Extra Debian packages may be named as
# arguments (`bash scripts/setup.sh python3-venv`); they are installed only
# when missing. Safe to run twice.
set -euo pipefail
need=()
for pkg in "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}"
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
