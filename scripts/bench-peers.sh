#!/usr/bin/env bash
# precis against its peers, whole process and in process, in one run, so
# the ratios are taken under the same machine load:
#
# 1. In process, one thread, from parsed JSON to the summary: precis auto,
#    lexrank and textrank (examples/bench_inprocess.rs, median of 5 runs per
#    cluster) against sumy's LexRank and TextRank (scripts/bench_peers.py, one
#    run per cluster) on DUC 2003 (30 clusters, 100 words / 4 sentences) and
#    Multi-News validation (1000 clusters, 250 words / 10 sentences).
# 2. Whole process over the first 2000 Multi-News training clusters
#    (decompressed to one JSONL file first): `wc -w` (the speed floor), `precis
#    summarize --threads 1 --format jsonl --words 250` (auto, lexrank,
#    textrank), and sumy LexRank and TextRank (10 sentences each), each under
#    /usr/bin/time -v for wall time, CPU time and peak memory; `/bin/true`,
#    timed the same way, shows what launching a process costs.
#
# sumy is installed from PyPI into .venv-bench (gitignored). NLTK's punkt
# data cannot be downloaded here, so sumy splits sentences with nupunkt and
# words with NLTK's data-free NLTKWordTokenizer (see bench_peers.py).
#
# Usage: bash scripts/bench-peers.sh
# Environment: PRECIS_DATA (default ../shared/data), BENCH_OUT (default
# out/bench), BENCH_REPEAT (whole-process repeats of wc and precis, median
# reported; default 3), BENCH_PEER_REPEAT (of sumy; default 1),
# BENCH_BATCH (clusters in the batch; default 2000), BENCH_LIMIT (clusters
# per set in process, for a quick trial; default all).
# Output: Markdown tables on stdout and in $BENCH_OUT/peers/report.md; raw
# JSON lines in $BENCH_OUT/peers/results.jsonl.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${PRECIS_DATA:-$root/../shared/data}"
out="${BENCH_OUT:-$root/out/bench}/peers"
repeat="${BENCH_REPEAT:-3}"
peer_repeat="${BENCH_PEER_REPEAT:-1}"
batch="${BENCH_BATCH:-2000}"
limit=()
if [ -n "${BENCH_LIMIT:-}" ]; then limit=(--limit "$BENCH_LIMIT"); fi
venv="$root/.venv-bench"
source "$root/scripts/bench-lib.sh"
need_data duc2003 multinews-val multinews-train
need_gnu_time

cd "$root"
echo "building precis (release)" >&2
cargo build --quiet --release -p precis-cli --bin precis
cargo build --quiet --release -p precis --example bench_inprocess
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release"

if [ ! -x "$venv/bin/python" ]; then
    python3 -c 'import ensurepip' 2>/dev/null || bash "$root/scripts/setup.sh" python3-venv
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import sumy, nupunkt, numpy' 2>/dev/null; then
    echo "installing sumy into $venv" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check \
        "sumy==0.13.0" "nupunkt==0.8.0" "nltk==3.10.4" "numpy==2.4.6"
fi
py="$venv/bin/python"
util="python3 $root/scripts/bench_util.py"

rm -rf "$out"
mkdir -p "$out"
results="$out/results.jsonl"
log() { printf '%s\n' "$*" >&2; }

# measure LABEL K=V... -- CMD...: runs CMD under /usr/bin/time -v (through
# bench_util.py run, which also takes the wall time with a finer clock) with
# its stdout in $out/LABEL.out, and appends one JSON line to $results. Exit
# status 1 is accepted (precis uses it for clusters that are all
# boilerplate; every record is still written).
measure() {
    local label=$1; shift
    local extra=()
    while [ "$1" != "--" ]; do extra+=("$1"); shift; done
    local status=0
    $util run "$out/$label.out" "$out/$label.time" "label=$label" "${extra[@]}" \
        "load=\"$(cut -d' ' -f1-3 /proc/loadavg)\"" "$@" >>"$results" || status=$?
    if [ "$status" -gt 1 ]; then
        log "error: $label failed with status $status:"; tail -5 "$out/$label.out.err" >&2; exit 1
    fi
}

$util env >"$out/env.json"
log "machine: $(cat "$out/env.json")"

# 1. In process.
for set in "duc2003 100 4" "multinews-val 250 10"; do
    read -r name words k <<<"$set"
    file="$data/$name.jsonl.gz"
    log "in process: precis on $name"
    "$target/examples/bench_inprocess" methods "$file" --methods auto,lexrank,textrank \
        --words "$words" --repeat 5 "${limit[@]}" \
        | sed "s/^{/{\"table\":\"inprocess\",\"set\":\"$name\",\"system\":\"precis\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",/" >>"$results"
    for method in lexrank textrank; do
        log "in process: sumy $method on $name"
        "$py" scripts/bench_peers.py inprocess "$file" --method "$method" --sentences "$k" "${limit[@]}" \
            | sed "s/^{/{\"table\":\"inprocess\",\"set\":\"$name\",\"system\":\"sumy\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",/" >>"$results"
    done
done

# 2. Whole process over one batch file.
input="$out/multinews-train-$batch.jsonl"
$util take "$data/multinews-train.jsonl.gz" "$batch" "$input"
"$target/examples/bench_inprocess" count "$input" >"$out/batch-count.json"
log "batch: $(cat "$out/batch-count.json")"
# Warm the page cache so the first timed run does not read from disk.
cat "$input" >/dev/null
for r in $(seq "$repeat"); do
    log "batch run $r/$repeat: wc -w, precis auto, lexrank, textrank"
    measure "floor-$r" table=batch system='"/bin/true (launch floor)"' run="$r" -- /bin/true
    measure "wc-$r" table=batch system='"wc -w"' run="$r" -- env LC_ALL=C wc -w "$input"
    for method in auto lexrank textrank; do
        measure "precis-$method-$r" table=batch system="\"precis $method\"" run="$r" -- \
            "$target/precis" summarize "$input" --method "$method" --threads 1 --format jsonl --words 250
        $util check-order "$input" "$out/precis-$method-$r.out" >/dev/null
    done
done
for r in $(seq "$peer_repeat"); do
    for method in lexrank textrank; do
        log "batch run $r/$peer_repeat: sumy $method"
        measure "sumy-$method-$r" table=batch system="\"sumy $method\"" run="$r" -- \
            "$py" scripts/bench_peers.py batch "$input" --method "$method" --sentences 10 \
            --output "$out/sumy-$method-$r.jsonl"
        $util check-order "$input" "$out/sumy-$method-$r.jsonl" >/dev/null
    done
done

python3 scripts/bench_report.py peers "$out" | tee "$out/report.md"
