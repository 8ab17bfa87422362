#!/usr/bin/env bash
# Speed, memory and quality of `precis cluster` on the development stream and
# on the Multi-News training split used as a stream (1k, 10k, 100k articles
# and the whole, 124,854), one thread, for docs/performance.md.
#
#   bash scripts/bench-stream.sh [DATA_DIR]     (default ../shared/data)
#
# Each run: user CPU seconds and peak RSS from /usr/bin/time, B-cubed and
# pairwise F1 of the output against the `story` field; with BENCH_CALLGRIND=1
# also the instructions per article under callgrind (streams up to 10k
# articles; valgrind must be installed). The Multi-News stream is built in a
# scratch directory by scripts/stream_multinews.py and deleted at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-${PRECIS_DATA:-$root/../shared/data}}"
bin="${BIN:-$root/target/release/precis}"
[ -x "$bin" ] || cargo build --release -p precis-cli --manifest-path "$root/Cargo.toml"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
gzip -dc "$data/stream-dev.jsonl.gz" > "$scratch/dev.jsonl"
python3 "$root/scripts/stream_multinews.py" "$data/multinews-train.jsonl.gz" "$scratch/mn.jsonl"
for n in 1000 10000 100000; do head -n "$n" "$scratch/mn.jsonl" > "$scratch/mn-$n.jsonl"; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| stream | articles | user CPU s | articles per CPU second | instructions per article | peak RSS MB | B-cubed F1 | pairwise F1 |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for name in dev mn-1000 mn-10000 mn-100000 mn; do
    in="$scratch/$name.jsonl"
    /usr/bin/time -f "%U %M" -o "$scratch/time" "$bin" cluster "$in" -o "$scratch/out.jsonl"
    read -r user rss < "$scratch/time"
    instr="-"
    n=$(wc -l < "$in")
    if [ "${BENCH_CALLGRIND:-0}" = 1 ] && [ "$n" -le 10000 ]; then
        valgrind --tool=callgrind --callgrind-out-file="$scratch/cg" "$bin" cluster "$in" -o /dev/null 2> "$scratch/cg.log"
        instr=$(grep -o 'refs: *[0-9,]*' "$scratch/cg.log" | tr -dc '0-9')
        instr=$((instr / n))
    fi
    python3 - "$in" "$scratch/out.jsonl" "$name" "$user" "$rss" "$instr" <<'PY'
import json, sys
from collections import Counter
inp, out, name, user, rss, instr = sys.argv[1:]
gold = [json.loads(l)["story"] for l in open(inp)]
pred = [json.loads(l)["story"] for l in open(out)]
assert len(gold) == len(pred)
n = len(gold)
pc, gc, both = Counter(pred), Counter(gold), Counter(zip(pred, gold))
p = sum(both[k] ** 2 / pc[k[0]] for k in both) / n
r = sum(both[k] ** 2 / gc[k[1]] for k in both) / n
pairs = lambda c: c * (c - 1) / 2
tp = sum(pairs(c) for c in both.values())
pp, gp = tp / max(1, sum(pairs(c) for c in pc.values())), tp / max(1, sum(pairs(c) for c in gc.values()))
user = float(user)
rate = f"{n / user:,.0f}" if user > 0 else "-"
print(f"| {name} | {n:,} | {user:.2f} | {rate} | {instr if instr == '-' else format(int(instr), ',')} | {int(rss) / 1024:.1f} "
      f"| {2 * p * r / (p + r):.4f} | {2 * pp * gp / (pp + gp) if pp + gp else 0:.4f} |")
PY
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
