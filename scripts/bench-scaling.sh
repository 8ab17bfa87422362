#!/usr/bin/env bash
# How precis's cost grows, one thread:
#
# 1. One cluster of 10, 100, 1,000 and 10,000 sentences, built by
#    concatenating consecutive Multi-News training clusters
#    (`bench_inprocess scale`), timed in process (median of repeated runs)
#    for each method in $BENCH_METHODS, each size and method in its own
#    process under /usr/bin/time -v for its peak memory.
# 2. Batches of 1,000, 10,000 and 100,000 clusters (Multi-News training,
#    cycled with distinct ids past its 44,972 clusters), written as JSONL to
#    $BENCH_OUT and summarized by `precis summarize --threads 1 --format
#    jsonl --words 250` under /usr/bin/time -v; the output's ids are checked
#    against the input's, in order.
#
# Reports time per sentence, peak memory and the fitted growth exponent
# (least-squares slope of log time on log sentences).
#
# Usage: bash scripts/bench-scaling.sh
# Environment: PRECIS_DATA (default ../shared/data), BENCH_OUT (default
# out/bench; the 100k batch takes about 400 MB there), BENCH_SIZES (default
# "10 100 1000 10000"), BENCH_BATCHES (default "1000 10000 100000"),
# BENCH_METHODS (default "auto lexrank"), BENCH_TIMEOUT (seconds per
# cluster-size run; default 900).
# Output: Markdown tables on stdout and in $BENCH_OUT/scaling/report.md; raw
# JSON lines in $BENCH_OUT/scaling/results.jsonl.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${PRECIS_DATA:-$root/../shared/data}"
base="${BENCH_OUT:-$root/out/bench}"
out="$base/scaling"
sizes="${BENCH_SIZES:-10 100 1000 10000}"
batches="${BENCH_BATCHES:-1000 10000 100000}"
methods="${BENCH_METHODS:-auto lexrank}"
limit="${BENCH_TIMEOUT:-900}"
train="$data/multinews-train.jsonl.gz"
source "$root/scripts/bench-lib.sh"
need_data multinews-train
need_gnu_time

cd "$root"
echo "building precis (release)" >&2
cargo build --quiet --release -p precis-cli --bin precis
cargo build --quiet --release -p precis --example bench_inprocess
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release"
util="python3 $root/scripts/bench_util.py"
log() { printf '%s\n' "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

rm -rf "$out"
mkdir -p "$out"
results="$out/results.jsonl"
$util env >"$out/env.json"
log "machine: $(cat "$out/env.json"); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

# 1. One cluster of N sentences.
for n in $sizes; do
    for method in $methods; do
        log "cluster of $n sentences, $method"
        l="$(load)"
        status=0
        /usr/bin/time -v -o "$out/scale-$n-$method.time" timeout "$limit" \
            "$target/examples/bench_inprocess" scale "$train" "$n" --methods "$method" \
            >"$out/scale-$n-$method.json" 2>"$out/scale-$n-$method.err" || status=$?
        if [ "$status" != 0 ]; then
            log "warning: $n sentences with $method: status $status (124: timed out after ${limit}s); not in the table"
            continue
        fi
        peak="$($util timev "$out/scale-$n-$method.time" | python3 -c 'import json, sys; print(json.load(sys.stdin)["peak_kib"])')"
        sed "s/^{/{\"table\":\"cluster\",\"peak_kib\":$peak,\"load\":\"$l\",/" \
            "$out/scale-$n-$method.json" >>"$results"
    done
done

# 2. Batches.
for n in $batches; do
    input="$base/batch-$n.jsonl"
    if [ ! -s "$input" ]; then
        log "writing $input"
        $util cycle "$train" "$n" "$input.tmp"
        mv "$input.tmp" "$input"
    fi
    count="$("$target/examples/bench_inprocess" count "$input")"
    sentences="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["sentences"])' "$count")"
    cat "$input" >/dev/null
    log "batch of $n clusters ($sentences sentences)"
    status=0
    $util run "$out/batch-$n.out" "$out/batch-$n.time" table=batch clusters="$n" \
        sentences="$sentences" "load=\"$(load)\"" -- \
        "$target/precis" summarize "$input" --threads 1 --format jsonl --words 250 \
        >"$out/batch-$n.json" || status=$?
    if [ "$status" -gt 1 ]; then
        log "error: precis failed with status $status on $input"; tail -5 "$out/batch-$n.out.err" >&2; exit 1
    fi
    order=kept
    $util check-order "$input" "$out/batch-$n.out" >/dev/null || order=broken
    sed "s/^{/{\"order\":\"$order\",/" "$out/batch-$n.json" >>"$results"
    rm -f "$out/batch-$n.out"
done

python3 scripts/bench_report.py scaling "$out" | tee "$out/report.md"
