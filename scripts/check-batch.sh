#!/usr/bin/env bash
# Summarizes the shared evaluation sets in batch mode and checks that every
# input record yields exactly one output record, in order, without errors.
set -euo pipefail
data=${1:-../shared/data}
cargo build --release -q -p precis-cli
# The binary cargo just built, wherever CARGO_TARGET_DIR puts it.
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/precis"
check() {
  local file=$1 words=$2 expect=$3
  local out
  out=$(mktemp)
  # Exit status 1 means some records failed; which ones is checked below.
  local status=0
  "$bin" summarize "$data/$file" --format jsonl --words "$words" >"$out" 2>/dev/null || status=$?
  if [ "$status" -gt 1 ]; then echo "precis failed with status $status on $file"; exit 1; fi
  python3 - "$out" "$data/$file" "$expect" <<'PY'
import gzip, json, sys
out, gold, expect = sys.argv[1], sys.argv[2], int(sys.argv[3])
ids = [json.loads(l)["id"] for l in gzip.open(gold, "rt")]
recs = [json.loads(l) for l in open(out)]
assert len(recs) == expect == len(ids), (len(recs), expect, len(ids))
assert [r["id"] for r in recs] == ids, "output order differs from input order"
# The only acceptable failures are clusters that hold nothing but site
# furniture (Multi-News has a few made only of "Tweet with a location" notices).
bad = [r for r in recs if "error" in r]
unexpected = [r for r in bad if "no sentence left after cleaning" not in r["error"]]
assert not unexpected, unexpected[:3]
empty = [r["id"] for r in recs if "error" not in r and not r["summary"].strip()]
assert not empty, empty[:5]
print(f"{gold}: {len(recs)} records, in order; {len(bad)} all-boilerplate clusters reported as errors: {[r['id'] for r in bad]}")
PY
  rm -f "$out"
}
check multinews-val.jsonl.gz 250 1000
check duc2003.jsonl.gz 100 30
