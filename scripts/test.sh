#!/usr/bin/env bash
# The README's test command: every suite precis has (Rust, then each
# front end's own suite in scripts/test.d/, in name order). Each suite
# script installs what it needs itself, so this runs on a fresh Debian
# machine with the Rust toolchain. Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
printf '\n=== Rust: cargo test --workspace\n'
cargo test --workspace
for suite in scripts/test.d/*.sh; do
  [ -e "$suite" ] || continue
  printf '\n=== %s\n' "$suite"
  bash "$suite"
done
echo "all test suites passed"
