#!/usr/bin/env bash
# Mutation testing with cargo-mutants (installed from crates.io if missing):
# which small changes to the code no test notices.
#
#   bash scripts/mutants.sh [FILE...] [-- CARGO-MUTANTS-OPTIONS]
#
# Default files: the core's compose and select stages (reading order, the
# cut, provenance, budgets) and the CLI's batch and record reader. Each
# mutant rebuilds and runs the tests, so a full run takes hours on 2 cores;
# name files to keep it short. Results go to mutants.out/ (not committed);
# docs/reliability.md records the runs made.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || cargo install cargo-mutants --locked
files=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do files+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
if [ ${#files[@]} -eq 0 ]; then
  files=(crates/precis/src/compose/*.rs crates/precis/src/select/budget.rs
         crates/precis-cli/src/batch.rs crates/precis-cli/src/record.rs)
fi
args=()
for f in "${files[@]}"; do args+=(--file "$f"); done
exec nice -n 10 cargo mutants --timeout 300 "${args[@]}" "$@"
