#!/usr/bin/env bash
# The provenance section of docs/results.md (called by results.sh):
#   bash scripts/results-facts.sh DATA_DIR
set -euo pipefail
data=$1
sets=()
for f in duc2003 multinews-test-raw-dev duc2006; do
  [ -f "$data/$f.jsonl.gz" ] && sets+=("$data/$f.jsonl.gz")
done
[ ${#sets[@]} -gt 0 ] || exit 0
echo "## Provenance: the same fact in other words"
echo
echo "Pairs of candidate sentences from different documents of a cluster that share a number (at least 10, not a year) and two names (capitalized words inside the sentence), found by rules of the measuring program's own (\`crates/precis/examples/provenance_recall.rs\`), not by \`precis::facts\`: \`same\` is the share of them provenance links. \`differ\` pairs share two names and each gives numbers, but no number in common (mostly different facts about the same actors): the share linked is a proxy for false links. \`links/s\` is the mean number of other-document sentences each sentence is linked to. *before*: cosine at least 0.5 or a near duplicate on stems alone (provenance until facts); *after*: provenance now (\`compose::carries\`). Multi-News validation is lowercased, so it has no names to find; the raw Multi-News test development file is used instead."
echo
echo '```'
cargo run --release -q -p precis --example provenance_recall -- "${sets[@]}" | sed "s|$data/||"
echo '```'
echo
