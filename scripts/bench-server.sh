#!/usr/bin/env bash
# Figures of `precis serve` (issue 13), on loopback, in one run so that the
# server and the in-process rate share the machine's load:
#
# 1. For the bundled example cluster and for Multi-News validation clusters:
#    the CLI's in-process rate (`precis summarize FILE --threads N`, whole
#    process, clusters per second), then the server's throughput and p50/p99
#    latency under wrk at 1, 16 and 64 connections (POST /v1/summarize, the
#    same clusters, the same parameters), then the in-process rate again.
#    The server's peak resident memory (VmHWM) is read after each level.
# 2. A flood of 2 MB bodies at 64 connections against a fresh server:
#    bodies just under the 2 MiB limit (read, parsed, then refused with 422
#    for the words limit) and just over it (refused with 413 on their
#    Content-Length); peak memory of each.
#
# wrk runs on the same cores as the server (2 here), which the in-process
# rate does not pay for: the ratio is the service as a user on this machine
# would see it, client included.
#
# Usage: bash scripts/bench-server.sh
# Environment: PRECIS_DATA (default ../shared/data), BENCH_OUT (default
# out/bench), BENCH_SECONDS (per wrk run, default 15), BENCH_CLUSTERS
# (Multi-News validation clusters, default all 1000), BENCH_THREADS
# (in-process threads and server workers, default nproc).
# Output: JSON lines in $BENCH_OUT/server/results.jsonl and a Markdown table
# on stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${PRECIS_DATA:-$root/../shared/data}"
out="${BENCH_OUT:-$root/out/bench}/server"
input="$data/multinews-val.jsonl.gz"
[ -f "$input" ] || { echo "error: no $input (set PRECIS_DATA to the research data directory)" >&2; exit 1; }
command -v wrk >/dev/null || bash "$root/scripts/setup.sh" wrk
mkdir -p "$out"
cd "$root"
cargo build --release -q -p precis-cli
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
exec python3 "$root/scripts/bench_server.py" \
  --precis "$target_dir/release/precis" \
  --example "$root/examples/kerry-lavrov-syria" \
  --multinews "$input" \
  --out "$out" \
  --seconds "${BENCH_SECONDS:-15}" \
  --clusters "${BENCH_CLUSTERS:-1000}" \
  --threads "${BENCH_THREADS:-$(nproc)}"
