#!/usr/bin/env bash
# Mutation testing with cargo-mutants (installed from crates.io if missing):
# which small changes to the code no test notices.
#
#   bash scripts/mutants.sh core|cli [SHARD/N] [-- CARGO-MUTANTS-OPTIONS]
#
# `core` mutates the core's `select/**`, `summarize.rs` and `render/**` and
# runs the core's unit tests (`cargo test -p precis --lib`); `cli` mutates
# the CLI's `batch.rs` and `input.rs` and runs its unit tests and its
# integration tests (`cargo test -p precis-cli --bins --test cli`).
# SHARD/N (default 0/20 for core, 0/10 for cli) tests every N-th mutant of
# the list, starting at the SHARD-th (cargo-mutants' round-robin sharding,
# so the sample is the same on every run of the same code); give 0/1 for
# all of them (about 960 core and 150 CLI mutants: days on 2 cores).
# docs/reliability.md records the runs made and what they found.
#
# Each mutant rebuilds one crate and runs its tests (1 to 4 minutes each on
# a loaded 2-core machine). To leave the working tree alone and still reuse
# the compiled dependencies, the committed tree (HEAD: commit what you want
# tested) is copied to a scratch directory with target/debug's dependencies,
# and cargo-mutants mutates that copy in place. Results go to
# mutants.out/<core|cli>/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
command -v cargo-mutants >/dev/null || cargo install cargo-mutants --locked
what=${1:-}
shift || true
shard=
if [ $# -gt 0 ] && [ "$1" != "--" ]; then shard=$1; shift; fi
[ "${1:-}" = "--" ] && shift
case "$what" in
  core)
    shard=${shard:-0/20}
    args=(-p precis --file 'crates/precis/src/select/**' --file crates/precis/src/summarize.rs
          --file 'crates/precis/src/render/**' --timeout 120 -C --lib) ;;
  cli)
    shard=${shard:-0/10}
    args=(-p precis-cli --file crates/precis-cli/src/batch.rs --file crates/precis-cli/src/input.rs
          --timeout 300 -C --bins -C --test -C cli) ;;
  *) echo "usage: bash scripts/mutants.sh core|cli [SHARD/N] [-- CARGO-MUTANTS-OPTIONS]" >&2; exit 2 ;;
esac
scratch=$(mktemp -d "${TMPDIR:-/tmp}/precis-mutants.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
git archive HEAD | tar -x -C "$scratch"
mkdir -p "$scratch/target/debug"
for d in deps build .fingerprint; do
  [ -d "target/debug/$d" ] && cp -a "target/debug/$d" "$scratch/target/debug/"
done
mkdir -p "$root/mutants.out"
cd "$scratch"
nice -n 10 cargo mutants --in-place --baseline=skip --build-timeout 900 \
  --shard "$shard" --sharding round-robin -o "$root/mutants.out/$what" "${args[@]}" "$@"
