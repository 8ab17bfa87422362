#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 45) on a
# scratch copy of its committed corpus, and fails on any finding.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Needs the nightly toolchain (cargo-fuzz's sanitizer flags are nightly-only)
# and fails with a message when it is missing, rather than skip fuzzing;
# installs cargo-fuzz from crates.io when missing. Crashing inputs are kept in fuzz/artifacts/TARGET/; reproduce
# one with `cd fuzz && cargo +nightly fuzz run TARGET artifacts/TARGET/FILE`.
# fuzz/regressions/TARGET/ holds inputs that once failed (replayed first).
# New inputs go to a scratch directory, so the committed corpus is unchanged;
# longer runs and corpus minimisation are described in docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-45}
shift || true
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzzing needs the nightly Rust toolchain, which is not installed:" >&2
  echo "install it with 'rustup toolchain install nightly --profile minimal' and run again" >&2
  exit 1
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cd fuzz
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
cargo +nightly fuzz build
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t" "artifacts/$t"
  printf '=== fuzz %s for %ss\n' "$t" "$seconds"
  # -timeout: one input taking 30 s is a hang; -rss_limit_mb: a leak or blow-up.
  corpora=("$scratch/$t")
  [ -d "corpus/$t" ] && corpora+=("corpus/$t")
  # Inputs that once failed a check, kept whatever minimisation drops.
  [ -d "regressions/$t" ] && corpora+=("regressions/$t")
  if ! cargo +nightly fuzz run "$t" "${corpora[@]}" -- \
      -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=4096 \
      -artifact_prefix="artifacts/$t/" -print_final_stats=1 2>"$scratch/$t.log"; then
    failed+=("$t")
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$scratch/$t.log" | head -20 || true
  fi
  grep -E '^stat::number_of_executed_units|^Done' "$scratch/$t.log" || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (inputs in fuzz/artifacts/)"
  exit 1
fi
echo "fuzzing: no findings in ${#targets[@]} target(s), ${seconds}s each"
