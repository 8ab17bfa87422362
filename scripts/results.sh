#!/usr/bin/env bash
# Regenerates docs/results.md: every method, the oracle and the ablations on
# DUC 2003 and Multi-News validation, under the standard protocols; the
# off-event detector on its DUC 2003 development set.
#   bash scripts/results.sh [DATA_DIR]   (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-${PRECIS_DATA:-../shared/data}}
cargo build --release -q -p precis-cli
# The binary cargo just built, wherever CARGO_TARGET_DIR puts it.
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/precis"
out=docs/results.md
tmp=$(mktemp)
{
  echo "# Results"
  echo
  echo "Produced by \`bash scripts/results.sh\` (which runs \`precis eval\`); do not edit by hand."
  echo "Scores are computed by precis' own ROUGE, verified per cluster against ROUGE-1.5.5 and rouge-score by \`scripts/verify-rouge.sh\`."
  echo "Times are milliseconds per cluster on one thread, cleaning, segmentation and analysis included, measured while the table was made (machine: $(nproc) cores; load $(cut -d' ' -f1 /proc/loadavg))."
  echo "The oracle row adds sentences greedily while they raise ROUGE-1 + ROUGE-2 against the references: a ceiling, not a method."
  echo
  echo "## DUC 2003 (tuning set), 30 clusters, 4 references"
  echo
  echo "Protocol: 100 words, the last sentence cut at the limit (\`--fill\`); ROUGE-1.5.5 \`-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0 -2 4 -u\`, recall with 95% bootstrap intervals."
  echo
  echo '```'
  "$bin" eval --data "$data/duc2003.jsonl.gz" --protocol duc --ablations
  echo '```'
  echo
  echo "## Multi-News validation (tuning set), 1000 clusters, 1 reference"
  echo
  echo "Protocol: at most 250 words of whole sentences; rouge-score with stemming, F1, rougeLsum over newline-separated summary sentences."
  echo
  echo '```'
  "$bin" eval --data "$data/multinews-val.jsonl.gz" --protocol multinews --ablations 2>/dev/null
  echo '```'
  echo
  bash scripts/results-offevent.sh "$bin" "$data"
  bash scripts/results-order.sh "$data"
  bash scripts/results-context.sh "$bin" "$data"
  bash scripts/results-stream.sh "$bin" "$data"
  bash scripts/results-facts.sh "$data"
  cat docs/results-notes.md
} >"$tmp"
mv "$tmp" "$out"
echo "wrote $out"
