#!/usr/bin/env bash
# Summarizes the shared evaluation sets in batch mode and checks that every
# input record yields exactly one output record, in order, without errors.
set -euo pipefail
data=${1:-../shared/data}
cargo build --release -q -p precis-cli
bin=target/release/precis
check() {
  local file=$1 words=$2 expect=$3
  local out
  out=$(mktemp)
  "$bin" summarize "$data/$file" --format jsonl --words "$words" >"$out"
  python3 - "$out" "$data/$file" "$expect" <<'PY'
import gzip, json, sys
out, gold, expect = sys.argv[1], sys.argv[2], int(sys.argv[3])
ids = [json.loads(l)["id"] for l in gzip.open(gold, "rt")]
recs = [json.loads(l) for l in open(out)]
assert len(recs) == expect == len(ids), (len(recs), expect, len(ids))
assert [r["id"] for r in recs] == ids, "output order differs from input order"
bad = [r for r in recs if "error" in r]
assert not bad, bad[:3]
empty = [r["id"] for r in recs if not r["summary"].strip()]
assert not empty, empty[:5]
print(f"{gold}: {len(recs)} records, in order, none empty")
PY
  rm -f "$out"
}
check multinews-val.jsonl.gz 250 1000
check duc2003.jsonl.gz 100 30
