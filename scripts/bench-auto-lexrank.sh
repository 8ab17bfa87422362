#!/usr/bin/env bash
# `auto` against `lexrank` on the same clusters, across budgets (issue 10,
# defect 1: auto should never take more than about 10x lexrank's time).
#
#   bash scripts/bench-auto-lexrank.sh [DATA_DIR] [--clock cpu|wall] [--budgets "50 100 ..."]
#
# For DUC 2003 (30 clusters), the first 200 clusters of Multi-News
# validation, and one cluster holding every document of Multi-News
# validation (built in a temporary file, never kept), at each budget in
# words, strict and fill, it times both methods per cluster in process on
# one thread (bench_inprocess: prepare + summarize, median of the repeats)
# and prints a Markdown table: the worst and the median per-cluster ratio
# auto / lexrank, with each method's mean time per cluster.
# `--clock cpu` (the default) counts the thread's CPU time, so a loaded
# machine inflates the ratios less than wall time would; say the load with
# the figures anyway (the script prints it).
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
clock=cpu
budgets="50 100 250 600 1000 2000"
while [ $# -gt 0 ]; do
  case "$1" in
    --clock) clock=$2; shift 2 ;;
    --budgets) budgets=$2; shift 2 ;;
    *) data=$1; shift ;;
  esac
done
duc="$data/duc2003.jsonl.gz"
mn="$data/multinews-val.jsonl.gz"
for f in "$duc" "$mn"; do
  [ -f "$f" ] || { echo "error: $f is missing; give the data directory as the first argument" >&2; exit 1; }
done
cargo build --release -q -p precis --example bench_inprocess
bench=target/release/examples/bench_inprocess
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Every document of Multi-News validation in one cluster (the issue's case).
python3 - "$mn" "$tmp/all.jsonl" <<'EOF'
import gzip, json, sys
docs = [d for line in gzip.open(sys.argv[1], "rt") for d in json.loads(line)["documents"]]
with open(sys.argv[2], "w") as out:
    out.write(json.dumps({"id": "all", "documents": docs}) + "\n")
EOF

echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), clock $clock, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| set | words | mode | clusters | auto mean ms | lexrank mean ms | median auto/lexrank | worst auto/lexrank (cluster) |"
echo "|---|---:|---|---:|---:|---:|---:|---|"
run() { # name file repeat extra-args...
  local name=$1 file=$2 repeat=$3
  shift 3
  for words in $budgets; do
    for mode in strict fill; do
      local fill=()
      [ "$mode" = fill ] && fill=(--fill)
      "$bench" methods "$file" --methods auto,lexrank --words "$words" "${fill[@]}" \
        --repeat "$repeat" --clock "$clock" "$@" > "$tmp/out.jsonl"
      python3 - "$name" "$words" "$mode" "$tmp/out.jsonl" <<'EOF'
import json, sys
name, words, mode, path = sys.argv[1:]
rows = {r["method"]: r for r in map(json.loads, open(path))}
a, l = rows["auto"], rows["lexrank"]
w = a["max_ratio_to_lexrank"]
print(f"| {name} | {words} | {mode} | {a['clusters']} | {a['mean_ms']:.2f} | {l['mean_ms']:.2f} "
      f"| {a['median_ratio_to_lexrank']:.2f}x | {w['ratio']:.2f}x ({w['cluster']}) |")
EOF
    done
  done
}
run "DUC 2003" "$duc" 3
run "Multi-News val, first 200" "$mn" 3 --limit 200
run "Multi-News val, all documents in one cluster" "$tmp/all.jsonl" 1
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
