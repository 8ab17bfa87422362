#!/usr/bin/env bash
# Peak memory against input size: one document of 1, 5, 16 and 50 MiB of
# news prose (Multi-News training articles joined, in file order, until the
# size is reached), summarized by `precis summarize --words 100 --threads 1`
# as a .txt file and as a one-record JSONL batch, each under /usr/bin/time -v;
# then the 50 MiB document with the default limits, which refuse it.
#
# Usage: bash scripts/bench-memory.sh
# Environment: PRECIS_DATA (default ../shared/data), BENCH_OUT (default
# out/bench), BENCH_MEM_SIZES (MiB; default "1 5 16 50").
# Output: a Markdown table on stdout and in $BENCH_OUT/memory/report.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${PRECIS_DATA:-$root/../shared/data}"
base="${BENCH_OUT:-$root/out/bench}"
out="$base/memory"
sizes="${BENCH_MEM_SIZES:-1 5 16 50}"
source "$root/scripts/bench-lib.sh"
need_data multinews-train
need_gnu_time
mkdir -p "$out"

cd "$root"
cargo build --quiet --release -p precis-cli
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/precis"

# The inputs: the first SIZE MiB of article text, as a .txt and as JSONL.
python3 - "$data/multinews-train.jsonl.gz" "$out" $sizes <<'PY'
import gzip, json, sys
src, out, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
need = max(sizes) << 20
parts, total = [], 0
with gzip.open(src, "rt", encoding="utf-8") as f:
    for line in f:
        for doc in json.loads(line)["documents"]:
            text = doc["text"].strip()
            if text:
                parts.append(text)
                total += len(text.encode()) + 2
        if total >= need:
            break
text = "\n\n".join(parts)
raw = text.encode()
for size in sizes:
    cut = raw[: size << 20].decode("utf-8", "ignore")
    with open(f"{out}/doc-{size}.txt", "w", encoding="utf-8") as f:
        f.write(cut)
    with open(f"{out}/record-{size}.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": f"big-{size}", "documents": [{"id": "d", "text": cut}]}) + "\n")
PY

# Runs precis ARGS under GNU time; prints "peak_MiB wall_s exit".
measure() {
    local code=0
    /usr/bin/time -v "$bin" summarize "$@" --words 100 --threads 1 >/dev/null 2>"$out/time.txt" || code=$?
    awk -v code="$code" '
        /Maximum resident set size/ { kb = $NF }
        /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = t[n] + (n > 1 ? 60 * t[n-1] : 0) }
        END { printf "%.1f %.2f %d\n", kb / 1024, s, code }' "$out/time.txt"
}

{
    echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| input | MiB of text | peak RSS MiB | peak ÷ input | wall s | exit |"
    echo "|---|---:|---:|---:|---:|---:|"
    raise=(--max-document-mb 64 --max-line-mb 128)
    for size in $sizes; do
        mib=$(awk -v b="$(stat -c %s "$out/doc-$size.txt")" 'BEGIN { printf "%.1f", b / 1048576 }')
        for kind in txt jsonl; do
            file="$out/doc-$size.txt"; [ "$kind" = jsonl ] && file="$out/record-$size.jsonl"
            read -r peak wall code < <(measure "$file" "${raise[@]}")
            ratio=$(awk -v p="$peak" -v m="$mib" 'BEGIN { printf "%.1f", p / m }')
            echo "| one document, .$kind | $mib | $peak | ${ratio}x | $wall | $code |"
        done
    done
    last=${sizes##* }
    read -r peak wall code < <(measure "$out/doc-$last.txt")
    echo "| one document, .txt, default limits (refused) | $last.0 | $peak | | $wall | $code |"
    echo
    echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/report.md"
