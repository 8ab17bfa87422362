#!/usr/bin/env bash
# Installs the system packages precis needs to build and test on a fresh
# Debian machine. Safe to run twice.
set -euo pipefail
need=()
for pkg in "$@"; do need+=("$pkg"); done
command -v perl >/dev/null || need+=(perl)
command -v python3 >/dev/null || need+=(python3 python3-venv)
dpkg -s libxml-parser-perl >/dev/null 2>&1 || need+=(libxml-parser-perl)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}"
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
