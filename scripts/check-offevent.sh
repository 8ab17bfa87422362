#!/usr/bin/env bash
# Checks what the off-event default promises on the shared data: summaries
# with the default (confidently off-event documents left out) score at least
# what --keep-off-event scores on the clean DUC 2003 clusters, and no clean
# cluster of the development set has a confident flag. About 10 s on 2 cores.
#   bash scripts/check-offevent.sh [DATA_DIR]
set -euo pipefail
data=${1:-../shared/data}
cargo build --release -q -p precis-cli
# The binary cargo just built, wherever CARGO_TARGET_DIR puts it.
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/precis"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
args=(eval --data "$data/duc2003.jsonl.gz" --protocol duc --methods auto --no-oracle --json)
"$bin" "${args[@]}" >"$tmp/default.json"
"$bin" "${args[@]}" --keep-off-event >"$tmp/kept.json"
"$bin" eval --data "$data/offevent-duc2003.jsonl.gz" --protocol offevent --json >"$tmp/offevent.json"
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
def means(name):
    rows = json.load(open(f"{tmp}/{name}.json"))["rows"]
    (auto,) = [r for r in rows if r["method"] == "auto"]
    return {measure: s["mean"] for measure, s in auto["scores"]}
default, kept = means("default"), means("kept")
for measure, x in default.items():
    # Within noise: 0.02 ROUGE points, 0.0002 as a fraction.
    assert x >= kept[measure] - 0.0002, (
        f"DUC 2003 auto {measure}: the default ({x:.5f}) scores below --keep-off-event "
        f"({kept[measure]:.5f}); off-event documents are left out where they should not be "
        "(see crates/precis/src/off_event.rs, DocumentVerdict::confident)")
rows = json.load(open(f"{tmp}/offevent.json"))["rows"]
(confident,) = [r for r in rows if r["what"].startswith("confident flags")]
assert confident["clean_flagged"] == 0, (
    f"{confident['clean_flagged']} clean clusters of offevent-duc2003 have a confident flag: "
    "their documents' sentences would be left out of summaries")
print(f"off-event: default {default} >= --keep-off-event {kept}; "
      f"confident flags precision {confident['precision']:.3f}, recall {confident['recall']:.3f}, "
      "no clean cluster")
PY
